/**
 * The view state of each page lives in the query string, so every view is a link that restores it:
 * `/gateways/ns/gw?view=graph&pod=gw-0&q=203.0.113.12&rule=nat/SHARED_DNAT/2&diag=1`.
 * Parsing never throws: a hand-edited or stale link falls back to defaults for the parts it gets wrong.
 */

import { readTraceLink, writeTraceLink, type TraceFields } from './trace-link.js';

/** The gateway page's views. */
export const GATEWAY_VIEWS = ['graph', 'eips', 'raw', 'desired', 'diff'] as const;
/** One of the gateway page's views. */
export type GatewayView = (typeof GATEWAY_VIEWS)[number];

/** A rule by its place: table, chain and 1-based index (Contract 4's selector parts). */
export interface RuleKey {
  table: string;
  chain: string;
  index: number;
}

/** A kubeovn.io object by kind (as the API writes it, e.g. `IptablesFIPRule`) and name. */
export interface ResourceKey {
  kind: string;
  name: string;
}

/** Everything the gateway page shows beyond the route: view, HA pod, filter, selected rule, selected diagnostic. */
export interface GatewayViewState {
  view: GatewayView;
  pod: string | null;
  filter: string;
  rule: RuleKey | null;
  /** Index of the selected diagnostic in the report's list (its rules are highlighted). */
  diagnostic: number | null;
  /** The kubeovn.io object the desired view brings into view (a rule's owner links here). In the link as `resource`. */
  resource?: ResourceKey | null;
  /** The packet trace shown, if any (in the link as src, dst, proto, sport, dport, in, out, mark; see trace-link.ts). */
  trace?: TraceFields | null;
  /** A kept reading's id: the page shows the gateway as of that reading (time travel). In the link as `at`. */
  at?: number | null;
  /** The diff view's two readings (`view=diff&from=&to=`); `to` may be `latest`. */
  from?: number | null;
  to?: number | 'latest' | null;
}

/** The fleet page's sortable columns. */
export const FLEET_SORTS = [
  'name',
  'namespace',
  'status',
  'backend',
  'fip',
  'dnat',
  'snat',
  'diagnostics',
  'drift',
  'changed',
  'age',
] as const;
/** A fleet column to sort by. */
export type FleetSort = (typeof FLEET_SORTS)[number];
/**
 * The fleet page's health filter (`status` in the link): `problems` (a failed or old reading, broken or degraded
 * rules: `isProblem`), a health (of gateways read fine), `error` (the latest reading failed, old one shown or not),
 * `pending` (not read yet).
 */
export const FLEET_STATUSES = ['all', 'problems', 'broken', 'degraded', 'healthy', 'error', 'pending'] as const;
/** Which gateways the status filter keeps. */
export type FleetStatusFilter = (typeof FLEET_STATUSES)[number];
/** The fleet page's desired-state filter (`drift` in the link): the gateways whose objects and rules agree, or not. */
export const FLEET_DRIFTS = ['all', 'drifted', 'unknown', 'in-sync'] as const;
/** Which gateways the desired-state filter keeps. */
export type FleetDriftFilter = (typeof FLEET_DRIFTS)[number];

/** The fleet page's view state. */
export interface FleetViewState {
  filter: string;
  status: FleetStatusFilter;
  drift: FleetDriftFilter;
  sort: FleetSort;
  descending: boolean;
}

const DEFAULT_GATEWAY: GatewayViewState = { view: 'graph', pod: null, filter: '', rule: null, diagnostic: null };
const DEFAULT_FLEET: FleetViewState = { filter: '', status: 'all', drift: 'all', sort: 'name', descending: false };

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return values.find((v) => v === value) ?? fallback;
}

function nonNegativeInt(value: string | null): number | null {
  if (value === null || !/^\d{1,9}$/.test(value)) return null;
  return Number(value);
}

/** The canonical text of a rule key: `<table>/<chain>/<index>` (chain names may contain '/', tables do not). */
export function formatRuleKey(key: RuleKey): string {
  return `${key.table}/${key.chain}/${key.index}`;
}

/** Reads `<table>/<chain>/<index>`; null when the text is not one. */
export function parseRuleKey(text: string | null): RuleKey | null {
  if (!text) return null;
  const first = text.indexOf('/');
  const last = text.lastIndexOf('/');
  if (first <= 0 || last <= first + 1) return null;
  const index = nonNegativeInt(text.slice(last + 1));
  if (index === null || index < 1) return null;
  return { table: text.slice(0, first), chain: text.slice(first + 1, last), index };
}

