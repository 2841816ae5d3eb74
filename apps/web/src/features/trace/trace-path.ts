/** What of a trace the graph draws: the rules the packet took and the chains it went through. */
import type { RuleRef, TraceResult } from '@natscope/api';

const NOT_A_RULE = new Set(['skipped']);

/** The rules the packet took (matched, or assumed to match), in order: these are lit on the graph. */
export function tracedRules(result: TraceResult | undefined): RuleRef[] | null {
  if (!result) return null;
  const rules: RuleRef[] = [];
  for (const step of result.steps) {
    if (step.index === null || step.line === null || NOT_A_RULE.has(step.result)) continue;
    rules.push({ table: step.table, chain: step.chain, index: step.index, line: step.line });
  }
  return rules;
}

/** The graph node ids (`<table>/<chain>`) of every chain the packet entered: the rest of the graph is dimmed. */
export function tracedChains(result: TraceResult): Set<string> {
  const ids = new Set<string>();
  // 'routing' is the routing decision, not a table: it has no node.
  for (const step of result.steps) if (step.table !== 'routing') ids.add(`${step.table}/${step.chain}`);
  return ids;
}
