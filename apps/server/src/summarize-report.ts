import type { GatewaySummary, InspectReport } from '@natscope/api';
import { parseCidr } from '@natscope/natgw';

/** The part of a gateway summary that comes from its report. */
export type ReportFacts = Pick<GatewaySummary, 'counts' | 'diagnostics' | 'addresses'>;

/** Nothing read yet: zero counts, no addresses. */
export const NO_FACTS: ReportFacts = Object.freeze({
  counts: { fip: 0, dnat: 0, snat: 0, hairpin: 0, rules: 0 },
  diagnostics: { error: 0, warning: 0, info: 0 },
  addresses: [],
}) as ReportFacts;

/** Counts mappings by kind and diagnostics by severity, and lists every EIP and internal address (for fleet search). */
export function summarizeReport(report: InspectReport): ReportFacts {
  const counts = { fip: 0, dnat: 0, snat: 0, hairpin: 0, rules: report.stats.rules };
  const addresses = new Set<string>();
  for (const m of report.mappings) {
    counts[m.kind]++;
    addresses.add(m.eip);
    if (m.kind === 'fip' || m.kind === 'dnat') addresses.add(m.internalIp);
    else if (m.kind === 'snat') addresses.add(m.internalCidr);
  }
  const diagnostics = { error: 0, warning: 0, info: 0 };
  for (const d of report.diagnostics) diagnostics[d.severity]++;
  return { counts, diagnostics, addresses: [...addresses].sort(compareAddresses) };
}

/** Orders IPv4 addresses and CIDRs numerically (10.0.1.9 before 10.0.1.10); anything else after, as text. */
function compareAddresses(a: string, b: string): number {
  const ka = addressKey(a);
  const kb = addressKey(b);
  if (ka !== null && kb !== null) return ka - kb || (a < b ? -1 : a > b ? 1 : 0);
  if (ka !== null) return -1;
  if (kb !== null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function addressKey(text: string): number | null {
  return parseCidr(text)?.base ?? null;
}
