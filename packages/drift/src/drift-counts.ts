import type { DriftCounts, DriftReport } from '@natscope/api';

/** A comparison's findings by severity: what the fleet's drift column and a gateway's headline count. */
export function driftCounts(report: DriftReport): DriftCounts {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of report.drifts) counts[d.severity]++;
  return counts;
}
