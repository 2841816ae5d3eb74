import type { GatewaySummary } from '@natscope/api';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ApiRequestError } from '../../api/api-request-error.js';
import { addressIndexQuery, gatewayListQuery } from '../../api/queries.js';
import { useRefresh } from '../../app/refresh.js';
import { BackendBadge, ConditionBadge, SeverityCounts } from '../../lib/badges.js';
import { EmptyState } from '../../lib/EmptyState.js';
import { FilterField, FilterProblems } from '../../lib/FilterField.js';
import { parseFilter } from '../../lib/filter-query.js';
import { formatAge } from '../../lib/format.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { useNow } from '../../lib/use-now.js';
import {
  FLEET_DRIFTS,
  FLEET_STATUSES,
  fleetViewSearch,
  gatewayPath,
  parseFleetViewState,
  type FleetSort,
  type FleetViewState,
} from '../../lib/url-state.js';
import { DriftCell } from './DriftCell.js';
import { GatewayErrorDetails } from './GatewayErrorDetails.js';
import { conditionTone } from '../../lib/condition.js';
import { addressLookup, needsAddresses, visibleGateways } from './visible-gateways.js';

const COLUMNS: { sort: FleetSort; label: string; numeric?: boolean; title?: string }[] = [
  { sort: 'name', label: 'Gateway' },
  { sort: 'namespace', label: 'Namespace' },
  {
    sort: 'status',
    label: 'Health',
    title:
      'How the gateway was read and what its rules say: healthy, degraded (warnings), broken (errors), read failed',
  },
  { sort: 'backend', label: 'Backend' },
  { sort: 'fip', label: 'FIPs', numeric: true, title: 'Floating IPs (1:1 NAT)' },
  { sort: 'dnat', label: 'DNATs', numeric: true, title: 'Port forwards' },
  { sort: 'snat', label: 'SNATs', numeric: true, title: 'Shared SNAT sources' },
  { sort: 'diagnostics', label: 'Diagnostics', title: 'errors / warnings / infos' },
  { sort: 'drift', label: 'Desired state', title: 'The kubeovn.io objects compared with the rules the gateway holds' },
  {
    sort: 'changed',
    label: 'Rules changed',
    title: "When the gateway's rules last changed, as the history saw it (sort: newest first)",
  },
  { sort: 'age', label: 'Data age' },
];

// Columns whose first click shows the worst gateways first.
const WORST_FIRST: ReadonlySet<FleetSort> = new Set(['diagnostics', 'drift', 'changed']);

const STATUS_LABEL: Record<FleetViewState['status'], string> = {
  all: 'all',
  problems: 'with problems',
  broken: 'broken',
  degraded: 'degraded',
  healthy: 'healthy',
  error: 'read failed',
  pending: 'not read yet',
};

const DRIFT_LABEL: Record<FleetViewState['drift'], string> = {
  all: 'all',
  drifted: 'drifted',
  unknown: 'unknown',
  'in-sync': 'in sync',
};

