import type { GatewayError, GatewaySummary } from '@natscope/api';
import { NO_FACTS } from '../analysis/summarize-report.js';
import { defaultPod, type GatewayState, type PodState } from '../collector/collector.js';
import type { DriftSource } from './drift-source.js';

/**
 * The summary of a gateway as seen through one of its pods (Contract 3), at time `now`. Its drift is the
 * gateway's (the worst pod's), as in the fleet.
 */
export function podSummary(gw: GatewayState, pod: PodState | undefined, now: number, drift: DriftSource): GatewaySummary {
  const good = pod?.good ?? null;
  const error: GatewayError | undefined = pod?.error ? pod.error.toJSON() : undefined;
  const facts = good?.analysis.facts ?? NO_FACTS;
  return {
    namespace: gw.namespace,
    name: gw.name,
    pods: gw.pods.map((p) => ({ name: p.info.name, phase: p.info.phase, ready: p.info.ready })),
    status: error ? 'error' : pod?.attempted ? 'ok' : 'pending',
    backend: good?.analysis.backend ?? 'unknown',
    collectedAt: good ? new Date(good.at).toISOString() : null,
    ageSeconds: good ? Math.max(0, Math.floor((now - good.at) / 1000)) : null,
    stale: Boolean(error && good),
    ...(error ? { error } : {}),
    counts: facts.counts,
    diagnostics: facts.diagnostics,
    drift: drift.summary(gw),
  };
}

/**
 * The fleet row of a gateway: its default pod's view; if that pod is fine but another pod of an HA gateway
 * is not, the row says error and names that pod, so a half-broken HA pair never looks healthy.
 */
export function gatewaySummary(gw: GatewayState, now: number, drift: DriftSource): GatewaySummary {
  const primary = defaultPod(gw);
  const summary = podSummary(gw, primary, now, drift);
  if (summary.status !== 'error') {
    const other = gw.pods.find((p) => p !== primary && p.error);
    if (other?.error) {
      summary.status = 'error';
      summary.error = other.error.toJSON();
    }
  }
  return summary;
}
