import type { DriftFinding, PodDrift, ResourceRow } from '@natscope/api';

/** The kinds a VPC NAT gateway is made of, in the order the desired view lists them (the gateway, its EIPs, its rules). */
export const RESOURCE_KINDS = [
  'VpcNatGateway',
  'IptablesEIP',
  'IptablesFIPRule',
  'IptablesDnatRule',
  'IptablesSnatRule',
] as const;

/** A finding with its index in `drifts` (its `drift-<index>`). */
export interface IndexedFinding {
  index: number;
  finding: DriftFinding;
}

/** The desired view's parts: a table per kind, the rules no object owns, and findings no row lists. */
export interface DriftSections {
  kinds: { kind: string; rows: ResourceRow[] }[];
  /** Findings about a rule no object accounts for (`resource: null`). */
  orphaned: IndexedFinding[];
  /** Findings about an object that has no row (so each finding is still shown once). */
  unplaced: IndexedFinding[];
}

/**
 * Splits a pod's comparison into the desired view's sections. Every finding lands in exactly one place: under the
 * row that lists it, among the orphans, or in `unplaced`. The five kinds always have a section (an empty one says
 * there is no such object); a kind the server may add later gets one after them.
 */
export function driftSections(drift: Pick<PodDrift, 'resources' | 'drifts'>): DriftSections {
  const byKind = new Map<string, ResourceRow[]>(RESOURCE_KINDS.map((kind) => [kind, []]));
  const listed = new Set<number>();
  for (const row of drift.resources) {
    const rows = byKind.get(row.kind) ?? [];
    rows.push(row);
    byKind.set(row.kind, rows);
    for (const index of row.findings) if (index < drift.drifts.length) listed.add(index);
  }
  const orphaned: IndexedFinding[] = [];
  const unplaced: IndexedFinding[] = [];
  drift.drifts.forEach((finding, index) => {
    if (listed.has(index)) return;
    (finding.resource === null ? orphaned : unplaced).push({ index, finding });
  });
  return { kinds: [...byKind].map(([kind, rows]) => ({ kind, rows })), orphaned, unplaced };
}
