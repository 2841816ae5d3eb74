import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { InspectReport } from '@natscope/api';
import { describe, expect, it } from 'vitest';

// The real executable as `pnpm natscope` runs it (tsx, no build), in a child process: what a user gets.
const root = new URL('../../../', import.meta.url).pathname;
const fixture = (name: string) => `packages/iptables/fixtures/${name}`;

async function natscope(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = promisify(execFile)(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
    cwd: root,
    maxBuffer: 64 << 20,
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('natscope executable', () => {
  it('prints a dump back byte-identical', async () => {
    const { code, stdout } = await natscope(['print', fixture('s5-tenant-v116-legacy.txt')]);
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(new URL(fixture('s5-tenant-v116-legacy.txt'), `file://${root}`), 'utf8'));
  });

  it('prints a dump whose comments are not all UTF-8 back as the same bytes, from stdin to stdout', async () => {
    const bytes = readFileSync(`${root}${fixture('odd-bytes-v116-legacy.txt')}`);
    const child = promisify(execFile)(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'print', '-'], {
      cwd: root,
      encoding: 'buffer',
    });
    child.child.stdin?.end(bytes);
    const { stdout } = await child;
    expect(stdout.equals(bytes)).toBe(true);
  });

  it('inspects stdin to JSON the API schema accepts', async () => {
    const text = readFileSync(`${root}${fixture('s6-overlapping-snat-v116-legacy.txt')}`, 'utf8');
    const { code, stdout, stderr } = await natscope(['inspect', '--json', '-'], text);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = InspectReport.parse(JSON.parse(stdout));
    expect(report.diagnostics.map((d) => d.code)).toEqual(['rule-shadowed', 'rule-shadowed']);
  });

  it('exits 1 on a syntax error and 2 on a usage error, without a stack trace', async () => {
    const broken = await natscope(['inspect', '-'], '*nat\n-A PREROUTING -j DNAT_FILTER\nCOMMIT\n');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^<stdin>:2:\d+: /);
    expect(broken.stderr).not.toMatch(/^\s+at /m);
    const usage = await natscope(['inspect', '--bogus']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^natscope: inspect: Unknown option '--bogus'/);
    expect(usage.stderr).not.toMatch(/^\s+at /m);
  });
});
