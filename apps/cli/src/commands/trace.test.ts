import { readFile } from 'node:fs/promises';
import { TraceResult } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { runWithMemoryIo } from '../memory-io.js';
import { runCli } from '../run-cli.js';

const S5 = new URL('../../../../packages/iptables/fixtures/s5-tenant-v116-legacy.txt', import.meta.url).pathname;
const S6 = new URL('../../../../packages/iptables/fixtures/s6-overlapping-snat-v116-legacy.txt', import.meta.url)
  .pathname;

/** Runs `natscope …` against the real files, capturing what it prints. */
function natscope(args: string[], stdin = '') {
  return runWithMemoryIo((io) => runCli(args, io), stdin);
}

describe('natscope trace', () => {
  it('prints the verdict and the steps of a hairpin connection', async () => {
    const { code, stdout, stderr } = await natscope([
      'trace',
      S5,
      '--in',
      'eth0',
      '--src',
      '10.0.1.7',
      '--dst',
      '192.168.100.10',
      '--dport',
      '8080',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'verdict: DNAT to 10.0.1.30:80 in SHARED_DNAT rule 2; SNAT to 192.168.100.10 in HAIRPIN_SNAT rule 1; leaves by eth0',
    );
    expect(stdout).toContain('leaving by eth0 (inferred)');
    expect(stdout).toMatch(
      /nat HAIRPIN_SNAT\s+#1\s+line 20\s+nat\s+-o eth0 matches eth0; --mark 0x1\/0x1 matches packet mark 0x1/,
    );
    expect(stdout).toContain('assumed:\n  - The packet is the first of a new connection (conntrack state NEW).');
  });

  it('prints the trace as JSON with steps, nat and final', async () => {
    const { code, stdout } = await natscope([
      'trace',
      S5,
      '--src',
      '203.0.113.7',
      '--dst',
      '192.168.100.12',
      '--dport',
      '2222',
      '--sport',
      '5555',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = TraceResult.parse(JSON.parse(stdout));
    expect(result.final).toEqual({
      src: '203.0.113.7',
      dst: '10.0.2.20',
      protocol: 'tcp',
      sport: 5555,
      dport: 22,
      outInterface: 'eth0',
    });
    expect(result.nat).toHaveLength(1);
    expect(result.steps.find((s) => s.result === 'nat')).toMatchObject({
      table: 'nat',
      chain: 'SHARED_DNAT',
      index: 1,
      line: 23,
    });
  });

  it('reads the dump from stdin', async () => {
    const text = await readFile(S6, 'utf8');
    const { code, stdout } = await natscope(
      [
        'trace',
        '-',
        '--in',
        'eth0',
        '--src',
        '10.0.1.5',
        '--dst',
        '8.8.8.8',
        '--proto',
        'udp',
        '--dport',
        '53',
        '--out',
        'net1',
      ],
      text,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('verdict: no DNAT; SNAT to 192.168.100.20 in SHARED_SNAT rule 1; leaves by net1');
    expect(stdout).not.toContain('(inferred)');
  });

  it('refuses bad arguments with exit 2, naming each flag, before reading the file', async () => {
    const { code, stdout, stderr } = await natscope([
      'trace',
      'no-such-file',
      '--src',
      '10.0.1',
      '--dport',
      '22x',
      '--proto',
      'sctp',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      "natscope: trace: --dport must be a port number (0-65535), not '22x'; --proto must be tcp, udp or icmp; --src must be an IPv4 address, not '10.0.1'; --dst is required",
    );
    expect(stderr).toContain('Usage: natscope trace <file|->');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a mark wider than 32 bits and an unknown option', async () => {
    expect(
      (await natscope(['trace', S5, '--src', '1.1.1.1', '--dst', '2.2.2.2', '--mark', '0x100000000'])).stderr,
    ).toContain('--mark must fit in 32 bits');
    const unknown = await natscope(['trace', S5, '--src', '1.1.1.1', '--dst', '2.2.2.2', '--port', '22']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--port'");
  });

  it('exits 1 with the position on a dump that is not iptables-save output', async () => {
    const { code, stderr } = await natscope(['trace', '-', '--src', '1.1.1.1', '--dst', '2.2.2.2'], '*nat\n-A\n');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^<stdin>:2:\d+: /);
  });

  it('shortens a long run of skipped rules unless --all is given', async () => {
    const rules = Array.from(
      { length: 40 },
      (_, i) => `-A PREROUTING -d 192.168.1.${i + 1}/32 -j DNAT --to-destination 10.0.1.${i + 1}`,
    );
    const dump = ['*nat', ':PREROUTING ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', ...rules, 'COMMIT', ''].join('\n');
    const args = ['trace', '-', '--src', '203.0.113.7', '--dst', '192.168.1.40', '--dport', '22'];
    const short = await natscope(args, dump);
    expect(short.stdout).toContain('… 32 more rules skipped (#6-#37; --all lists them)');
    expect(short.stdout).toContain('verdict: DNAT to 10.0.1.40 in PREROUTING rule 40; no SNAT; leaves by eth0');
    const all = await natscope([...args, '--all'], dump);
    expect(all.stdout.match(/ skipped /g)).toHaveLength(39);
  });
});
