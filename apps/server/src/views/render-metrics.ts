import { defaultPod, type Collector } from '../collector/collector.js';
import { DriftStatus, GatewayHealth, ReadingState } from '@natscope/api';
import type { CollectionTotals } from './collection-totals.js';
import type { DriftSource } from './drift-source.js';
import { NO_RULE_CHANGES, type RuleChanges } from '../history/rule-changes.js';
import { gatewayCondition } from './gateway-condition.js';
import { labelText } from './prometheus-text.js';
import { mappingCounters } from '../analysis/analyse-dump.js';

/** Prometheus text exposition format, version 0.0.4. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Labels = Record<string, string>;

/** A metric family: HELP, TYPE and its samples, written together as the format requires. */
class Family {
  private readonly samples = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly type: 'gauge' | 'counter',
    readonly help: string,
  ) {}

  /**
   * Adds to the sample with these labels, given as an object or as ready label text (two mappings with the
   * same labels are summed, never duplicated).
   */
  add(labels: Labels | string, value: number): void {
    const text = typeof labels === 'string' ? labels : labelText(labels);
    const key = text ? `{${text}}` : '';
    this.samples.set(key, (this.samples.get(key) ?? 0) + value);
  }

  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`);
    for (const [labels, value] of this.samples) out.push(`${this.name}${labels} ${formatValue(value)}`);
  }
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(v);
}

/**
 * Renders what the collector knows as Prometheus metrics: listing health, refresh time, per pod the
 * collection duration, success and errors by code, the age of the reading served, packet and byte counters
 * per mapping (namespace, gateway, pod, kind, eip, internal, and protocol/port for port forwards), and
 * diagnostics by code; per gateway its reading state and health as the fleet row says them and its desired state
 * (each a state set: one sample per value, 1 for the current one), and per pod its drift findings by code and
 * severity.
 */
export function renderMetrics(
  collector: Collector,
  totals: CollectionTotals,
  drift: DriftSource,
  now: number,
  changes: RuleChanges = NO_RULE_CHANGES,
): string {
  const up = new Family(
    'natscope_cluster_up',
    'gauge',
    'Whether the last listing of gateway pods succeeded (1) or failed (0).',
  );
  const listErrors = new Family(
    'natscope_listing_errors_total',
    'counter',
    'Failed listings of gateway pods since the server started.',
  );
  const refresh = new Family(
    'natscope_refresh_duration_seconds',
    'gauge',
    'How long the last full refresh (listing and every exec) took.',
  );
  const gateways = new Family('natscope_gateways', 'gauge', 'Gateways found by the last listing.');
  const duration = new Family(
    'natscope_collection_duration_seconds',
    'gauge',
    'How long the last reading of a gateway pod took (exec, parse, analysis).',
  );
  const success = new Family(
    'natscope_collection_success',
    'gauge',
    'Whether the last reading of a gateway pod succeeded (1) or failed (0).',
  );
  const errors = new Family(
    'natscope_collection_errors_total',
    'counter',
    'Failed readings of a gateway pod by error code since the server started.',
  );
  const ruleChange = new Family(
    'natscope_gateway_last_rule_change_timestamp_seconds',
    'gauge',
    'When a pod of the gateway last changed its rules (text without counters) or stderr, as the history saw it (Unix time).',
  );
  const age = new Family('natscope_reading_age_seconds', 'gauge', 'Age of the reading served for a gateway pod.');
  const packets = new Family(
    'natscope_mapping_packets_total',
    'counter',
    'Packets counted by the iptables rules of a NAT mapping (nat rules count connections).',
  );
  const bytes = new Family(
    'natscope_mapping_bytes_total',
    'counter',
    'Bytes counted by the iptables rules of a NAT mapping.',
  );
  const diagnostics = new Family(
    'natscope_diagnostics',
    'gauge',
    'Diagnostics in the reading served for a gateway pod, by code and severity.',
  );
  const desired = new Family(
    'natscope_desired_state',
    'gauge',
    "A gateway's rules against its kubeovn.io objects: 1 for the current status (in-sync, drifted, unknown), 0 for the others.",
  );
  const health = new Family(
    'natscope_gateway_health',
    'gauge',
    "A gateway's health from its diagnostics, as its fleet row says it: 1 for the current one (healthy, degraded, broken, unknown), 0 for the others.",
  );
  const reading = new Family(
    'natscope_gateway_reading',
    'gauge',
    "Whether a gateway's latest reading worked, as its fleet row says it: 1 for the current state (ok, error, pending, stale), 0 for the others.",
  );
  const findings = new Family(
    'natscope_drift_findings',
    'gauge',
    "Differences between a gateway pod's rules and its kubeovn.io objects, by code and severity.",
  );

  up.add({}, collector.fleetError ? 0 : 1);
  listErrors.add({}, totals.listingErrors);
  if (collector.lastRefresh) refresh.add({}, collector.lastRefresh.durationMs / 1000);
  gateways.add({}, collector.list().length);

  for (const gw of collector.list()) {
    const gatewayDrift = drift.summary(gw);
    const condition = gatewayCondition(gw, defaultPod(gw), 'gateway', gatewayDrift);
    const own = { namespace: gw.namespace, gateway: gw.name };
    const changed = changes.lastRuleChange(gw.namespace, gw.name);
    if (changed !== null) ruleChange.add(own, changed / 1000);
    for (const h of GatewayHealth.options) health.add({ ...own, health: h }, h === condition.health ? 1 : 0);
    for (const r of ReadingState.options) reading.add({ ...own, reading: r }, r === condition.reading ? 1 : 0);
    for (const s of DriftStatus.options) desired.add({ ...own, status: s }, s === gatewayDrift.status ? 1 : 0);
    for (const pod of gw.pods) {
      const base = { namespace: gw.namespace, gateway: gw.name, pod: pod.info.name };
      if (pod.durationSeconds !== null) duration.add(base, pod.durationSeconds);
      if (pod.attempted) success.add(base, pod.error ? 0 : 1);
      for (const [code, n] of totals.errorsOf(gw.namespace, pod.info.name)) errors.add({ ...base, code }, n);
      for (const d of drift.podReport(gw, pod).drifts) findings.add({ ...base, code: d.code, severity: d.severity }, 1);
      const good = pod.good;
      if (!good) continue;
      age.add(base, Math.max(0, (now - good.at) / 1000));
      const podLabels = labelText(base);
      const table = good.analysis.mappings;
      for (let i = 0; i < table.labels.length; i++) {
        const c = mappingCounters(table, i, good.counters);
        const labels = `${podLabels},${table.labels[i] ?? ''}`;
        packets.add(labels, c.packets);
        bytes.add(labels, c.bytes);
      }
      for (const d of good.analysis.diagnostics) diagnostics.add({ ...base, code: d.code, severity: d.severity }, 1);
    }
  }

  const out: string[] = [];
  for (const f of [
    up,
    listErrors,
    refresh,
    gateways,
    duration,
    success,
    errors,
    age,
    packets,
    bytes,
    diagnostics,
    health,
    reading,
    desired,
    findings,
    ruleChange,
  ])
    f.render(out);
  return out.join('\n') + '\n';
}
