import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runWithMemoryIo } from './memory-io.js';
import { runCli } from './run-cli.js';

const fixtures = new URL('../../../packages/iptables/fixtures/', import.meta.url);
const S5 = new URL('s5-tenant-v116-legacy.txt', fixtures).pathname;
const natscope = async (args: string[], stdin: string | Uint8Array = '') => {
  const { code, stdout, stderr } = await runWithMemoryIo((io) => runCli(args, io), stdin);
  return { code, stdout, stderr };
};

// A stack trace has lines like "    at runCli (file:///…/run-cli.ts:12:3)".
const STACK = /^\s+at .+:\d+/m;

describe('natscope command line', () => {
  it('prints its usage, commands and exit codes for --help, exit 0', async () => {
    const { code, stdout, stderr } = await natscope(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: natscope <command> \[options\] <file\|->/);
    expect(stdout).toMatch(/^ {2}inspect +show the EIP mappings/m);
    expect(stdout).toMatch(/^ {2}print +parse a dump and print it back/m);
    expect(stdout).toContain('2  usage error');
  });

  it('exits 2 with the usage on stderr when run without a command', async () => {
    const { code, stdout, stderr } = await natscope([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: natscope/);
  });

  it('exits 2 on an unknown command, saying which', async () => {
    const { code, stderr } = await natscope(['inpsect', S5]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^natscope: unknown command 'inpsect'\n/);
    expect(stderr).toContain('Commands:');
  });

  it('shows a command’s own help with --help, even beside other arguments', async () => {
    for (const args of [
      ['inspect', '--help'],
      ['inspect', S5, '-h'],
      ['print', '--help'],
    ]) {
      const { code, stdout } = await natscope(args);
      expect(code, args.join(' ')).toBe(0);
      expect(stdout, args.join(' ')).toMatch(new RegExp(`^Usage: natscope ${args[0]}`));
    }
  });

  it('exits 2 on an unknown option, a missing file argument or an extra argument', async () => {
    const cases: Array<[string[], string]> = [
      [['inspect', '--jsn', S5], "natscope: inspect: Unknown option '--jsn'"],
      [['inspect'], 'natscope: inspect: missing <file|->'],
      [['print', S5, S5], `natscope: print: unexpected argument '${S5}'`],
      [['print', '--json', S5], "natscope: print: Unknown option '--json'"],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await natscope(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.split('\n')[0], args.join(' ')).toBe(message);
      expect(stderr, args.join(' ')).toContain(`Usage: natscope ${args[0]}`);
    }
  });

  it('exits 2 with a clear message for a file that cannot be read', async () => {
    const missing = await natscope(['inspect', '/no/such/gw.txt']);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: "natscope: cannot read /no/such/gw.txt: no such file\nRun 'natscope inspect --help' for usage.\n",
    });
    const directory = await natscope(['print', new URL('.', fixtures).pathname]);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain('is a directory, not a file');
  });

  it('exits 1 on a syntax error with file:line:column, the reason and a code frame, and no stack', async () => {
    // A real dump with one counter broken, as a bad copy-paste into a ticket would.
    const text = readFileSync(S5, 'utf8').replace('[427:231007] -A SHARED_SNAT', '[427:23x007] -A SHARED_SNAT');
    const { code, stdout, stderr } = await natscope(['inspect', '-'], text);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const [first, ...frame] = stderr.trimEnd().split('\n');
    expect(first).toMatch(/^<stdin>:25:\d+: .*counter/);
    expect(frame.join('\n')).toContain('> 25 | [427:23x007] -A SHARED_SNAT');
    expect(frame.join('\n')).toMatch(/\|\s+\^/);
    expect(stderr).not.toMatch(STACK);
  });

  it('exits 1 on input that is not text at all, naming the first byte iptables-save never prints', async () => {
    // An ELF binary: '\x7fELF' then NULs.
    const binary = readFileSync(process.execPath).subarray(0, 4096);
    const { code, stdout, stderr } = await natscope(['print', '-'], binary);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(
      '<stdin>:1:1: binary data: control character U+007F cannot appear in iptables-save output',
    );
    expect(stderr).not.toMatch(STACK);
  });

  it('exits 1 at the line and column of a stray NUL in an otherwise good dump', async () => {
    const text = readFileSync(S5, 'utf8').replace('-A SHARED_SNAT', '-A SHARED\0SNAT');
    const { code, stderr } = await natscope(['inspect', '-'], text);
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(/^<stdin>:25:\d+: binary data: control character U\+0000/);
  });
});
