import type { InspectReport, Mapping, ReportChain, ReportRule } from '@natscope/api';
import { mappingTitle } from '@natscope/natgw';
import { formatRuleKey, type RuleKey } from '../../lib/url-state.js';

/** A rule found by its key, with its chain. */
export interface FoundRule {
  chain: ReportChain;
  rule: ReportRule;
}

/** Looks a rule up by table, chain and index; null when this reading has no such rule (a stale link). */
export function findRule(report: InspectReport, key: RuleKey): FoundRule | null {
  const chain = report.tables.find((t) => t.name === key.table)?.chains.find((c) => c.name === key.chain);
  if (!chain) return null;
  const atIndex = chain.rules[key.index - 1];
  const rule = atIndex?.index === key.index ? atIndex : chain.rules.find((r) => r.index === key.index);
  return rule ? { chain, rule } : null;
}

/** The mappings each rule takes part in, keyed `<table>/<chain>/<index>`. */
export function mappingsByRule(mappings: readonly Mapping[]): Map<string, Mapping[]> {
  const byRule = new Map<string, Mapping[]>();
  for (const mapping of mappings) {
    for (const ref of mapping.rules) {
      const key = formatRuleKey(ref);
      const list = byRule.get(key);
      if (list) list.push(mapping);
      else byRule.set(key, [mapping]);
    }
  }
  return byRule;
}

/**
 * One line saying what a mapping does, in natgw's words for it: `FIP 203.0.113.11 ⇄ 172.20.1.15`,
 * `DNAT tcp 203.0.113.12:2222 → 172.20.2.20:22`, `SNAT 10.0.1.0/24 → 203.0.113.10 (random-fully)`.
 */
export function describeMapping(mapping: Mapping): string {
  return mapping.kind === 'snat' && mapping.randomFully
    ? `${mappingTitle(mapping)} (random-fully)`
    : mappingTitle(mapping);
}
