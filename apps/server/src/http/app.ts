import express, { type Express, type Router } from 'express';
import type { GatewayList } from '@natscope/api';
import { AnalysedReadings } from '../analysis/analysed-readings.js';
import type { Collector } from '../collector/collector.js';
import { addressRoutes } from '../routes/addresses.js';
import { gatewayRoutes } from '../routes/gateways.js';
import { healthRoutes } from '../routes/health.js';
import { historyRoutes } from '../routes/history.js';
import { type HistoryAccess, NO_HISTORY } from '../history/history-access.js';
import { metricsRoutes } from '../routes/metrics.js';
import { traceRoutes } from '../routes/trace.js';
import { webAppRoutes } from '../routes/web-app.js';
import { CollectionTotals } from '../views/collection-totals.js';
import { type DriftSource, NO_DRIFT_SOURCE } from '../views/drift-source.js';
import { errorHandler, notFound } from './http-error.js';
import { securityHeaders } from './security-headers.js';

/** What the app serves from: the collector's state, where it comes from, and the caches built on it. */
export interface AppDeps {
  collector: Collector;
  source: GatewayList['source'];
  /** The kubeconfig context, 'in-cluster' or 'demo'. */
  context: string;
  /** The built web app; null or a folder without index.html serves a page saying how to build it. */
  webDist: string | null;
  now?: () => number;
  /** Where internal errors are logged (stack traces go here, never to clients). */
  log?: (line: string) => void;
  /** The analysed readings the detail and trace routes share; default: a new cache. */
  readings?: AnalysedReadings;
  /**
   * The collector's running totals for /metrics; default: subscribed here, so pass one made before the
   * collector's first pass when the app is created later.
   */
  totals?: CollectionTotals;
  /** Each gateway's desired-vs-actual state (DesiredState); default: none, every gateway `unknown` saying so. */
  drift?: DriftSource;
  /** The history (HistoryStore and HistoryRecorder); default: none, the history routes say it is off. */
  history?: HistoryAccess;
  /** Routers mounted under /api before the JSON 404 (tests use it to provoke errors). */
  extraApiRouters?: Router[];
}

/**
 * Builds the Express app: every documented route (the read-only JSON API under /api, /metrics, the web app),
 * security headers on everything, JSON errors without stack traces, and a JSON 404 last. Reads no environment
 * and does not listen: main.ts does that, tests use supertest.
 */
export function createApp(deps: AppDeps): Express {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((line: string) => console.error(line));
  const readings = deps.readings ?? new AnalysedReadings();
  const totals = deps.totals ?? new CollectionTotals(deps.collector);
  const drift = deps.drift ?? NO_DRIFT_SOURCE;
  const history = deps.history ?? NO_HISTORY;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(securityHeaders);

  const api = express.Router();
  api.use(healthRoutes());
  api.use(
    gatewayRoutes({
      collector: deps.collector,
      readings,
      drift,
      changes: history.changes,
      source: deps.source,
      context: deps.context,
      now,
    }),
  );
  api.use(
    historyRoutes({ collector: deps.collector, readings, history, source: deps.source, context: deps.context, now }),
  );
  api.use(traceRoutes({ collector: deps.collector, readings }));
  api.use(addressRoutes({ collector: deps.collector }));
  for (const r of deps.extraApiRouters ?? []) api.use(r);
  api.use(notFound);
  app.use('/api', api);
  app.use(metricsRoutes({ collector: deps.collector, totals, drift, changes: history.changes, now }));
  app.use(webAppRoutes(deps.webDist));
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