/** `/`: every gateway with its health, mapping counts and diagnostics; sortable, filterable, live. */
export function FleetPage() {
  useDocumentTitle('Fleet');
  const refresh = useRefresh();
  const [searchParams, setSearchParams] = useSearchParams();
  const state = parseFleetViewState(searchParams);
  const list = useQuery(gatewayListQuery(refresh.interval));
  const filter = useMemo(() => parseFilter(state.filter), [state.filter]);
  // The fleet list carries no addresses: fetch them only once the filter asks about one.
  const wantAddresses = needsAddresses(filter.terms);
  const addresses = useQuery(addressIndexQuery(refresh.interval, wantAddresses));
  const lookup = useMemo(() => (addresses.data ? addressLookup(addresses.data) : undefined), [addresses.data]);
  const { filter: filterText, status, drift, sort, descending } = state;
  const rows = useMemo(
    () =>
      list.data
        ? visibleGateways(
            list.data.gateways,
            filter.terms,
            { filter: filterText, status, drift, sort, descending },
            lookup,
          )
        : [],
    [list.data, filter.terms, filterText, status, drift, sort, descending, lookup],
  );
  const waitingForAddresses = wantAddresses && !addresses.data;
  const now = useNow();

  const update = (patch: Partial<FleetViewState>) =>
    setSearchParams(fleetViewSearch({ ...state, ...patch }), { replace: true });
  const sortBy = (sort: FleetSort) =>
    update({ sort, descending: state.sort === sort ? !state.descending : WORST_FIRST.has(sort) });

  if (list.isPending) return <p className="loading">Reading the fleet…</p>;
  if (list.isError && !list.data) return <FleetError error={list.error} />;

  const gateways = list.data.gateways;
  const elapsed = (now - list.dataUpdatedAt) / 1000;
  return (
    <div className="fleet">
      <div className="toolbar">
        <h1 className="toolbar__title">Gateways</h1>
        <FilterField
          label="Filter gateways"
          placeholder="Filter: name, namespace, EIP, internal IP or CIDR…"
          value={state.filter}
          onChange={(filter) => update({ filter })}
          describedBy="fleet-filter-help"
        />
        <label className="field field--inline">
          <span>health</span>
          <select
            value={state.status}
            onChange={(e) => update({ status: e.target.value as FleetViewState['status'] })}
            aria-label="Health filter"
          >
            {FLEET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span>desired state</span>
          <select
            value={state.drift}
            onChange={(e) => update({ drift: e.target.value as FleetViewState['drift'] })}
            aria-label="Desired state filter"
          >
            {FLEET_DRIFTS.map((d) => (
              <option key={d} value={d}>
                {DRIFT_LABEL[d]}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar__meta" id="fleet-filter-help">
          {rows.length} of {gateways.length} gateway{gateways.length === 1 ? '' : 's'}
          {list.isError && <span className="badge badge--stale">refresh failed: {list.error.message}</span>}
        </span>
      </div>
      <FilterProblems problems={filter.problems} />
      {list.data.error && (
        <div className="banner banner--error" role="alert">
          <GatewayErrorDetails error={list.data.error} namespace="" pod={null} stale={gateways.length > 0} />
        </div>
      )}
      {gateways.length === 0 ? (
        <EmptyState title="No gateways found" tone="warning">
          <p>
            The server listed no pods with the gateway label (<code>ovn.kubernetes.io/vpc-nat-gw=true</code>) in the
            namespaces it watches. Check <code>NATSCOPE_NAMESPACES</code> and <code>NATSCOPE_SELECTOR</code>, and that a
            VpcNatGateway exists:
          </p>
          <pre>kubectl get vpc-nat-gateways; kubectl get pods -A -l ovn.kubernetes.io/vpc-nat-gw=true</pre>
        </EmptyState>
      ) : waitingForAddresses && addresses.isError ? (
        <EmptyState title="The address search is unavailable" tone="error">
          <p>
            Finding gateways by address needs every gateway's addresses, and the server did not give them:{' '}
            {addresses.error.message} Filters by name, namespace or status still work.
          </p>
        </EmptyState>
      ) : waitingForAddresses ? (
        <p className="loading" role="status">
          Looking up the addresses of {gateways.length} gateway{gateways.length === 1 ? '' : 's'}…
        </p>
      ) : rows.length === 0 ? (
        <EmptyState title="No gateway matches this filter">
          <p>
            None of the {gateways.length} gateways matches <code>{describeFilter(state)}</code>.{' '}
            <button
              type="button"
              className="btn btn--link"
              onClick={() => update({ filter: '', status: 'all', drift: 'all' })}
            >
              Clear the filter
            </button>
          </p>
        </EmptyState>
      ) : (
        <table className="fleet-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.sort}
                  scope="col"
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={state.sort === c.sort ? (state.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button type="button" className="th-sort" onClick={() => sortBy(c.sort)} title={c.title}>
                    {c.label}
                    <span className="th-sort__arrow" aria-hidden="true">
                      {state.sort === c.sort ? (state.descending ? '▾' : '▴') : ''}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col">Pods</th>
            </tr>
          </thead>
          {rows.map((g) => (
            <GatewayRows key={`${g.namespace}/${g.name}`} gateway={g} elapsed={elapsed} now={now} />
          ))}
        </table>
      )}
    </div>
  );
}

function GatewayRows({ gateway: g, elapsed, now }: { gateway: GatewaySummary; elapsed: number; now: number }) {
  const age = g.ageSeconds === null ? null : g.ageSeconds + Math.max(0, elapsed);
  return (
    <tbody
      className={`gateway-rows gateway-rows--${g.status} gateway-rows--${conditionTone(g)}`}
      data-testid={`gateway-${g.namespace}-${g.name}`}
    >
      <tr>
        <th scope="row">
          <Link to={gatewayPath(g.namespace, g.name)} className="gateway-link">
            {g.name}
          </Link>
        </th>
        <td>{g.namespace}</td>
        <td>
          <ConditionBadge gateway={g} />
        </td>
        <td>
          <BackendBadge backend={g.backend} />
        </td>
        <td className="num">{g.counts.fip}</td>
        <td className="num">{g.counts.dnat}</td>
        <td className="num">{g.counts.snat}</td>
        <td>
          <SeverityCounts counts={g.diagnostics} />
        </td>
        <td className="drift-col">
          <DriftCell drift={g.drift} />
        </td>
        <td className="changed" data-testid={`gateway-changed-${g.namespace}-${g.name}`}>
          {g.lastRuleChangeAt === null ? (
            <span className="muted" title="No kept reading of this gateway (history off, or not read yet)">
              —
            </span>
          ) : (
            <time dateTime={g.lastRuleChangeAt} title={g.lastRuleChangeAt}>
              {formatAge(Math.max(0, (now - Date.parse(g.lastRuleChangeAt)) / 1000))}
            </time>
          )}
        </td>
        <td className={g.stale ? 'age age--stale' : 'age'} title={g.collectedAt ?? 'no reading yet'}>
          {formatAge(age)}
        </td>
        <td>
          <span className="pods">
            {g.pods.map((p) => (
              <span
                key={p.name}
                className={`pod ${p.ready ? 'pod--ready' : 'pod--unready'}`}
                title={`${p.name}: ${p.phase}${p.ready ? ', ready' : ', not ready'}`}
              >
                <span className="pod__dot" aria-hidden="true" />
                {p.name}
              </span>
            ))}
            {g.pods.length === 0 && <span className="muted">no pods</span>}
          </span>
        </td>
      </tr>
      {g.error && (
        <tr className="gateway-rows__error">
          <td colSpan={COLUMNS.length + 1}>
            <GatewayErrorDetails
              error={g.error}
              namespace={g.namespace}
              pod={g.pods[0]?.name ?? null}
              stale={g.stale}
            />
          </td>
        </tr>
      )}
    </tbody>
  );
}

// What the empty list was filtered by, in the words of the controls.
function describeFilter(state: FleetViewState): string {
  const parts = [
    state.filter,
    state.status !== 'all' ? `health ${STATUS_LABEL[state.status]}` : '',
    state.drift !== 'all' ? `desired state ${DRIFT_LABEL[state.drift]}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function FleetError({ error }: { error: ApiRequestError }) {
  return (
    <EmptyState title="The fleet could not be read" tone="error">
      <p>{error.message}</p>
      {error.code === 'unreachable' && (
        <p>
          Start it with <code>npm start</code> (or{' '}
          <code>NATSCOPE_SOURCE=demo pnpm --filter @natscope/server run start</code> for the demo); this page retries on
          its own.
        </p>
      )}
    </EmptyState>
  );
}
