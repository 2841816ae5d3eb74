import type { InspectReport } from '@natscope/api';
import { chainGraph } from '@natscope/natgw';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { chainFlagCounts, emptyHooksId, flowModel, type FlowView } from './flow-model.js';
import { RANK_GAP, layoutBoxes } from './layout.js';
import { DRIFT_TAG_WIDTH } from './node-size.js';

const view: FlowView = { matches: null, limits: new Map(), defaultLimit: 40, pinned: new Map(), edgeColor: '#6a4fd6' };

function model(report: InspectReport, v: FlowView = view) {
  return flowModel(chainGraph(report.tables), report, v);
}

describe('chain graph → React Flow', () => {
  const report = fixtureReport('s5-tenant-v116-legacy.txt');

  it('makes a node per chain with the <table>/<chain> ids users select on', () => {
    const ids = model(report).nodes.map((n) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'nat/PREROUTING',
        'nat/DNAT_FILTER',
        'nat/SHARED_DNAT',
        'nat/HAIRPIN_SNAT',
        'mangle/VPC_MARK',
      ]),
    );
  });

  it("folds a table's empty built-in chains into one node of one row, naming each", () => {
    const m = model(report);
    const ids = m.nodes.map((n) => n.id);
    expect(ids).not.toContain('nat/INPUT');
    expect(ids).not.toContain('mangle/FORWARD');
    const nat = m.nodes.find((n) => n.id === emptyHooksId('nat'));
    expect(nat?.data.chain.chain).toBe('INPUT · OUTPUT');
    expect(nat?.data.folded?.map((c) => c.id)).toEqual(['nat/INPUT', 'nat/OUTPUT']);
    expect(m.nodes.find((n) => n.id === emptyHooksId('mangle'))?.data.chain.chain).toBe(
      'INPUT · FORWARD · OUTPUT · POSTROUTING',
    );
    // PREROUTING has a rule: drawn as itself.
    expect(ids).toContain('nat/PREROUTING');
  });

  it('gives a user chain the packets that jumped into it, and a built-in chain none of that', () => {
    const m = model(report);
    const shared = m.nodes.find((n) => n.id === 'nat/SHARED_DNAT');
    const jump = m.edges.find((e) => e.target === 'nat/SHARED_DNAT');
    expect(shared?.data.inbound).toBe(jump?.data?.packets);
    expect(m.nodes.find((n) => n.id === 'nat/PREROUTING')?.data.inbound).toBeNull();
  });

  it('opens as an overview with a row limit of 0: jumping rows and chains of two rules drawn, the rest folded', () => {
    const m = model(report, { ...view, defaultLimit: 0 });
    const filter = m.nodes.find((n) => n.id === 'nat/SNAT_FILTER');
    expect(filter?.data.total).toBeGreaterThan(2);
    expect(
      filter?.data.rows.items.every((item) => item.kind === 'rule' && filter.data.jumpRows.has(item.rule.index)),
    ).toBe(true);
    const hairpin = m.nodes.find((n) => n.id === 'nat/HAIRPIN_SNAT');
    expect(hairpin?.data.rows.items).toEqual([{ kind: 'gap', hidden: 3, hiddenMatching: 3 }]);
    expect(hairpin?.data.canShowFewer).toBe(false);
    const short = m.nodes.find((n) => n.id === 'nat/SHARED_DNAT');
    expect(short?.data.rows.items.filter((i) => i.kind === 'rule')).toHaveLength(short?.data.total ?? -1);
    expect(m.edges).toHaveLength(model(report).edges.length);
  });

  it('counts the rules a diagnostic names per chain, each by its worst severity', () => {
    const counts = chainFlagCounts(
      new Map([
        ['nat/SHARED_SNAT/11', { severity: 'warning' }],
        ['nat/SHARED_SNAT/12', { severity: 'warning' }],
        ['nat/EXCLUSIVE_DNAT/1', { severity: 'error' }],
      ] as const),
    );
    expect(counts.get('nat/SHARED_SNAT')).toEqual({ error: 0, warning: 2, info: 0 });
    expect(counts.get('nat/EXCLUSIVE_DNAT')).toEqual({ error: 1, warning: 0, info: 0 });
  });

  it("starts each edge at the jumping rule's row and labels it with its traffic", () => {
    const edge = model(report).edges.find((e) => e.source === 'nat/DNAT_FILTER' && e.target === 'nat/SHARED_DNAT');
    expect(edge).toMatchObject({ sourceHandle: 'r2', targetHandle: 'in', data: { ruleIndex: 2, packets: 1470 } });
    expect(edge?.label).toBe('1.5k pkts');
    const idle = model(report).edges.find((e) => e.source === 'nat/POSTROUTING');
    expect(idle?.className).toContain('jump-edge--idle');
  });

  it('widens a node by the desired-state tag its longest rule carries, and says so in the layout key', () => {
    const plain = model(report);
    const tagged = model(report, { ...view, tagged: new Map([['nat/SHARED_DNAT', new Set([1, 2])]]) });
    const width = (m: ReturnType<typeof model>) => m.nodes.find((n) => n.id === 'nat/SHARED_DNAT')?.width ?? 0;
    expect(width(tagged)).toBe(width(plain) + DRIFT_TAG_WIDTH);
    expect(tagged.layoutKey).not.toBe(plain.layoutKey);
    expect(tagged.nodes.find((n) => n.id === 'nat/PREROUTING')?.width).toBe(
      plain.nodes.find((n) => n.id === 'nat/PREROUTING')?.width,
    );
  });

  it('keeps the layout key when only counters change, and changes it when rows change', () => {
    const before = model(report);
    const busier: InspectReport = {
      ...report,
      tables: report.tables.map((t) => ({
        ...t,
        chains: t.chains.map((c) => ({
          ...c,
          rules: c.rules.map((r) => ({
            ...r,
            counters: r.counters && { packets: r.counters.packets + 1000, bytes: r.counters.bytes + 9 },
          })),
        })),
      })),
    };
    expect(model(busier).layoutKey).toBe(before.layoutKey);
    const filtered = model(report, { ...view, matches: new Map([['nat/SHARED_DNAT', new Set([1])]]) });
    expect(filtered.layoutKey).not.toBe(before.layoutKey);
  });

  it('lays the packet path out left to right, nat above mangle', () => {
    const m = model(report);
    const at = layoutBoxes(m.boxes, m.edges);
    const x = (id: string) => at.get(id)?.x ?? Number.NaN;
    const y = (id: string) => at.get(id)?.y ?? Number.NaN;
    expect(x('nat/PREROUTING')).toBeLessThan(x('nat/DNAT_FILTER'));
    expect(x('nat/DNAT_FILTER')).toBeLessThan(x('nat/SHARED_DNAT'));
    expect(x('nat/SNAT_FILTER')).toBeLessThan(x('nat/HAIRPIN_SNAT'));
    expect(x('mangle/PREROUTING')).toBeLessThan(x('mangle/VPC_MARK'));
    const natBottom = Math.max(...m.boxes.filter((b) => b.group === 'nat').map((b) => y(b.id) + b.height));
    expect(y('mangle/PREROUTING')).toBeGreaterThan(natBottom);
  });

  it('leaves every jump edge room for its label', () => {
    const m = model(fixtureReport('operator-chains-v116-legacy.txt'));
    const at = layoutBoxes(m.boxes, m.edges);
    const box = new Map(m.boxes.map((b) => [b.id, b]));
    for (const edge of m.edges) {
      if (edge.source === edge.target) continue;
      const gap = (at.get(edge.target)?.x ?? 0) - ((at.get(edge.source)?.x ?? 0) + (box.get(edge.source)?.width ?? 0));
      expect(gap, edge.id).toBeGreaterThanOrEqual(RANK_GAP - 0.01);
    }
  });

  it('sizes nodes so that no two overlap', () => {
    const m = model(fixtureReport('operator-chains-v116-legacy.txt'));
    const at = layoutBoxes(m.boxes, m.edges);
    const rects = m.boxes.map((b) => ({ ...b, ...(at.get(b.id) ?? { x: 0, y: 0 }) }));
    for (const a of rects)
      for (const b of rects) {
        if (a.id >= b.id) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
  });
});
