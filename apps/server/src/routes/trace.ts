import { Router } from 'express';
import { TraceRequest, type GatewayTrace, type TraceResult } from '@natscope/api';
import { TraceTimeout, type AnalysedReadings, type ReadingText } from '../analysis/analysed-readings.js';
import { CollectError } from '../collector/collect-error.js';
import type { Collector } from '../collector/collector.js';
import { HttpError, parseOr400 } from '../http/http-error.js';
import { findGatewayPod } from './gateways.js';

/** What the trace route needs: the collector's readings and the analysed reading of each. */
export interface TraceRoutesDeps {
  collector: Collector;
  readings: AnalysedReadings;
}

// The query's fields are TraceRequest's (strict decimal ports, shared with the web's trace links).
const TraceQuery = TraceRequest.shape;

/**
 * GET /gateways/:namespace/:name/trace?src=…&dst=…[&inInterface=net1&protocol=tcp&sport=&dport=&outInterface=&mark=&pod=]
 * traces the first packet of a connection through the pod's latest good reading (the same pod `?pod=` picks
 * on the detail route). Read-only: the gateway is never touched, the trace is computed from the dump.
 */
export function traceRoutes(deps: TraceRoutesDeps): Router {
  const router = Router();

  router.get('/gateways/:namespace/:name/trace', async (req, res) => {
    const { gateway, pod } = findGatewayPod(deps.collector, req.params, req.query, TraceQuery);
    const { pod: _pod, ...fields } = req.query as Record<string, unknown>;
    const request = parseOr400(TraceRequest, fields, 'query parameter');
    const reading = pod.good;
    const target = `${gateway.namespace}/${pod.info.name}`;
    if (!reading) {
      throw new HttpError(
        409,
        'no-reading',
        `${target} has not been read successfully yet; nothing to trace (try again after the next poll)`,
      );
    }
    // Through the analysed reading of the dump's shape, shared with the detail route: readings that differ only
    // in counters trace the same, so a big gateway is parsed once (in a worker), not after every poll.
    const result = await traceAsHttp(deps.readings, target, reading, request);
    const body: GatewayTrace = {
      ...result,
      namespace: gateway.namespace,
      name: gateway.name,
      pod: pod.info.name,
      collectedAt: new Date(reading.at).toISOString(),
    };
    res.set('Cache-Control', 'no-cache').json(body);
  });

  return router;
}

/** The trace of `request` through `reading`, its failures as the HTTP errors they are (422 unparsable, 503 too slow). */
export async function traceAsHttp(
  readings: AnalysedReadings,
  target: string,
  reading: ReadingText,
  request: TraceRequest,
): Promise<TraceResult> {
  try {
    return await readings.trace(target, reading, request);
  } catch (err) {
    if (err instanceof CollectError && err.code === 'parse-failed')
      throw new HttpError(422, 'parse-failed', err.message);
    if (err instanceof TraceTimeout) throw new HttpError(503, 'timeout', err.message);
    throw err;
  }
}
