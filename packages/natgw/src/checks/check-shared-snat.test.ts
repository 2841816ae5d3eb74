import { describe, expect, it } from 'vitest';
import { inspectFixture, lineOf, linesOf } from '../report/fixture-corpus.js';

describe('SHARED_SNAT flags', () => {
  it('reports a v1.11 SNAT rule without -o and without --random-fully, once per rule', () => {
    const { dump, report } = inspectFixture('s2-egress-v111-nft.txt');
    const line = lineOf(dump, '-A SHARED_SNAT');
    expect(linesOf(report, 'snat-without-out-interface')).toEqual([[line]]);
    expect(linesOf(report, 'snat-without-random-fully')).toEqual([[line]]);
    const out = report.diagnostics.find((d) => d.code === 'snat-without-out-interface')!;
    const random = report.diagnostics.find((d) => d.code === 'snat-without-random-fully')!;
    expect(out.severity).toBe('warning');
    expect(random.severity).toBe('info');
    expect(out.message).toContain(`SHARED_SNAT rule 1 (line ${line}: 10.0.1.0/24 → 192.168.100.10) has no -o`);
    expect(out.message).toContain('other subnets see 192.168.100.10 instead of the real source');
    expect(random.message).toContain('two can pick the same source port on 192.168.100.10');
  });

  it('reads the v1.11 SNAT as a mapping with its flags', () => {
    const { report } = inspectFixture('s2-egress-v111-nft.txt');
    expect(report.mappings).toEqual([
      expect.objectContaining({
        kind: 'snat',
        eip: '192.168.100.10',
        internalCidr: '10.0.1.0/24',
        randomFully: false,
        outInterface: null,
      }),
    ]);
  });

  it('finds nothing to flag on v1.12+ SNAT rules', () => {
    for (const file of ['s2-egress-v116-legacy.txt', 's2-egress-master-nft.txt', 's5-tenant-v114-nft.txt']) {
      const { report } = inspectFixture(file);
      expect(
        [...linesOf(report, 'snat-without-out-interface'), ...linesOf(report, 'snat-without-random-fully')],
        file,
      ).toEqual([]);
    }
  });
});
