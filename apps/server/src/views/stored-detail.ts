import { DriftReport, type GatewayList } from '@natscope/api';
import { driftCounts, unknownDrift } from '@natscope/drift';
import type { Dump } from '@natscope/iptables';
import type { InspectReport } from '@natscope/api';
import { analyseDump } from '../analysis/analyse-dump.js';
import type { AnalysedReadings, ReadingText } from '../analysis/analysed-readings.js';
import type { GatewayState, PodState } from '../collector/gateway-state.js';
import type { PodReading } from '../collector/read-pod.js';
import { scanCounters } from '../collector/scan-counters.js';
import type { StoredReading } from '../history/history-store.js';
import type { DriftSource } from './drift-source.js';
import { podSummary } from './gateway-summary.js';
import type { RuleChanges } from '../history/rule-changes.js';

const NOT_KEPT = 'no desired-vs-actual comparison was kept for this reading';

/** A stored reading as AnalysedReadings reads it: its text, counters and the shape the collector gave it. */
export function storedReadingText(stored: StoredReading): ReadingText {
  const scan = scanCounters(stored.raw, '');
  return {
    at: stored.at,
    stderr: stored.stderr,
    raw: stored.raw,
    counters: scan.counters,
    previous: null,
    analysis: { shape: stored.shape, lines: scan.lines },
  };
}

/** The parsed and inspected dump of a stored reading, through the analysed-reading cache (throws CollectError parse-failed). */
export function analysedStored(
  readings: AnalysedReadings,
  stored: StoredReading,
): { dump: Dump; report: InspectReport } {
  return readings.get(`${stored.namespace}/${stored.pod}`, storedReadingText(stored));
}

/**
 * `GET …/readings/:id`: a stored reading as a GatewayDetail, as the gateway page showed it then: its pod's summary
 * (health, headline and counts of that reading), the raw dump and stderr, the report with the counters of that
 * moment (no rates: the reading before it is not at hand), and the drift findings kept for it. Built through
 * AnalysedReadings, so a reading with the same rules as the live one is not parsed again.
 */
export async function storedDetailJson(
  stored: StoredReading,
  readings: AnalysedReadings,
  meta: { source: GatewayList['source']; context: string; now: number; changes: RuleChanges; live?: PodState },
  driftJson: string | null,
): Promise<string> {
  const text = storedReadingText(stored);
  const target = `${stored.namespace}/${stored.pod}`;
  const { report } = readings.get(target, text);
  const analysis = {
    shape: stored.shape,
    lines: text.analysis.lines,
    ...analyseDump(
      {
        shape: stored.shape,
        raw: stored.raw,
        stderr: stored.stderr,
        target,
        marker: marker(stored.backend),
        lines: text.analysis.lines,
      },
      report,
    ),
  };
  const good: PodReading = { ...text, analysis };
  const pod: PodState = {
    info: meta.live?.info ?? {
      namespace: stored.namespace,
      name: stored.pod,
      labels: {},
      annotations: {},
      phase: 'Running',
      ready: true,
      containers: [],
    },
    good,
    error: null,
    attempted: true,
    durationSeconds: null,
  };
  const gateway: GatewayState = { namespace: stored.namespace, name: stored.gateway, pods: [pod], version: 0 };
  const kept = driftJson === null ? null : DriftReport.safeParse(JSON.parse(driftJson));
  const drift = kept?.success ? kept.data : unknownDrift(stored.gateway, NOT_KEPT);
  const source: DriftSource = {
    summary: () => ({
      status: drift.status,
      ...(drift.reason ? { reason: drift.reason } : {}),
      counts: driftCounts(drift),
    }),
    podReport: () => drift,
    podDrift: () => ({ ...drift, listedAt: null }),
  };
  const head = {
    ...podSummary(gateway, pod, meta.now, source, meta.changes),
    source: meta.source,
    context: meta.context,
    pod: stored.pod,
    stderr: stored.stderr,
    raw: stored.raw,
  };
  const json = JSON.stringify(head);
  const reportJson = await readings.detailJson(target, text);
  return `${json.slice(0, -1)},"report":${reportJson},"drift":${JSON.stringify(source.podDrift(gateway, pod))}}`;
}

function marker(backend: string): 'legacy' | 'nft' | null {
  return backend === 'legacy' || backend === 'nft' ? backend : null;
}
