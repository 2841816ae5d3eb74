import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runWithMemoryIo } from '../memory-io.js';
import { printCommand } from './print.js';

const fixtures = new URL('../../../../packages/iptables/fixtures/', import.meta.url);
const dumps = readdirSync(fixtures).filter((f) => f.endsWith('.txt'));

describe('natscope print', () => {
  it('prints every fixture back byte for byte', async () => {
    expect(dumps.length).toBeGreaterThan(40);
    for (const name of dumps) {
      const path = new URL(name, fixtures).pathname;
      const { code, stdoutBytes, stderr } = await runWithMemoryIo((io) => printCommand.run([path], io));
      expect(stderr, name).toBe('');
      expect(code, name).toBe(0);
      // odd-bytes-* holds a Latin-1 comment and chain name: bytes that are not UTF-8 come back as themselves.
      expect(Buffer.from(stdoutBytes).equals(readFileSync(path)), name).toBe(true);
    }
  });

  it('prints stdin back byte for byte, CRLF line ends and a missing final newline included', async () => {
    const text = readFileSync(new URL('s4-port-forwards-v114-legacy.txt', fixtures), 'utf8')
      .replace(/\n/g, '\r\n')
      .replace(/\r\n$/, '');
    const { code, stdout } = await runWithMemoryIo((io) => printCommand.run(['-'], io), text);
    expect(code).toBe(0);
    expect(stdout).toBe(text);
  });
});
