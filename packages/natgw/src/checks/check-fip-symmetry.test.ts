import { describe, expect, it } from 'vitest';
import { inspectFixture, lineOf, linesOf } from '../report/fixture-corpus.js';

describe('fip-asymmetric', () => {
  it('reports a floating IP whose SNAT half is missing, naming the EIP, the VM and the line', () => {
    const { dump, report } = inspectFixture('fip-half-dnat-v114-legacy.txt');
    const line = lineOf(dump, '-A EXCLUSIVE_DNAT -d 192.168.100.11/32');
    expect(linesOf(report, 'fip-asymmetric')).toEqual([[line]]);
    const d = report.diagnostics.find((x) => x.code === 'fip-asymmetric')!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain('Floating IP 192.168.100.11 → 10.0.1.5 is half configured');
    expect(d.message).toContain(`EXCLUSIVE_DNAT rule 1 (line ${line})`);
    expect(d.message).toContain('EXCLUSIVE_SNAT has no -s 10.0.1.5/32 → 192.168.100.11');
    expect(d.message).toContain('leaves through SHARED_SNAT with a shared EIP, or untranslated');
  });

  it('reports a floating IP whose DNAT half is missing', () => {
    const { dump, report } = inspectFixture('fip-half-snat-v115-nft.txt');
    const line = lineOf(dump, '-A EXCLUSIVE_SNAT -s 10.0.1.5/32');
    expect(linesOf(report, 'fip-asymmetric')).toEqual([[line]]);
    const d = report.diagnostics.find((x) => x.code === 'fip-asymmetric')!;
    expect(d.message).toContain('EXCLUSIVE_DNAT has no -d 192.168.100.11/32 → 10.0.1.5');
    expect(d.message).toContain('new connections to 192.168.100.11 are not forwarded to 10.0.1.5 at all');
  });

  it('keeps a half floating IP as a mapping with its one rule, and says so in the rule summary', () => {
    const { report } = inspectFixture('fip-half-dnat-v114-legacy.txt');
    expect(report.mappings).toEqual([
      expect.objectContaining({
        kind: 'fip',
        eip: '192.168.100.11',
        internalIp: '10.0.1.5',
        rules: [expect.anything()],
      }),
    ]);
    const rule = report.tables[0]!.chains.find((c) => c.name === 'EXCLUSIVE_DNAT')!.rules[0]!;
    expect(rule.summary).toBe('192.168.100.11 → 10.0.1.5 (floating IP, inbound half only)');
  });

  it('pairs both halves of every complete floating IP', () => {
    for (const file of [
      's3-fip-v114-nft.txt',
      's8-vm-fips-v114-nft.txt',
      's8-vm-fips-v116-legacy.txt',
      's5-tenant-master-legacy.txt',
    ]) {
      const { report } = inspectFixture(file);
      expect(linesOf(report, 'fip-asymmetric'), file).toEqual([]);
      for (const m of report.mappings.filter((x) => x.kind === 'fip')) {
        expect(
          m.rules.map((r) => r.chain),
          file,
        ).toEqual(['EXCLUSIVE_DNAT', 'EXCLUSIVE_SNAT']);
      }
    }
  });
});
