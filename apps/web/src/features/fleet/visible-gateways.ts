import type { GatewaySummary } from '@natscope/api';
import { cidrOverlaps, parseCidr } from '@natscope/natgw';
import type { FilterTerm } from '../../lib/filter-query.js';
import type { FleetSort, FleetViewState } from '../../lib/url-state.js';

function matchesTerm(gateway: GatewaySummary, term: FilterTerm): boolean {
  switch (term.kind) {
    case 'address':
      return gateway.addresses.some((address) => {
        const cidr = parseCidr(address);
        return cidr !== null && cidrOverlaps(cidr, term.cidr);
      });
    case 'eip':
      return gateway.addresses.includes(term.eip);
    case 'text': {
      const haystack = [
        gateway.namespace,
        gateway.name,
        `${gateway.namespace}/${gateway.name}`,
        gateway.status,
        gateway.backend,
        gateway.error?.code ?? '',
        ...gateway.pods.map((p) => p.name),
        ...gateway.addresses,
      ];
      return haystack.some((text) => text.toLowerCase().includes(term.text));
    }
    // A gateway summary has no ports or protocols; those terms only narrow a gateway's own page.
    case 'port':
    case 'protocol':
      return true;
  }
}

function keepStatus(gateway: GatewaySummary, status: FleetViewState['status']): boolean {
  if (status === 'all') return true;
  if (status === 'problems') return gateway.status !== 'ok' || gateway.stale || gateway.diagnostics.error + gateway.diagnostics.warning > 0;
  return gateway.status === status;
}

const STATUS_ORDER = { error: 0, pending: 1, ok: 2 } as const;

function sortValue(gateway: GatewaySummary, sort: FleetSort): number | string {
  switch (sort) {
    case 'name':
      return `${gateway.name}\u0000${gateway.namespace}`;
    case 'namespace':
      return `${gateway.namespace}\u0000${gateway.name}`;
    case 'status':
      return STATUS_ORDER[gateway.status];
    case 'backend':
      return gateway.backend;
    case 'fip':
    case 'dnat':
    case 'snat':
      return gateway.counts[sort];
    // Errors outweigh any number of warnings, warnings any number of infos.
    case 'diagnostics':
      return gateway.diagnostics.error * 1e12 + gateway.diagnostics.warning * 1e6 + gateway.diagnostics.info;
    case 'age':
      return gateway.ageSeconds ?? Number.POSITIVE_INFINITY;
  }
}

/** The gateways the fleet page shows: those matching every filter term and the status filter, in the chosen order. */
export function visibleGateways(gateways: readonly GatewaySummary[], terms: readonly FilterTerm[], state: FleetViewState): GatewaySummary[] {
  const kept = gateways.filter((g) => keepStatus(g, state.status) && terms.every((t) => matchesTerm(g, t)));
  const direction = state.descending ? -1 : 1;
  return kept.sort((a, b) => {
    const va = sortValue(a, state.sort);
    const vb = sortValue(b, state.sort);
    const order = va < vb ? -1 : va > vb ? 1 : 0;
    return order !== 0 ? order * direction : `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`);
  });
}
