import { Router } from 'express';
import { z } from 'zod';
import type { AnalysedReadings } from '../analysis/analysed-readings.js';
import { KubeName, type GatewayList } from '@natscope/api';
import { defaultPod, type Collector, type GatewayState, type PodState } from '../collector/collector.js';
import { gatewaySummary, podSummary } from '../views/gateway-summary.js';
import { sendBuilt } from '../views/built-json.js';
import type { DriftSource } from '../views/drift-source.js';
import { FleetBody } from '../views/fleet-body.js';
import type { RuleChanges } from '../history/rule-changes.js';
import { HttpError, parseOr400 } from '../http/http-error.js';

/** What the gateway routes serve besides the collector's state. */
export interface GatewayRoutesDeps {
  collector: Collector;
  readings: AnalysedReadings;
  drift: DriftSource;
  changes: RuleChanges;
  source: GatewayList['source'];
  context: string;
  now: () => number;
}

const GatewayParams = z.object({ namespace: KubeName, name: KubeName });
const ListQuery = z.object({}).strict();
const DetailQuery = z.object({ pod: KubeName.optional() }).strict();

/** Validates `:namespace/:name` and `?pod=`, and finds the gateway and pod, or throws the 404 the API promises. */
export function findGatewayPod(
  collector: Collector,
  params: unknown,
  query: unknown,
  extraQuery: z.ZodRawShape = {},
): { gateway: GatewayState; pod: PodState; explicitPod: boolean } {
  const { namespace, name } = parseOr400(GatewayParams, params, 'path parameter');
  const { pod: podName } = parseOr400(DetailQuery.extend(extraQuery), query, 'query parameter') as { pod?: string };
  const gateway = collector.get(namespace, name);
  if (!gateway) throw new HttpError(404, 'not-found', `no gateway ${namespace}/${name}`);
  const pod = podName === undefined ? defaultPod(gateway) : gateway.pods.find((p) => p.info.name === podName);
  if (!pod) {
    const known = gateway.pods.map((p) => p.info.name).join(', ');
    throw new HttpError(
      404,
      'not-found',
      `gateway ${namespace}/${name} has no pod ${podName ?? ''} (its pods: ${known || 'none'})`,
    );
  }
  return { gateway, pod, explicitPod: podName !== undefined };
}

/**
 * GET /gateways (the fleet, from FleetBody's prebuilt bytes, with an ETag and gzip) and
 * GET /gateways/:namespace/:name (one gateway and pod, splicing in the report JSON built once per reading
 * by AnalysedReadings, and the pod's desired-vs-actual comparison).
 */
export function gatewayRoutes(deps: GatewayRoutesDeps): Router {
  const router = Router();
  const fleet = new FleetBody(deps.collector, { source: deps.source, context: deps.context }, deps.drift, deps.changes);

  router.get('/gateways', (req, res) => {
    parseOr400(ListQuery, req.query, 'query parameter');
    sendBuilt(req, res, fleet.get(deps.now()));
  });

  router.get('/gateways/:namespace/:name', async (req, res) => {
    const { gateway, pod, explicitPod } = findGatewayPod(deps.collector, req.params, req.query);
    const now = deps.now();
    const summary = explicitPod
      ? podSummary(gateway, pod, now, deps.drift, deps.changes)
      : gatewaySummary(gateway, now, deps.drift, deps.changes);
    const good = pod.good;
    const head = {
      ...summary,
      source: deps.source,
      context: deps.context,
      pod: pod.info.name,
      stderr: good ? good.stderr : (pod.error?.stderr ?? ''),
      raw: good?.raw ?? '',
    };
    const json = JSON.stringify(head);
    const report = good ? await deps.readings.detailJson(`${gateway.namespace}/${pod.info.name}`, good) : 'null';
    const drift = JSON.stringify(deps.drift.podDrift(gateway, pod));
    const body = `${json.slice(0, -1)},"report":${report},"drift":${drift}}`;
    res.set('Cache-Control', 'no-cache').type('application/json').send(body);
  });

  return router;
}
