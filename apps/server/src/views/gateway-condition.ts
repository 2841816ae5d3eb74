import type { GatewayDrift, GatewayError, GatewaySummary } from '@natscope/api';
import { findingsHealth, gatewayHeadline, type FindingsHealth } from '@natscope/natgw';
import type { GatewayState, PodState } from '../collector/collector.js';

/** The part of a summary that says how a gateway is: whether it could be read, its health, and the headline. */
export type GatewayCondition = Pick<GatewaySummary, 'status' | 'stale' | 'error' | 'reading' | 'health' | 'headline'>;

const RANK: Readonly<Record<FindingsHealth['health'], number>> = { healthy: 0, degraded: 1, broken: 2 };

function findingsOf(pod: PodState | undefined): FindingsHealth | null {
  return pod?.good ? findingsHealth(pod.good.analysis.diagnostics) : null;
}

/**
 * How `gw` is, seen through the pod `shown`. With `scope: 'gateway'` (the fleet row, /metrics) the other pods of
 * an HA gateway count too, and only ever make it worse: another pod's failed attempt makes the reading `error`,
 * and another pod that is degraded or broken beyond the pod shown lends the gateway its health, the headline naming
 * that pod. A half-broken HA pair never looks fine. With `scope: 'pod'` (a detail asked for one pod), that pod only.
 */
export function gatewayCondition(
  gw: GatewayState,
  shown: PodState | undefined,
  scope: 'pod' | 'gateway',
  drift: GatewayDrift,
): GatewayCondition {
  const good = shown?.good ?? null;
  let error: GatewayError | undefined = shown?.error ? shown.error.toJSON() : undefined;
  let errorPod: string | undefined;
  let findings = findingsOf(shown);
  let findingsPod: string | undefined;
  if (scope === 'gateway') {
    const failed = error ? undefined : gw.pods.find((p) => p !== shown && p.error);
    if (failed?.error) {
      error = failed.error.toJSON();
      errorPod = failed.info.name;
    }
    for (const pod of gw.pods) {
      const other = pod === shown ? null : findingsOf(pod);
      if (other && RANK[other.health] > RANK[findings?.health ?? 'healthy']) {
        findings = other;
        findingsPod = pod.info.name;
      }
    }
  }
  const status = error ? 'error' : shown?.attempted ? 'ok' : 'pending';
  // Stale is about the pod shown: its own attempt failed and its older reading is what the row shows.
  const stale = Boolean(shown?.error && good);
  const reading = stale ? 'stale' : status;
  return {
    status,
    stale,
    ...(error ? { error } : {}),
    reading,
    health: findings?.health ?? 'unknown',
    headline: gatewayHeadline({
      reading,
      error: error && { code: error.code, pod: errorPod },
      findings,
      findingsPod,
      drift,
    }),
  };
}
