import type { ReportChain, ReportRule } from '@natscope/api';

/** One row drawn inside a chain node: a rule, or a fold standing for rules not drawn. */
export type RowItem =
  { kind: 'rule'; rule: ReportRule; matches: boolean } | { kind: 'gap'; hidden: number; hiddenMatching: number };

/** The rows of one chain node and what was left out. */
export interface ChainRows {
  items: RowItem[];
  /** Rules the filter keeps (all of them without a filter). */
  matching: number;
  /** Matching rules not drawn because of the row limit. */
  overLimit: number;
}

/** How many rows a chain node shows before "show more". */
export const DEFAULT_ROW_LIMIT = 40;

/**
 * Decides which rules of a chain are drawn, in chain order. Without a filter: the first `limit` rules; with one, the
 * first `limit` matching rules. Pinned rules (those that jump — edges leave from their rows — and the selected or
 * highlighted ones) are always drawn, even past the limit or outside the filter. Runs of rules not drawn fold into one
 * gap row, so a chain of thousands stays a node of bounded size whose order is still visible.
 */
export function visibleRows(
  chain: ReportChain,
  matches: ReadonlySet<number> | null,
  limit: number,
  pinned: ReadonlySet<number>,
): ChainRows {
  const items: RowItem[] = [];
  let taken = 0;
  let matching = 0;
  let overLimit = 0;
  let gap: { kind: 'gap'; hidden: number; hiddenMatching: number } | null = null;
  for (const rule of chain.rules) {
    const isMatch = matches === null || matches.has(rule.index);
    if (isMatch) matching += 1;
    const withinLimit = isMatch && taken < limit;
    if (withinLimit) taken += 1;
    if (withinLimit || pinned.has(rule.index)) {
      gap = null;
      items.push({ kind: 'rule', rule, matches: isMatch });
      continue;
    }
    if (isMatch) overLimit += 1;
    if (!gap) {
      gap = { kind: 'gap', hidden: 0, hiddenMatching: 0 };
      items.push(gap);
    }
    gap.hidden += 1;
    if (isMatch) gap.hiddenMatching += 1;
  }
  return { items, matching, overLimit };
}
