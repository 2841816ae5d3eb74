import { Router } from 'express';
import type { Collector } from '../collector/collector.js';
import type { CollectionTotals } from '../views/collection-totals.js';
import type { DriftSource } from '../views/drift-source.js';
import type { RuleChanges } from '../history/rule-changes.js';
import { METRICS_CONTENT_TYPE, renderMetrics } from '../views/render-metrics.js';

/** GET /metrics in the Prometheus text format. */
export function metricsRoutes(deps: {
  collector: Collector;
  totals: CollectionTotals;
  drift: DriftSource;
  changes: RuleChanges;
  now: () => number;
}): Router {
  const router = Router();
  router.get('/metrics', (_req, res) => {
    res
      .set({ 'Content-Type': METRICS_CONTENT_TYPE, 'Cache-Control': 'no-store' })
      .send(renderMetrics(deps.collector, deps.totals, deps.drift, deps.now(), deps.changes));
  });
  return router;
}
