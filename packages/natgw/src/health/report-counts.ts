import type { GatewaySummary, InspectReport } from '@natscope/api';

/** The part of a gateway summary that comes from its report: mappings by kind, rules, diagnostics by severity. */
export type ReportCounts = Pick<GatewaySummary, 'counts' | 'diagnostics'>;

/**
 * Counts a report's mappings by kind and its diagnostics by severity: the numbers a fleet row, a gateway header and a
 * dump opened in the browser show, from one function so they never disagree.
 */
export function reportCounts(report: InspectReport): ReportCounts {
  const counts = { fip: 0, dnat: 0, snat: 0, hairpin: 0, rules: report.stats.rules };
  for (const m of report.mappings) counts[m.kind]++;
  const diagnostics = { error: 0, warning: 0, info: 0 };
  for (const d of report.diagnostics) diagnostics[d.severity]++;
  return { counts, diagnostics };
}
