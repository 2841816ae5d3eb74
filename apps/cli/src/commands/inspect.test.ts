import { InspectReport } from '@natscope/api';
import { fixtureDir, manifest } from '@natscope/iptables/fixtures/manifest';
import { describe, expect, it } from 'vitest';
import { runWithMemoryIo } from '../memory-io.js';
import { inspectCommand } from './inspect.js';

const path = (name: string) => new URL(name, fixtureDir).pathname;
const inspect = (...args: string[]) => runWithMemoryIo((io) => inspectCommand.run(args, io));

describe('natscope inspect', () => {
  it('starts with what was read: file, health, backend and header, rule count, diagnostics count', async () => {
    const { code, stdout, stderr } = await inspect(path('s5-tenant-v116-legacy.txt'));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.split('\n').slice(0, 5)).toEqual([
      `natscope inspect ${path('s5-tenant-v116-legacy.txt')}`,
      'health       read · healthy',
      'backend      legacy (iptables-save v1.8.9)',
      'rules        18 in 17 chains · tables nat, mangle',
      'diagnostics  no problems found',
    ]);
  });

  it('groups mappings by EIP with the internal address and port, counters and rule lines', async () => {
    const { stdout } = await inspect(path('s5-tenant-v116-legacy.txt'));
    const section = stdout.slice(stdout.indexOf('EIP MAPPINGS'));
    expect(section).toContain('EIP MAPPINGS (3 EIPs;');
    const lines = section.split('\n');
    const at = (eip: string) => lines.indexOf(eip);
    expect(at('192.168.100.10')).toBeLessThan(at('192.168.100.11'));
    expect(at('192.168.100.11')).toBeLessThan(at('192.168.100.12'));
    expect(lines[at('192.168.100.10') + 1]).toMatch(
      /^ {2}dnat +tcp\/8080 → 10\.0\.1\.30:80 +34,750 pkts +17\.1 MiB +line 24$/,
    );
    expect(lines[at('192.168.100.10') + 2]).toMatch(
      /^ {2}snat +← 10\.0\.1\.0\/24 \(out net1\) +427 pkts +225\.6 KiB +line 25$/,
    );
    expect(lines[at('192.168.100.11') + 1]).toMatch(
      /^ {2}fip +⇄ 10\.0\.1\.5 \(all protocols\) +14,106 pkts +14\.7 MiB +lines 18, 19$/,
    );
    expect(lines[at('192.168.100.12') + 1]).toMatch(/^ {2}dnat +tcp\/2222 → 10\.0\.2\.20:22 /);
  });

  it('lists diagnostics by severity with their rule lines, and flags the mappings they hit', async () => {
    const { stdout } = await inspect(path('s2-egress-v111-nft.txt'));
    expect(stdout).toContain('diagnostics  1 warning, 1 info (see below)');
    expect(stdout).toMatch(
      / {2}snat +← 10\.0\.1\.0\/24 \(no -o, no --random-fully\) .* line 17 {2}! snat-without-out-interface, snat-without-random-fully/,
    );
    const diagnostics = stdout.slice(stdout.indexOf('DIAGNOSTICS'));
    expect(diagnostics.indexOf('warning  snat-without-out-interface  line 17')).toBeGreaterThan(0);
    expect(diagnostics.indexOf('info     snat-without-random-fully  line 17')).toBeGreaterThan(
      diagnostics.indexOf('warning'),
    );
    // Messages are wrapped and indented under their code.
    expect(diagnostics).toMatch(/\n {9}SHARED_SNAT rule 1 \(line 17: 10\.0\.1\.0\/24 → 192\.168\.100\.10\) has no -o/);
  });

  it('shows the dump’s warnings up front and explains an empty gateway', async () => {
    const { stdout } = await inspect(path('nft-view-of-legacy-gateway.txt'));
    const lines = stdout.split('\n');
    expect(lines[5]).toBe(
      'dump says    # Warning: iptables-legacy tables present, use iptables-legacy-save to see them',
    );
    expect(stdout).toContain('EIP MAPPINGS: none');
    expect(stdout).toMatch(/\nerror +gateway-not-initialized\n/);
    expect(stdout).toMatch(/\nwarning +legacy-tables-present\n/);
  });

  it('says at first sight that a gateway whose dump was read is broken when its rules are gone, and still exits 0', async () => {
    const { code, stdout } = await inspect(path('restarted-empty-legacy.txt'));
    expect(code).toBe(0);
    expect(stdout.split('\n')[1]).toBe('health       read · broken: not initialised');
    expect((await inspect(path('fip-half-dnat-v114-legacy.txt'))).stdout.split('\n')[1]).toBe(
      'health       read · broken: half a floating IP',
    );
    expect((await inspect(path('s6-overlapping-snat-v116-legacy.txt'))).stdout.split('\n')[1]).toBe(
      'health       read · degraded: 2 rules shadowed',
    );
  });

  it('names the wrong backend first when an nft view of a legacy gateway also looks not initialised', async () => {
    const { stdout } = await inspect(path('nft-view-of-legacy-gateway.txt'));
    expect(stdout.split('\n')[1]).toBe('health       read · broken: wrong iptables backend read, +1 more');
  });

  it('lists operator chains apart, with where they are reached from', async () => {
    const { stdout } = await inspect(path('operator-chains-v116-legacy.txt'));
    const section = stdout.slice(stdout.indexOf('OTHER CHAINS'));
    expect(section).toContain('nat/OPS_INGRESS_AUDIT  2 rules, reached from PREROUTING line 16');
    expect(section).toContain('nat/OPS_MGMT_MASQ  1 rule, reached from POSTROUTING line 19');
    expect(section).toContain('  line 29  /* mgmt egress */ → MASQUERADE');
  });

  it('leaves the counter columns out for a dump taken without -c', async () => {
    const { stdout } = await inspect(
      new URL('../../../../packages/natgw/fixtures/tenant-v116-legacy-no-counters.txt', import.meta.url).pathname,
    );
    expect(stdout).toContain('EIP MAPPINGS (3 EIPs; no counters: the dump was taken without -c)');
    expect(stdout).toMatch(/\n {2}dnat +tcp\/8080 → 10\.0\.1\.30:80 +line 24\n/);
    expect(stdout).not.toContain('pkts');
  });

  it('marks an EIP that lacks its hairpin rule', async () => {
    const { stdout } = await inspect(path('hairpin-missing-v116-legacy.txt'));
    expect(stdout).toContain('192.168.100.11   ! no hairpin rule');
  });

  it('prints, with --json, a report the API schema accepts, for every fixture', async () => {
    for (const entry of manifest) {
      const { code, stdout } = await inspect('--json', path(entry.file));
      expect(code, entry.file).toBe(0);
      const report = InspectReport.parse(JSON.parse(stdout));
      // The CLI reads no stderr, so a legacy warning that only the collector's stderr carried is not seen.
      const expected = entry.stderr
        ? entry.expect.diagnostics.filter((c) => c !== 'legacy-tables-present')
        : entry.expect.diagnostics;
      expect(report.diagnostics.map((d) => d.code).sort(), entry.file).toEqual([...expected].sort());
    }
  });

  it('reads a dump whose comments are not all UTF-8: every mapping, the bytes shown escaped, an info naming where', async () => {
    const { code, stdout, stderr } = await inspect(path('odd-bytes-v116-legacy.txt'));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('Line 16, column 64: comment is not UTF-8; shown escaped ("caf\\xe9 audit")');
    expect(stdout).toContain('nat/OPS_\\xe9T\\xe9  1 rule');
    expect(stdout).not.toContain('\ufffd');
    const json = await inspect('--json', path('odd-bytes-v116-legacy.txt'));
    const report = InspectReport.parse(JSON.parse(json.stdout));
    expect(report.mappings).toHaveLength(1 + 2 + 2 + 3);
    expect(report.diagnostics.filter((d) => d.code === 'non-utf8-text')).toHaveLength(4);
    const audit = report.tables[0]!.chains.find((c) => c.name === 'PREROUTING')!.rules[0]!;
    expect(audit.text).toContain('"caf\\xe9 audit"');
  });
});
