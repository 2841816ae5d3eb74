import { describe, expect, it } from 'vitest';
import { inspectFixture, lineOf, linesOf } from '../report/fixture-corpus.js';

describe('hairpin-missing', () => {
  it('reports an EIP in use without a HAIRPIN_SNAT rule, naming the rules that use it', () => {
    const { dump, report } = inspectFixture('hairpin-missing-v116-legacy.txt');
    expect(linesOf(report, 'hairpin-missing')).toEqual([
      [lineOf(dump, '-d 192.168.100.11/32'), lineOf(dump, '-s 10.0.1.5/32')],
    ]);
    const d = report.diagnostics.find((x) => x.code === 'hairpin-missing')!;
    expect(d.severity).toBe('warning');
    expect(d.message).toMatch(/^EIP 192\.168\.100\.11 has no HAIRPIN_SNAT rule/);
    expect(d.message).toContain('192.168.100.11 ⇄ 10.0.1.5');
    expect(d.message).toContain('kube-ovn #5572');
  });

  it('does not expect hairpin rules from gateways older than v1.16', () => {
    for (const file of ['s5-tenant-v114-legacy.txt', 's8-vm-fips-v114-nft.txt', 's5-tenant-v111-nft.txt']) {
      expect(linesOf(inspectFixture(file).report, 'hairpin-missing'), file).toEqual([]);
    }
  });
});
