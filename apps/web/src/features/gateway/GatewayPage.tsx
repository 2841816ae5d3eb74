import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import type { ApiRequestError } from '../../api/api-request-error.js';
import { gatewayDetailQuery, historyStatusQuery, readingDiffQuery, storedReadingQuery } from '../../api/queries.js';
import { useRefresh } from '../../app/refresh.js';
import { EmptyState } from '../../lib/EmptyState.js';
import { formatClock } from '../../lib/format.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { useNow } from '../../lib/use-now.js';
import { AsOfBanner } from '../history/AsOfBanner.js';
import { changeMarks } from '../history/change-marks.js';
import { DiffView } from '../history/DiffView.js';
import { HistoryTimeline } from '../history/HistoryTimeline.js';
import { storedTraceSource } from '../history/stored-trace-source.js';
import { TraceSourceContext } from '../trace/trace-source.js';
import { GatewayReading } from './GatewayReading.js';
import { useGatewayViewState } from './use-gateway-view-state.js';

/**
 * `/gateways/:namespace/:name`: one gateway's NAT chains as a flow graph, an EIP table, the raw dump, desired vs actual
 * and, where the server keeps history, its timeline, the page as of a kept reading (`at=`) and the changes between two
 * (`view=diff&from=&to=`).
 */
export function GatewayPage() {
  const { namespace = '', name = '' } = useParams();
  const [state, update] = useGatewayViewState();
  const refresh = useRefresh();
  const now = useNow();
  const at = state.at ?? null;
  const live = useQuery({ ...gatewayDetailQuery(namespace, name, state.pod, refresh.interval), enabled: at === null });
  const stored = useQuery({ ...storedReadingQuery(namespace, name, at ?? 0), enabled: at !== null });
  const detail = at === null ? live : stored;
  const status = useQuery(historyStatusQuery()).data;
  const historyOn = status?.enabled === true;
  useDocumentTitle(`${name} · ${namespace}`);
  const traceSource = useMemo(() => (at === null ? null : storedTraceSource(at)), [at]);

  // A diff shown on the graph: only over the reading it ends at (the live page for `to=latest`).
  const from = state.from ?? null;
  const to = state.to ?? null;
  const marksShown =
    from !== null && to !== null && state.view !== 'diff' && (to === 'latest' ? at === null : to === at);
  const marksDiff = useQuery({ ...readingDiffQuery(namespace, name, from ?? 0, to ?? 'latest'), enabled: marksShown });
  const report = detail.data?.report;
  const changes = useMemo(
    () => (marksShown && marksDiff.data && report ? changeMarks(marksDiff.data.rules, report) : null),
    [marksShown, marksDiff.data, report],
  );

  if (detail.isPending)
    return (
      <p className="loading">
        {at === null ? `Reading ${namespace}/${name}…` : `Opening kept reading ${at} of ${namespace}/${name}…`}
      </p>
    );
  if (detail.isError && !detail.data)
    return (
      <GatewayLoadError
        error={detail.error}
        namespace={namespace}
        name={name}
        pod={state.pod}
        at={at}
        onClearPod={() => update({ pod: null })}
        onLive={() => update({ at: null }, true)}
      />
    );
  const compare = (f: number, t: number | 'latest') => update({ view: 'diff', from: f, to: t }, true);
  const history = historyOn && (
    <>
      {at !== null && <AsOfBanner id={at} detail={detail.data} now={now} onLive={() => update({ at: null }, true)} />}
      <HistoryTimeline
        namespace={namespace}
        name={name}
        status={status}
        at={at}
        atTime={at !== null ? detail.data.collectedAt : null}
        now={now}
        refreshInterval={refresh.interval}
        // From the diff view a chosen reading is shown on the graph; any other view stays.
        onChoose={(id) => update({ at: id, ...(state.view === 'diff' ? { view: 'graph' as const } : {}) }, true)}
        onCompare={compare}
      />
      {changes && marksDiff.data && (
        <div className="banner banner--demo history-marks" role="status" data-testid="history-marks">
          <span>
            Marked on the graph: {changeWords(changes.added.length, marksDiff.data.rules.removed.length)} since{' '}
            {formatClock(marksDiff.data.from.at, now)} (kept reading {marksDiff.data.from.id}).
          </span>
          <button
            type="button"
            className="btn btn--small"
            data-testid="history-marks-clear"
            onClick={() => update({ from: null, to: null })}
          >
            Clear the marks
          </button>
        </div>
      )}
    </>
  );
  const reading = (
    <GatewayReading
      detail={detail.data}
      state={state}
      update={(patch, push) =>
        // Another pod is another timeline: leave the past for the live page of the pod chosen.
        update(patch.pod !== undefined && at !== null ? { ...patch, at: null } : patch, push)
      }
      updatedAt={detail.dataUpdatedAt}
      refreshError={detail.isError ? detail.error.message : null}
      history={history}
      diffView={
        historyOn ? (
          <DiffView
            namespace={namespace}
            name={name}
            from={from}
            to={to}
            now={now}
            onShowGraph={(d) => update({ view: 'graph', at: to === 'latest' ? null : d.to.id }, true)}
          />
        ) : null
      }
      changes={changes}
    />
  );
  return traceSource ? (
    <TraceSourceContext.Provider value={traceSource}>{reading}</TraceSourceContext.Provider>
  ) : (
    reading
  );
}

/** "2 rules added and 1 removed", "2 rules removed": what the graph marks, in words. */
function changeWords(added: number, removed: number): string {
  const rules = (n: number) => `${n} rule${n === 1 ? '' : 's'}`;
  if (added > 0 && removed > 0) return `${rules(added)} added and ${removed} removed`;
  if (added > 0) return `${rules(added)} added`;
  return removed > 0 ? `${rules(removed)} removed` : 'no rule added or removed';
}

function GatewayLoadError({
  error,
  namespace,
  name,
  pod,
  at,
  onClearPod,
  onLive,
}: {
  error: ApiRequestError;
  namespace: string;
  name: string;
  pod: string | null;
  /** The kept reading the link names, if any: it may have been pruned. */
  at: number | null;
  onClearPod: () => void;
  onLive: () => void;
}) {
  const notFound = error.status === 404;
  return (
    // The whole page: its heading is the page's h1. The server's own words for a plain 404 repeat the heading, so only
    // a pod's 404 (which lists the gateway's pods) or another failure shows them.
    <EmptyState
      title={
        notFound && at !== null
          ? `No kept reading ${at} of ${namespace}/${name}`
          : notFound
            ? `No gateway ${namespace}/${name}`
            : `${namespace}/${name} could not be read`
      }
      tone="error"
      level={1}
    >
      {(!notFound || pod || at !== null) && <p>{error.message}</p>}
      {notFound && pod && (
        <p>
          The link names pod <code>{pod}</code>.{' '}
          <button type="button" className="btn btn--link" onClick={onClearPod}>
            Show the gateway's current pod instead
          </button>
        </p>
      )}
      {notFound && at !== null && (
        <p>
          Kept readings are pruned after the retention.{' '}
          <button type="button" className="btn btn--link" onClick={onLive}>
            Show the gateway as it is now
          </button>
        </p>
      )}
      {notFound && !pod && at === null && (
        <p>It may have been deleted or renamed, or it lives in a namespace the server does not watch.</p>
      )}
      <p>
        <Link to="/">Back to the fleet</Link>
      </p>
    </EmptyState>
  );
}
