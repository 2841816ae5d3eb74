import { describe, expect, it } from 'vitest';
import { chainGraph } from './chain-graph.js';
import { inspectFixture } from '../report/fixture-corpus.js';

const graphOf = (file: string) => chainGraph(inspectFixture(file).report.tables);

describe('chainGraph', () => {
  it('has a node per chain of every table, with Kube-OVN roles', () => {
    const graph = graphOf('s5-tenant-v116-legacy.txt');
    expect(graph.nodes.map((n) => [n.id, n.role])).toEqual([
      ['nat/PREROUTING', 'hook'],
      ['nat/INPUT', 'hook'],
      ['nat/OUTPUT', 'hook'],
      ['nat/POSTROUTING', 'hook'],
      ['nat/DNAT_FILTER', 'kube-ovn'],
      ['nat/EXCLUSIVE_DNAT', 'kube-ovn'],
      ['nat/EXCLUSIVE_SNAT', 'kube-ovn'],
      ['nat/HAIRPIN_SNAT', 'kube-ovn'],
      ['nat/SHARED_DNAT', 'kube-ovn'],
      ['nat/SHARED_SNAT', 'kube-ovn'],
      ['nat/SNAT_FILTER', 'kube-ovn'],
      ['mangle/PREROUTING', 'hook'],
      ['mangle/INPUT', 'hook'],
      ['mangle/FORWARD', 'hook'],
      ['mangle/OUTPUT', 'hook'],
      ['mangle/POSTROUTING', 'hook'],
      ['mangle/VPC_MARK', 'kube-ovn'],
    ]);
    expect(graph.nodes.find((n) => n.id === 'nat/HAIRPIN_SNAT')).toMatchObject({
      ruleCount: 3,
      builtin: false,
      policy: null,
      orphan: false,
    });
    expect(graph.nodes.find((n) => n.id === 'nat/PREROUTING')).toMatchObject({
      policy: 'ACCEPT',
      counters: { packets: 37437, bytes: 10856730 },
    });
  });

  it('has an edge per jump, leaving from the jumping rule and carrying its counters', () => {
    const graph = graphOf('s5-tenant-v116-legacy.txt');
    expect(graph.edges.map((e) => `${e.source}#${e.ruleIndex} -> ${e.target}`)).toEqual([
      'nat/PREROUTING#1 -> nat/DNAT_FILTER',
      'nat/POSTROUTING#1 -> nat/SNAT_FILTER',
      'nat/DNAT_FILTER#1 -> nat/EXCLUSIVE_DNAT',
      'nat/DNAT_FILTER#2 -> nat/SHARED_DNAT',
      'nat/SNAT_FILTER#1 -> nat/EXCLUSIVE_SNAT',
      'nat/SNAT_FILTER#2 -> nat/SHARED_SNAT',
      'nat/SNAT_FILTER#3 -> nat/HAIRPIN_SNAT',
      'mangle/PREROUTING#1 -> mangle/VPC_MARK',
    ]);
    expect(graph.edges[0]).toEqual({
      id: 'nat/PREROUTING#1->nat/DNAT_FILTER',
      source: 'nat/PREROUTING',
      target: 'nat/DNAT_FILTER',
      ruleIndex: 1,
      line: 14, // `[18906:26789802] -A PREROUTING -j DNAT_FILTER`
      kind: 'jump',
      counters: { packets: 18906, bytes: 26789802 },
    });
  });

  it('draws operator chains as such, with goto edges', () => {
    const graph = graphOf('operator-chains-v116-legacy.txt');
    const role = (id: string) => graph.nodes.find((n) => n.id === id)?.role;
    expect(role('nat/OPS_INGRESS_AUDIT')).toBe('operator');
    expect(role('nat/OPS_MGMT_MASQ')).toBe('operator');
    expect(role('mangle/NATGW_DROP')).toBe('operator');
    expect(graph.edges.find((e) => e.target === 'nat/OPS_MGMT_MASQ')).toMatchObject({
      source: 'nat/POSTROUTING',
      ruleIndex: 2,
      kind: 'goto',
    });
    expect(graph.nodes.filter((n) => n.orphan)).toEqual([]);
  });

  it('marks a user chain nothing jumps to as an orphan', () => {
    const graph = graphOf('match-cases-legacy.txt');
    const orphans = graph.nodes.filter((n) => n.orphan).map((n) => n.id);
    // COVER_FLOW is reached from POSTROUTING and OPS_SUB from COVER_FLOW; the other test chains hang alone.
    expect(orphans).toEqual([
      'nat/COVER_IFACES',
      'nat/COVER_NEGATION',
      'nat/COVER_PORTS',
      'nat/COVER_UNKNOWN',
      'mangle/COVER_MARKS',
      'mangle/COVER_STATES',
    ]);
  });

  it('works from the report as JSON, the way the browser gets it', () => {
    const { report } = inspectFixture('s5-tenant-v116-legacy.txt');
    const fromJson = chainGraph(JSON.parse(JSON.stringify(report.tables)));
    expect(fromJson).toEqual(chainGraph(report.tables));
  });
});
