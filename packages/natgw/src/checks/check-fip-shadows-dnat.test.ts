import { describe, expect, it } from 'vitest';
import { inspectFixture, lineOf, linesOf } from '../report/fixture-corpus.js';

describe('fip-shadows-dnat', () => {
  it('reports each port forward on an EIP that a floating IP takes first', () => {
    const { dump, report } = inspectFixture('fip-shadows-dnat-v114-legacy.txt');
    const fip = lineOf(dump, '-A EXCLUSIVE_DNAT -d 192.168.100.11/32');
    const http = lineOf(dump, '--dport 80 ');
    const https = lineOf(dump, '--dport 443 ');
    // rules[0] is the SHARED_DNAT rule that never matches, rules[1] the floating IP's rule.
    expect(linesOf(report, 'fip-shadows-dnat')).toEqual([
      [http, fip],
      [https, fip],
    ]);
    const d = report.diagnostics.find((x) => x.code === 'fip-shadows-dnat')!;
    expect(d.severity).toBe('warning');
    expect(d.message).toContain(`SHARED_DNAT rule 1 (line ${http}: tcp 192.168.100.11:80 → 10.0.1.6:80) never matches`);
    expect(d.message).toContain('the floating IP 192.168.100.11 ⇄ 10.0.1.5');
    expect(d.message).toContain('TCP port 80 reaches 10.0.1.5 instead of 10.0.1.6');
  });

  it('does not confuse a port forward on another EIP with a shadowed one', () => {
    for (const file of ['s5-tenant-v116-legacy.txt', 's5-tenant-v114-nft.txt', 'operator-chains-v116-legacy.txt']) {
      expect(linesOf(inspectFixture(file).report, 'fip-shadows-dnat'), file).toEqual([]);
    }
  });
});
