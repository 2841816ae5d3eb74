import type { DriftReport, Severity } from '@natscope/api';
import type { DriftCheck } from './drift-check.js';
import { DRIFT_CHECKS } from './drift-checks.js';
import { type CompareInput, DriftContext } from './drift-context.js';
import { NONE } from './match-objects.js';
import { unknownDrift } from './unknown-drift.js';

export type { CompareInput } from './drift-context.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Compares one gateway's rules (its inspect report) with what its kubeovn.io objects want, joined as Kube-OVN's
 * controller joins them, and says per object and per unowned rule what differs, in words for the person on call.
 * Compares as the kernel stores rules (lower-case protocol, host bits cleared). Pure; linear in rules + objects.
 * The findings are the checks' (default: DRIFT_CHECKS): errors, then warnings, each in the objects' order, then the
 * orphaned rules'; each row lists the indexes of its findings.
 */
export function compareDesired(input: CompareInput, checks: readonly DriftCheck[] = DRIFT_CHECKS): DriftReport {
  // A reading of the nft tables while the rules live in the legacy ones (or the reverse) shows none of them:
  // comparing it would call every object's rule missing. Say so instead.
  const wrongTables = input.report.diagnostics.find((d) => d.code === 'legacy-tables-present');
  if (wrongTables) {
    return unknownDrift(
      input.gateway,
      `this reading is not of the tables the kernel applies, so it cannot be compared with the kubeovn.io objects: ${wrongTables.message}`,
    );
  }
  const ctx = new DriftContext(input);
  const order = checks
    .flatMap((check) => check(ctx))
    .sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.at - b.at);
  order.forEach(({ row }, n) => {
    if (!row) return;
    if (row.findings === NONE) row.findings = [];
    row.findings.push(n);
  });
  const drifts = order.map((f) => f.finding);
  const drifted = drifts.some((d) => d.severity !== 'info');
  return { gateway: input.gateway, status: drifted ? 'drifted' : 'in-sync', drifts, resources: ctx.matched.rows };
}