/** The canonical text of a resource key: `<kind>/<name>` (kinds have no '/'; Kubernetes names neither). */
function formatResourceKey(key: ResourceKey): string {
  return `${key.kind}/${key.name}`;
}

/** Reads `<kind>/<name>`; null when the text is not one. */
export function parseResourceKey(text: string | null): ResourceKey | null {
  const match = text ? /^([A-Za-z][A-Za-z0-9]*)\/([^/]+)$/.exec(text) : null;
  return match?.[1] && match[2] ? { kind: match[1], name: match[2] } : null;
}

/** Reads the gateway page's state from its query string. */
export function parseGatewayViewState(search: URLSearchParams): GatewayViewState {
  return {
    view: oneOf(GATEWAY_VIEWS, search.get('view'), DEFAULT_GATEWAY.view),
    pod: search.get('pod') || null,
    filter: search.get('q') ?? '',
    rule: parseRuleKey(search.get('rule')),
    diagnostic: nonNegativeInt(search.get('diag')),
    ...withResource(parseResourceKey(search.get('resource'))),
    ...withTrace(readTraceLink(search)),
    ...withHistory(search),
  };
}

function readingId(value: string | null): number | null {
  return value !== null && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null;
}

// As with a trace: only a link that names a reading gets the keys.
function withHistory(search: URLSearchParams): Pick<GatewayViewState, 'at' | 'from' | 'to'> {
  const at = readingId(search.get('at'));
  const from = readingId(search.get('from'));
  const to = search.get('to') === 'latest' ? 'latest' : readingId(search.get('to'));
  return { ...(at ? { at } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

// Only a link that names a trace (or a resource) gets the key, so a view without one reads the same as before they existed.
function withTrace(trace: TraceFields | null): { trace?: TraceFields } {
  return trace ? { trace } : {};
}

function withResource(resource: ResourceKey | null): { resource?: ResourceKey } {
  return resource ? { resource } : {};
}

/** Writes the gateway page's state as a query string, leaving out defaults so links stay short. */
export function gatewayViewSearch(state: GatewayViewState): URLSearchParams {
  const search = new URLSearchParams();
  if (state.view !== DEFAULT_GATEWAY.view) search.set('view', state.view);
  if (state.pod) search.set('pod', state.pod);
  if (state.filter) search.set('q', state.filter);
  if (state.rule) search.set('rule', formatRuleKey(state.rule));
  if (state.diagnostic !== null) search.set('diag', String(state.diagnostic));
  if (state.resource) search.set('resource', formatResourceKey(state.resource));
  writeTraceLink(search, state.trace ?? null);
  if (state.at) search.set('at', String(state.at));
  if (state.from) search.set('from', String(state.from));
  if (state.to) search.set('to', String(state.to));
  return search;
}

/** Reads the fleet page's state from its query string. */
export function parseFleetViewState(search: URLSearchParams): FleetViewState {
  return {
    filter: search.get('q') ?? '',
    // `ok` meant "the reading worked" before health existed; a kept link meant the gateways that looked fine.
    status: oneOf(
      FLEET_STATUSES,
      search.get('status') === 'ok' ? 'healthy' : search.get('status'),
      DEFAULT_FLEET.status,
    ),
    drift: oneOf(FLEET_DRIFTS, search.get('drift'), DEFAULT_FLEET.drift),
    sort: oneOf(FLEET_SORTS, search.get('sort'), DEFAULT_FLEET.sort),
    descending: search.get('dir') === 'desc',
  };
}

/** Writes the fleet page's state as a query string, leaving out defaults. */
export function fleetViewSearch(state: FleetViewState): URLSearchParams {
  const search = new URLSearchParams();
  if (state.filter) search.set('q', state.filter);
  if (state.status !== DEFAULT_FLEET.status) search.set('status', state.status);
  if (state.drift !== DEFAULT_FLEET.drift) search.set('drift', state.drift);
  if (state.sort !== DEFAULT_FLEET.sort) search.set('sort', state.sort);
  if (state.descending) search.set('dir', 'desc');
  return search;
}

/** The path of a gateway's page with an optional view state. */
export function gatewayPath(namespace: string, name: string, state?: Partial<GatewayViewState>): string {
  const path = `/gateways/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  const search = state ? gatewayViewSearch({ ...DEFAULT_GATEWAY, ...state }).toString() : '';
  return search ? `${path}?${search}` : path;
}
