import type { GatewaySummary } from '@natscope/api';
import { NO_FACTS } from '../analysis/summarize-report.js';
import { defaultPod, type GatewayState, type PodState } from '../collector/collector.js';
import type { DriftSource } from './drift-source.js';
import { NO_RULE_CHANGES, type RuleChanges } from '../history/rule-changes.js';
import { gatewayCondition } from './gateway-condition.js';

/** A summary, `scope` saying whether the gateway's other pods count (gatewayCondition). */
function summary(
  gw: GatewayState,
  pod: PodState | undefined,
  scope: 'pod' | 'gateway',
  now: number,
  drift: DriftSource,
  changes: RuleChanges,
): GatewaySummary {
  const good = pod?.good ?? null;
  const facts = good?.analysis.facts ?? NO_FACTS;
  const gatewayDrift = drift.summary(gw);
  const { status, stale, error, reading, health, headline } = gatewayCondition(gw, pod, scope, gatewayDrift);
  return {
    namespace: gw.namespace,
    name: gw.name,
    pods: gw.pods.map((p) => ({ name: p.info.name, phase: p.info.phase, ready: p.info.ready })),
    status,
    backend: good?.analysis.backend ?? 'unknown',
    collectedAt: good ? new Date(good.at).toISOString() : null,
    ageSeconds: good ? Math.max(0, Math.floor((now - good.at) / 1000)) : null,
    stale,
    ...(error ? { error } : {}),
    reading,
    health,
    headline,
    counts: facts.counts,
    diagnostics: facts.diagnostics,
    drift: gatewayDrift,
    lastRuleChangeAt: isoOrNull(changes.lastRuleChange(gw.namespace, gw.name)),
  };
}

function isoOrNull(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

/**
 * The summary of a gateway as seen through one of its pods (Contract 3), at time `now`: that pod's reading and
 * health only. Its drift is the gateway's (the worst pod's), as in the fleet.
 */
export function podSummary(
  gw: GatewayState,
  pod: PodState | undefined,
  now: number,
  drift: DriftSource,
  changes: RuleChanges = NO_RULE_CHANGES,
): GatewaySummary {
  return summary(gw, pod, 'pod', now, drift, changes);
}

/**
 * The fleet row of a gateway: its default pod's view, made worse by its other pods: if one of them failed, the row
 * says error and names it; if one is broken or degraded beyond the default pod, so is the row. A half-broken HA pair
 * never looks healthy.
 */
export function gatewaySummary(
  gw: GatewayState,
  now: number,
  drift: DriftSource,
  changes: RuleChanges = NO_RULE_CHANGES,
): GatewaySummary {
  return summary(gw, defaultPod(gw), 'gateway', now, drift, changes);
}
