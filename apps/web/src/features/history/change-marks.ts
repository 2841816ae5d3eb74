import type { DiffRule, InspectReport } from '@natscope/api';
import { formatRuleKey, type RuleKey } from '../../lib/url-state.js';

/** What the graph marks of a diff: the shown reading's rows that were added, and per chain the rules that are gone. */
export interface ChangeMarks {
  /** Rules of the shown reading that the diff added. */
  added: readonly RuleKey[];
  /** The same, as `<table>/<chain>/<index>`. */
  addedKeys: ReadonlySet<string>;
  /** Per chain node (`<table>/<chain>`), the removed rules' text after `-A CHAIN `, in their old order. */
  removed: ReadonlyMap<string, readonly string[]>;
}

/**
 * The diff's rule changes placed on `report` (the `to` reading's): an added rule is found by its line in that reading;
 * a removed rule has no row, so it is listed under its chain (a chain that is gone altogether has no node to carry it:
 * the diff view lists it).
 */
export function changeMarks(
  rules: { added: readonly DiffRule[]; removed: readonly DiffRule[] },
  report: InspectReport,
): ChangeMarks {
  const byLine = new Map<string, number>();
  for (const table of report.tables)
    for (const chain of table.chains)
      for (const rule of chain.rules) byLine.set(`${table.name}/${chain.name}/${rule.line}`, rule.index);
  const added: RuleKey[] = [];
  for (const r of rules.added) {
    const index = byLine.get(`${r.table}/${r.chain}/${r.line}`);
    if (index !== undefined) added.push({ table: r.table, chain: r.chain, index });
  }
  const removed = new Map<string, string[]>();
  for (const r of [...rules.removed].sort((a, b) => a.line - b.line)) {
    const id = `${r.table}/${r.chain}`;
    const prefix = `-A ${r.chain} `;
    const list = removed.get(id) ?? [];
    list.push(r.text.startsWith(prefix) ? r.text.slice(prefix.length) : r.text);
    removed.set(id, list);
  }
  return { added, addedKeys: new Set(added.map(formatRuleKey)), removed };
}
