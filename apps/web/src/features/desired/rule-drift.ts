import type { DriftFinding, PodDrift, ResourceRow } from '@natscope/api';
import { formatRuleKey } from '../../lib/url-state.js';

/** How a rule's row on the graph is marked: a rule no object wants, or one that is not what its object wants. */
export type RuleDriftMark = 'orphaned' | 'differs';

/** What the desired-state comparison says about one rule. */
export interface RuleDrift {
  /** The objects that own the rule (from the rows' `rules`): usually one; a duplicate-making spelling may give more. */
  owners: ResourceRow[];
  /** Every finding that names the rule, with its index in `drifts` (the `drift-<index>` of the desired view). */
  findings: { index: number; finding: DriftFinding }[];
  /** The graph's marker, or null for a rule that is as its object wants (or that only another code names). */
  mark: RuleDriftMark | null;
}

// The codes that mark a rule on the graph; any other code (a later one included) is listed but does not mark.
const MARKS: Readonly<Record<string, RuleDriftMark>> = { 'rule-orphaned': 'orphaned', 'rule-differs': 'differs' };

function entry(byRule: Map<string, RuleDrift>, key: string): RuleDrift {
  let found = byRule.get(key);
  if (!found) {
    found = { owners: [], findings: [], mark: null };
    byRule.set(key, found);
  }
  return found;
}

/**
 * Indexes a pod's comparison by rule (key `<table>/<chain>/<index>`, as the graph's selection): who owns each rule,
 * which findings name it, and how the graph marks it. A rule that differs from its object wins over an orphan mark,
 * since it has an owner to go and look at.
 */
export function ruleDrift(drift: PodDrift | null | undefined): Map<string, RuleDrift> {
  const byRule = new Map<string, RuleDrift>();
  if (!drift) return byRule;
  for (const row of drift.resources)
    for (const ref of row.rules) {
      const owners = entry(byRule, formatRuleKey(ref)).owners;
      if (!owners.includes(row)) owners.push(row);
    }
  drift.drifts.forEach((finding, index) => {
    const mark = MARKS[finding.code];
    for (const ref of finding.rules) {
      const rule = entry(byRule, formatRuleKey(ref));
      if (!rule.findings.some((f) => f.index === index)) rule.findings.push({ index, finding });
      if (mark && rule.mark !== 'differs') rule.mark = mark;
    }
  });
  return byRule;
}
