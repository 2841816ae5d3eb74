import type { DriftFinding, ResourceRow, RuleRef, Severity } from '@natscope/api';
import type { DriftContext } from './drift-context.js';

/** One finding, the row it is about (null for a rule no object accounts for), and its place in the comparison's order. */
export interface Finding {
  finding: DriftFinding;
  row: ResourceRow | null;
  /** Within a severity, findings come in this order: the objects' (row) order, then the orphaned rules'. */
  at: number;
}

/**
 * One drift check: words the findings of one code from what the context decided (DriftContext.matched). A check never
 * reads another check's output. Add one as a module `check-<code>.ts` and a line in DRIFT_CHECKS (drift-checks.ts).
 */
export type DriftCheck = (ctx: DriftContext) => Finding[];

/** A finding about `row` (or about rules alone), placed at `at`. */
export function finding(
  at: number,
  row: ResourceRow | null,
  code: string,
  severity: Severity,
  message: string,
  eip: string | null,
  rules: RuleRef[],
): Finding {
  return {
    finding: { code, severity, message, resource: row ? { kind: row.kind, name: row.name } : null, eip, rules },
    row,
    at,
  };
}
