import type { ReportChain, ReportRule } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { visibleRows } from './visible-rows.js';

// A long chain made by repeating a real rule (renumbered), as a busy gateway's SHARED_DNAT looks.
function longChain(count: number): ReportChain {
  const report = fixtureReport('s4-port-forwards-v114-legacy.txt');
  const chain = report.tables[0]?.chains.find((c) => c.name === 'SHARED_DNAT');
  const template = chain?.rules[0];
  if (!chain || !template) throw new Error('fixture lost its SHARED_DNAT rule');
  const rules: ReportRule[] = Array.from({ length: count }, (_, i) => ({ ...template, index: i + 1, line: i + 10 }));
  return { ...chain, rules };
}

describe('which rows a chain node draws', () => {
  it('folds a chain of thousands after the row limit into one gap', () => {
    const rows = visibleRows(longChain(5000), null, 40, new Set());
    expect(rows.items).toHaveLength(41);
    expect(rows.items[40]).toEqual({ kind: 'gap', hidden: 4960, hiddenMatching: 4960 });
    expect(rows.overLimit).toBe(4960);
    expect(rows.matching).toBe(5000);
  });

  it('always draws pinned rows, in chain order, between gaps', () => {
    const rows = visibleRows(longChain(100), null, 2, new Set([50, 99]));
    expect(rows.items.map((i) => (i.kind === 'rule' ? i.rule.index : `gap ${i.hidden}`))).toEqual([
      1,
      2,
      'gap 47',
      50,
      'gap 48',
      99,
      'gap 1',
    ]);
  });

  it('with a filter, draws matching rules and dims pinned ones that do not match', () => {
    const rows = visibleRows(longChain(10), new Set([3, 7]), 40, new Set([1]));
    expect(
      rows.items.map((i) =>
        i.kind === 'rule' ? `${i.rule.index}${i.matches ? '' : ' dim'}` : `gap ${i.hidden}/${i.hiddenMatching}`,
      ),
    ).toEqual(['1 dim', 'gap 1/0', '3', 'gap 3/0', '7', 'gap 3/0']);
    expect(rows.matching).toBe(2);
    expect(rows.overLimit).toBe(0);
  });
});
