import { Router } from 'express';
import { z } from 'zod';
import {
  DiffQuery,
  DriftReport,
  ErrorCode,
  HistoryQuery,
  KubeName,
  TraceRequest,
  type GatewayTrace,
  type GatewayList,
  type HistoryEntry,
  type HistoryPage,
  type HistoryStatus,
} from '@natscope/api';
import type { AnalysedReadings } from '../analysis/analysed-readings.js';
import { CollectError } from '../collector/collect-error.js';
import type { Collector } from '../collector/collector.js';
import type { HistoryAccess } from '../history/history-access.js';
import type { HistoryStore, StoredEvent, StoredReading } from '../history/history-store.js';
import { HttpError, parseOr400 } from '../http/http-error.js';
import { traceAsHttp } from './trace.js';
import { gatewayDiff } from '../views/gateway-diff.js';
import { storedDetailJson, storedReadingText } from '../views/stored-detail.js';

export interface HistoryRoutesDeps {
  collector: Collector;
  readings: AnalysedReadings;
  history: HistoryAccess;
  source: GatewayList['source'];
  context: string;
  now: () => number;
}

const GatewayParams = z.object({ namespace: KubeName, name: KubeName }).strict();
const ReadingParams = GatewayParams.extend({ id: z.string().regex(/^[1-9]\d{0,15}$/, 'must be a reading id') });
const NoQuery = z.object({}).strict();
const DEFAULT_LIMIT = 100;

/**
 * The history API: `GET /history/status`, and per gateway `…/history` (the timeline, newest first, paged by
 * cursor), `…/readings/:id` (a kept reading as a GatewayDetail) and `…/diff?from=&to=` (Contract 6 between two kept
 * readings) and `…/readings/:id/trace` (a packet traced through the rules of a kept reading). Every id and time comes in through zod and goes to SQLite as a bound parameter. With history off, the
 * status says why and the other routes answer 503 `history-off`.
 */
