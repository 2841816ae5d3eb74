import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadingDiff } from '@natscope/api';
import { afterAll, describe, expect, it } from 'vitest';
import { runWithMemoryIo } from '../memory-io.js';
import { runCli } from '../run-cli.js';

const dir = new URL('../../../../packages/natgw/fixtures/diff/', import.meta.url);
const path = (name: string): string => new URL(`${name}.txt`, dir).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'natscope-cli-diff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (args: string[], stdin?: string) => runWithMemoryIo((io) => runCli(['diff', ...args], io), stdin);

describe('natscope diff', () => {
  it('says in words what happened to each EIP, then the rule lines', async () => {
    const { code, stdout, stderr } = await run([
      path('dnat-repointed-v116-legacy.before'),
      path('dnat-repointed-v116-legacy.after'),
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(': 1 mapping changed, 1 rule added, 1 rule removed\n');
    expect(stdout).toContain(
      '  port forward tcp 192.168.100.12:2222 → 10.0.2.20:22 changed: now tcp 192.168.100.12:2222 → 10.0.2.21:22\n',
    );
    expect(stdout).toMatch(
      /Rules removed \(line in .*before\.txt\):\n {2}\d+ {2}nat {2}-A SHARED_DNAT -d 192\.168\.100\.12\/32 -p tcp -m tcp --dport 2222 -j DNAT --to-destination 10\.0\.2\.20:22\n/,
    );
  });

  it('names every mapping of a pod that lost its rules as removed', async () => {
    const { code, stdout } = await run([path('rules-lost-v116-legacy.before'), path('rules-lost-v116-legacy.after')]);
    expect(code).toBe(0);
    expect(stdout).toContain('  floating IP 192.168.100.11 ⇄ 10.0.1.5 removed\n');
    expect(stdout).toContain('  error appeared: not initialised\n');
  });

  it('says there is no change when only counters moved', async () => {
    const { code, stdout } = await run([path('counters-only-v116-nft.before'), path('counters-only-v116-nft.after')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/: no change \(counters aside\)\n$/);
  });

  it('prints Contract 6 as JSON, one of the dumps from stdin', async () => {
    const before = readFileSync(path('snat-removed-v116-legacy.before'), 'utf8');
    const { code, stdout } = await run(['--json', '-', path('snat-removed-v116-legacy.after')], before);
    expect(code).toBe(0);
    const d = ReadingDiff.parse(JSON.parse(stdout));
    expect(d.mappings.removed).toMatchObject([{ kind: 'snat', internalCidr: '10.0.2.0/24' }]);
  });

  it('exits 1 with file:line:column when a file is not iptables-save output', async () => {
    const bad = join(scratch, 'not-a-dump.txt');
    writeFileSync(bad, '*nat\n:PREROUTING ACCEPT [0:0]\n-A POSTROUTING -j SNAT_FILTER\nCOMMIT\n');
    const { code, stderr } = await run([path('fip-moved-v116-legacy.before'), bad]);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:\\d+: `));
    expect(stderr).not.toMatch(/ at .*\.(ts|js):\d+/);
  });

  it('exits 2 on a usage error', async () => {
    expect((await run([path('fip-moved-v116-legacy.before')])).code).toBe(2);
    expect((await run(['-', '-'], '')).stderr).toContain('stdin (-) can be only one of the two dumps');
    expect((await run(['--colour', 'a', 'b'])).code).toBe(2);
  });
});
