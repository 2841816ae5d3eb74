import type { InspectReport } from '@natscope/api';
import { parseCidr, type ReportCounts } from '@natscope/natgw';

/** The part of a gateway summary that comes from its report (natgw's `reportCounts`). */
export type ReportFacts = ReportCounts;

/** Nothing read yet: zero counts. */
export const NO_FACTS: ReportFacts = Object.freeze({
  counts: { fip: 0, dnat: 0, snat: 0, hairpin: 0, rules: 0 },
  diagnostics: { error: 0, warning: 0, info: 0 },
}) as ReportFacts;

/**
 * Every EIP and internal address or CIDR the report maps (for the fleet's address search), each once, in
 * mapping order. Sorting waits for someone to ask (sortAddresses): most analyses are never searched.
 */
export function reportAddresses(report: InspectReport): string[] {
  const addresses = new Set<string>();
  for (const m of report.mappings) {
    addresses.add(m.eip);
    if (m.kind === 'fip' || m.kind === 'dnat') addresses.add(m.internalIp);
    else if (m.kind === 'snat') addresses.add(m.internalCidr);
  }
  return [...addresses];
}

/** IPv4 addresses and CIDRs in numeric order (10.0.1.9 before 10.0.1.10), anything else after them as text. */
export function sortAddresses(addresses: readonly string[]): string[] {
  // Keys computed once per address, not once per comparison.
  const keyed = addresses.map((text) => ({ text, key: parseCidr(text)?.base ?? null }));
  return keyed.sort(compareKeyed).map((a) => a.text);
}

function compareKeyed(a: { text: string; key: number | null }, b: { text: string; key: number | null }): number {
  if (a.key !== null && b.key !== null && a.key !== b.key) return a.key - b.key;
  if (a.key !== null && b.key === null) return -1;
  if (a.key === null && b.key !== null) return 1;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}