export function historyRoutes(deps: HistoryRoutesDeps): Router {
  const router = Router();

  router.get('/history/status', (req, res) => {
    parseOr400(NoQuery, req.query, 'query parameter');
    const state = deps.history.store?.state() ?? { enabled: false, reason: deps.history.reason };
    const body: HistoryStatus = {
      enabled: state.enabled,
      reason: state.reason,
      retentionDays: deps.history.retentionDays,
      retentionMb: deps.history.retentionMb,
      usedBytes: deps.history.store?.usedBytes() ?? 0,
    };
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.get('/gateways/:namespace/:name/history', (req, res) => {
    const { namespace, name } = parseOr400(GatewayParams, req.params, 'path parameter');
    const q = parseOr400(HistoryQuery, req.query, 'query parameter');
    const store = storeOr503(deps.history);
    const limit = q.limit ?? DEFAULT_LIMIT;
    const events = store.events(namespace, name, {
      limit,
      ...(q.since ? { since: Date.parse(q.since) } : {}),
      ...(q.until ? { until: Date.parse(q.until) } : {}),
      ...(q.cursor ? { before: Number(q.cursor) } : {}),
    });
    if (events.length === 0 && !deps.collector.get(namespace, name) && !q.cursor) {
      throw new HttpError(404, 'not-found', `no gateway ${namespace}/${name}, now or in the history`);
    }
    const last = events.at(-1);
    const body: HistoryPage = {
      namespace,
      name,
      entries: events.map(toEntry),
      next: events.length === limit && last ? String(last.id) : null,
    };
    res.set('Cache-Control', 'no-cache').json(body);
  });

  router.get('/gateways/:namespace/:name/readings/:id', async (req, res) => {
    const { namespace, name, id } = parseOr400(ReadingParams, req.params, 'path parameter');
    parseOr400(NoQuery, req.query, 'query parameter');
    const store = storeOr503(deps.history);
    const stored = readingOr404(store, namespace, name, Number(id));
    const live = deps.collector.get(namespace, name)?.pods.find((p) => p.info.name === stored.pod);
    const body = await parseFailedAs422(() =>
      storedDetailJson(
        stored,
        deps.readings,
        {
          source: deps.source,
          context: deps.context,
          now: deps.now(),
          changes: deps.history.changes,
          ...(live ? { live } : {}),
        },
        store.driftAt(stored.id),
      ),
    );
    // A kept reading never changes: it may be cached as long as it is kept.
    res.set('Cache-Control', 'private, max-age=3600').type('application/json').send(body);
  });

  router.get('/gateways/:namespace/:name/readings/:id/trace', async (req, res) => {
    const { namespace, name, id } = parseOr400(ReadingParams, req.params, 'path parameter');
    const request = parseOr400(TraceRequest, req.query, 'query parameter');
    const store = storeOr503(deps.history);
    const stored = readingOr404(store, namespace, name, Number(id));
    // The same trace as the live route's, through the rules as they were: a stored reading's shape is cached like a
    // live one's, so time travel to the rules the gateway still has traces without parsing again.
    const result = await traceAsHttp(deps.readings, `${namespace}/${stored.pod}`, storedReadingText(stored), request);
    const body: GatewayTrace = {
      ...result,
      namespace,
      name,
      pod: stored.pod,
      collectedAt: new Date(stored.at).toISOString(),
    };
    res.set('Cache-Control', 'private, max-age=3600').json(body);
  });

  router.get('/gateways/:namespace/:name/diff', async (req, res) => {
    const { namespace, name } = parseOr400(GatewayParams, req.params, 'path parameter');
    const q = parseOr400(DiffQuery, req.query, 'query parameter');
    const store = storeOr503(deps.history);
    const from = readingOr404(store, namespace, name, Number(q.from));
    const toId = q.to === 'latest' ? store.latestReadingId(namespace, name, from.pod) : Number(q.to);
    const to = readingOr404(store, namespace, name, toId ?? 0);
    const body = await parseFailedAs422(() => gatewayDiff(store, deps.readings, from, to));
    res.set('Cache-Control', q.to === 'latest' ? 'no-cache' : 'private, max-age=3600').json(body);
  });

  return router;
}

function storeOr503(history: HistoryAccess): HistoryStore {
  const store = history.store;
  const state = store?.state();
  if (!store || !state?.enabled) {
    throw new HttpError(503, 'history-off', state?.reason ?? history.reason ?? 'history is off');
  }
  return store;
}

function readingOr404(store: HistoryStore, namespace: string, name: string, id: number): StoredReading {
  const stored = store.reading(namespace, name, id);
  if (!stored) throw new HttpError(404, 'not-found', `gateway ${namespace}/${name} has no kept reading ${id}`);
  return stored;
}

async function parseFailedAs422<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CollectError && err.code === 'parse-failed')
      throw new HttpError(422, 'parse-failed', err.message);
    throw err;
  }
}

function toEntry(e: StoredEvent): HistoryEntry {
  const at = new Date(e.at).toISOString();
  switch (e.kind) {
    case 'reading':
      return {
        kind: 'reading',
        id: e.id,
        at,
        pod: e.pod,
        backend: e.backend === 'legacy' || e.backend === 'nft' ? e.backend : 'unknown',
        change: e.change === 'first' || e.change === 'stderr' ? e.change : 'rules',
        stderr: e.stderr,
      };
    case 'status': {
      const code = ErrorCode.safeParse(e.code);
      return {
        kind: 'status',
        id: e.id,
        at,
        status: e.status,
        error: e.status === 'error' ? { code: code.success ? code.data : 'internal', message: e.message ?? '' } : null,
      };
    }
    case 'drift': {
      const report = DriftReport.safeParse(JSON.parse(e.json));
      const counts = { error: 0, warning: 0, info: 0 };
      if (report.success) for (const d of report.data.drifts) counts[d.severity]++;
      return {
        kind: 'drift',
        id: e.id,
        at,
        pod: e.pod,
        status: report.success ? report.data.status : 'unknown',
        counts,
      };
    }
  }
}
