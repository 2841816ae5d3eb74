import { isProblem, type AddressIndex, type GatewaySummary } from '@natscope/api';
import { cidrOverlaps, parseCidr } from '@natscope/natgw';
import { conditionTone } from '../../lib/condition.js';
import type { FilterTerm } from '../../lib/filter-query.js';
import type { FleetSort, FleetViewState } from '../../lib/url-state.js';

/** Each gateway's mapped addresses (GET /api/addresses) by `namespace/name`. */
export type AddressLookup = ReadonlyMap<string, readonly string[]>;

/** Indexes the server's address list by gateway. */
export function addressLookup(index: AddressIndex): AddressLookup {
  return new Map(index.gateways.map((g) => [`${g.namespace}/${g.name}`, g.addresses]));
}

// Text made of digits, dots and slashes can only be (part of) an address; other text never matches one.
const ADDRESS_TEXT = /^[\d./]*\d[\d./]*$/;

/**
 * True when the filter can only be answered with every gateway's addresses: it names an address, a CIDR,
 * an EIP, or text that may be part of an address. The fleet list leaves addresses out (a big fleet maps
 * tens of thousands), so the page fetches them only then.
 */
export function needsAddresses(terms: readonly FilterTerm[]): boolean {
  return terms.some(
    (t) => t.kind === 'address' || t.kind === 'eip' || (t.kind === 'text' && ADDRESS_TEXT.test(t.text)),
  );
}

function matchesTerm(gateway: GatewaySummary, term: FilterTerm, addresses: readonly string[]): boolean {
  switch (term.kind) {
    case 'address':
      return addresses.some((address) => {
        const cidr = parseCidr(address);
        return cidr !== null && cidrOverlaps(cidr, term.cidr);
      });
    case 'eip':
      return addresses.includes(term.eip);
    case 'text': {
      const haystack = [
        gateway.namespace,
        gateway.name,
        `${gateway.namespace}/${gateway.name}`,
        gateway.status,
        gateway.health,
        gateway.headline,
        gateway.backend,
        gateway.error?.code ?? '',
        ...gateway.pods.map((p) => p.name),
        ...addresses,
      ];
      return haystack.some((text) => text.toLowerCase().includes(term.text));
    }
    // A gateway with any rule of the facet: mappings of that kind, or diagnostics of that severity.
    case 'facet':
      return term.facet === 'error' || term.facet === 'warning'
        ? gateway.diagnostics[term.facet] > 0
        : gateway.counts[term.facet] > 0;
    // A gateway summary has no ports or protocols; those terms only narrow a gateway's own page.
    case 'port':
    case 'protocol':
      return true;
  }
}

function keepStatus(gateway: GatewaySummary, status: FleetViewState['status']): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'problems':
      return isProblem(gateway);
    // A health is of a gateway that was read: a failed reading's older rules are under `error`, not "healthy".
    case 'broken':
    case 'degraded':
    case 'healthy':
      return gateway.reading === 'ok' && gateway.health === status;
    case 'error':
      return gateway.reading === 'error' || gateway.reading === 'stale';
    case 'pending':
      return gateway.reading === 'pending';
  }
}

function keepDrift(gateway: GatewaySummary, drift: FleetViewState['drift']): boolean {
  return drift === 'all' || gateway.drift.status === drift;
}

// Worst first in an ascending sort: a failed reading, then broken, degraded, an old reading, not read yet, healthy.
const TONE_ORDER = { error: 0, warning: 1, pending: 2, ok: 3 } as const;
const HEALTH_ORDER = { broken: 0, degraded: 1, unknown: 2, healthy: 3 } as const;
const READING_ORDER = { error: 0, stale: 1, pending: 2, ok: 3 } as const;

function conditionValue(gateway: GatewaySummary): number {
  return TONE_ORDER[conditionTone(gateway)] * 100 + READING_ORDER[gateway.reading] * 10 + HEALTH_ORDER[gateway.health];
}

// Worst last, so a descending sort (the default for this column) puts it first: in sync, then unknown (nothing
// could be compared), then drifted by its findings (errors outweigh any number of warnings, warnings any number of infos).
function driftValue({ status, counts }: GatewaySummary['drift']): number {
  if (status === 'in-sync') return 0;
  if (status === 'unknown') return 1;
  return 2 + counts.error * 1e12 + counts.warning * 1e6 + counts.info;
}

function sortValue(gateway: GatewaySummary, sort: FleetSort): number | string {
  switch (sort) {
    case 'name':
      return `${gateway.name}\u0000${gateway.namespace}`;
    case 'namespace':
      return `${gateway.namespace}\u0000${gateway.name}`;
    case 'status':
      return conditionValue(gateway);
    case 'backend':
      return gateway.backend;
    case 'fip':
    case 'dnat':
    case 'snat':
      return gateway.counts[sort];
    // Errors outweigh any number of warnings, warnings any number of infos.
    case 'diagnostics':
      return gateway.diagnostics.error * 1e12 + gateway.diagnostics.warning * 1e6 + gateway.diagnostics.info;
    case 'drift':
      return driftValue(gateway.drift);
    // Never changed (or no history) sorts as the oldest change: "newest first" puts what changed at the top.
    case 'changed':
      return gateway.lastRuleChangeAt === null ? 0 : Date.parse(gateway.lastRuleChangeAt);
    case 'age':
      return gateway.ageSeconds ?? Number.POSITIVE_INFINITY;
  }
}

const NONE: readonly string[] = [];

/**
 * The gateways the fleet page shows: those matching every filter term, the status and the desired-state filters, in the chosen
 * order. Address terms look in `addresses` (without it, no gateway matches them: the page waits for it).
 */
export function visibleGateways(
  gateways: readonly GatewaySummary[],
  terms: readonly FilterTerm[],
  state: FleetViewState,
  addresses?: AddressLookup,
): GatewaySummary[] {
  const kept = gateways.filter((g) => {
    if (!keepStatus(g, state.status) || !keepDrift(g, state.drift)) return false;
    const own = addresses?.get(`${g.namespace}/${g.name}`) ?? NONE;
    return terms.every((t) => matchesTerm(g, t, own));
  });
  const direction = state.descending ? -1 : 1;
  return kept.sort((a, b) => {
    const va = sortValue(a, state.sort);
    const vb = sortValue(b, state.sort);
    const order = va < vb ? -1 : va > vb ? 1 : 0;
    return order !== 0 ? order * direction : `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`);
  });
}
