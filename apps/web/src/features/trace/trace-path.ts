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

/**
 * The rules a trace is framed on: the ones that rewrote the packet (the DNAT that decided where it goes first), or,
 * when nothing rewrote it, the last rule that decided anything (a policy or the end of a chain has no row). The graph
 * brings these into view instead of the path's end.
 */
export function decidingRules(result: TraceResult | undefined): RuleRef[] | null {
  if (!result) return null;
  if (result.nat.length > 0)
    return result.nat.map((n) => ({ table: n.table, chain: n.chain, index: n.index, line: n.line }));
  for (let i = result.steps.length - 1; i >= 0; i--) {
    const step = result.steps[i]!;
    if (step.index !== null && step.line !== null && DECIDING.has(step.result))
      return [{ table: step.table, chain: step.chain, index: step.index, line: step.line }];
  }
  return [];
}

// What a rule did to the packet, as opposed to letting it pass on to the next rule (`skipped`, evaluated and missed).
const DECIDING = new Set<TraceResult['steps'][number]['result']>([
  'matched',
  'nat',
  'mark',
  'jump',
  'goto',
  'return',
  'undecidable',
]);

/** Whether a step is one of the "deciding steps" the trace lists first: anything but a rule evaluated and missed. */
export function isDecidingStep(step: TraceResult['steps'][number]): boolean {
  return step.result !== 'skipped';
}
