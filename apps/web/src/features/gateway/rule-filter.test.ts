import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { parseFilter } from '../../lib/filter-query.js';
import { matchRules } from './rule-filter.js';

const report = fixtureReport('s5-tenant-v116-legacy.txt');

function kept(filter: string): string[] {
  const matches = matchRules(report, parseFilter(filter).terms);
  if (!matches) return [];
  return [...matches].flatMap(([node, indexes]) => [...indexes].map((i) => `${node}/${i}`)).sort();
}

describe('filtering the rules of a gateway', () => {
  it('does nothing without terms', () => {
    expect(matchRules(report, [])).toBeNull();
  });

  it('keeps the rules whose addresses contain an IP, including translated ones', () => {
    // 10.0.1.5 is the FIP's internal address: DNAT target, SNAT source, and inside the 10.0.1.0/24 SNAT source.
    expect(kept('10.0.1.5')).toEqual(['nat/EXCLUSIVE_DNAT/1', 'nat/EXCLUSIVE_SNAT/1', 'nat/SHARED_SNAT/1']);
  });

  it('keeps rules whose addresses overlap a CIDR', () => {
    expect(kept('10.0.2.0/24')).toEqual(['nat/SHARED_DNAT/1', 'nat/SHARED_SNAT/2']);
  });

  it('matches a port as matched or translated', () => {
    expect(kept('port:2222')).toEqual(['nat/SHARED_DNAT/1']);
    expect(kept(':80')).toEqual(['nat/SHARED_DNAT/2']);
  });

  it('keeps every rule of an EIP and narrows with more terms', () => {
    const eip = kept('eip:192.168.100.10');
    expect(eip).toContain('nat/SHARED_DNAT/2');
    expect(eip).toContain('nat/SHARED_SNAT/1');
    expect(eip).toContain('nat/HAIRPIN_SNAT/1');
    expect(eip).not.toContain('nat/SHARED_DNAT/1');
    expect(kept('eip:192.168.100.10 tcp')).toEqual(['nat/SHARED_DNAT/2']);
  });

  it('finds text in the rule or its summary', () => {
    expect(kept('ctorigdst')).toEqual(['nat/HAIRPIN_SNAT/1', 'nat/HAIRPIN_SNAT/2', 'nat/HAIRPIN_SNAT/3']);
    expect(kept('⇄')).toEqual(['nat/EXCLUSIVE_DNAT/1', 'nat/EXCLUSIVE_SNAT/1']);
  });

  it('keeps the rules of a facet: a kind of mapping, or a severity of diagnostic', () => {
    expect(kept('is:fip')).toEqual(['nat/EXCLUSIVE_DNAT/1', 'nat/EXCLUSIVE_SNAT/1']);
    expect(kept('is:hairpin')).toEqual(['nat/HAIRPIN_SNAT/1', 'nat/HAIRPIN_SNAT/2', 'nat/HAIRPIN_SNAT/3']);
    const warned = report.diagnostics
      .filter((d) => d.severity === 'warning')
      .flatMap((d) => d.rules.map((r) => `${r.table}/${r.chain}/${r.index}`));
    expect(kept('is:warning')).toEqual([...new Set(warned)].sort());
    // Facets narrow with the other terms like any term.
    expect(kept('is:fip is:dnat')).toEqual([]);
  });
});

describe('filtering by protocol', () => {
  it('finds a protocol by name or number, as iptables reads either', async () => {
    const { parse } = await import('@natscope/iptables');
    const { inspect } = await import('@natscope/natgw');
    const numbered = inspect(parse('*nat\n:X - [0:0]\n-A X -p 6 -j ACCEPT\n-A X -p udp -j ACCEPT\nCOMMIT\n'));
    const keptOf = (filter: string) =>
      [...(matchRules(numbered, parseFilter(filter).terms)?.values() ?? [])].flatMap((set) => [...set]);
    expect(keptOf('proto:tcp')).toEqual([1]);
    expect(keptOf('17')).toEqual([]); // a bare number is a port
    expect(keptOf('proto:17')).toEqual([2]);
  });
});
