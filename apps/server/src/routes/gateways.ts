import { createHash } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { KubeName, type GatewayList } from '@natscope/api';
import { defaultPod, gatewaySummary, podSummary, type Collector, type GatewayState, type PodState } from '../collector.js';
import { HttpError, parseOr400 } from '../http-error.js';

/** What the gateway routes serve besides the collector's state. */
export interface GatewayRoutesDeps {
  collector: Collector;
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
    throw new HttpError(404, 'not-found', `gateway ${namespace}/${name} has no pod ${podName ?? ''} (its pods: ${known || 'none'})`);
  }
  return { gateway, pod, explicitPod: podName !== undefined };
}

/**
 * GET /gateways (the fleet) and GET /gateways/:namespace/:name (one gateway and pod with its report).
 * The fleet body is built at most once per collector change and second (ageSeconds counts whole seconds) and
 * carries an ETag, so many dashboards polling it cost one serialisation; the detail splices the report JSON
 * serialised at collection time instead of serialising it per request.
 */
export function gatewayRoutes(deps: GatewayRoutesDeps): Router {
  const router = Router();
  let cache: { version: number; second: number; body: string; etag: string } | null = null;

  router.get('/gateways', (req, res) => {
    parseOr400(ListQuery, req.query, 'query parameter');
    const now = deps.now();
    const second = Math.floor(now / 1000);
    if (!cache || cache.version !== deps.collector.version || cache.second !== second) {
      const list: GatewayList = {
        source: deps.source,
        context: deps.context,
        gateways: deps.collector.list().map((gw) => gatewaySummary(gw, now)),
        ...(deps.collector.fleetError ? { error: deps.collector.fleetError.toJSON() } : {}),
      };
      const body = JSON.stringify(list);
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      cache = { version: deps.collector.version, second, body, etag };
    }
    res.set({ 'Cache-Control': 'no-cache', ETag: cache.etag }).type('application/json').send(cache.body);
  });

  router.get('/gateways/:namespace/:name', (req, res) => {
    const { gateway, pod, explicitPod } = findGatewayPod(deps.collector, req.params, req.query);
    const now = deps.now();
    const summary = explicitPod ? podSummary(gateway, pod, now) : gatewaySummary(gateway, now);
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
    const body = `${json.slice(0, -1)},"report":${good?.reportJson ?? 'null'}}`;
    res.set('Cache-Control', 'no-cache').type('application/json').send(body);
  });

  return router;
}
