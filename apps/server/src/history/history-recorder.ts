import type { DriftReport } from '@natscope/api';
import type { CollectorEvent } from '../collector/collector-event.js';
import type { GatewayState, PodState } from '../collector/gateway-state.js';
import type { HistoryBatch, HistoryStore } from './history-store.js';
import type { RuleChanges } from './rule-changes.js';

/** Where the recorder reads a pod's drift findings from (DesiredState). */
export interface DriftFindings {
  podReport(gw: GatewayState, pod: PodState): DriftReport;
}

export interface HistoryRecorderOptions {
  store: HistoryStore;
  /** The gateways to look at for drift changes at the end of each pass (the collector's list). */
  gateways: () => readonly GatewayState[];
  drift?: DriftFindings;
  /** Counter samples per pod at most this often (default a minute). */
  sampleEveryMs?: number;
  /** Pruning at most this often (default ten minutes). */
  pruneEveryMs?: number;
  now?: () => number;
}

const emptyBatch = (): HistoryBatch => ({ readings: [], samples: [], statuses: [], drifts: [] });

/**
 * The collector listener that fills the history: a pod's reading whenever its shape (text without counters, and
 * stderr) changes, its counters at most once a minute, a gateway's status when it becomes unreadable or readable
 * again (and why), and a pod's drift findings when they change. It only compares and queues during the pass
 * (cheap: one string comparison per reading); the pass's rows go to SQLite in one transaction at its end.
 * What the store had at the start seeds what counts as a change, so a restart writes no duplicates.
 */
export class HistoryRecorder implements RuleChanges {
  #batch = emptyBatch();
  readonly #shapes: Map<string, string>;
  readonly #statuses: Map<string, 'ok' | 'error'>;
  readonly #drifts: Map<string, string>;
  readonly #ruleChanges: Map<string, number>;
  readonly #sampledAt = new Map<string, number>();
  /** Each drift report's key, once (reports are replaced, never changed, when a comparison finishes). */
  readonly #driftKeys = new WeakMap<DriftReport, string>();
  #prunedAt: number;
  readonly #now: () => number;

  constructor(private readonly opts: HistoryRecorderOptions) {
    const known = opts.store.lastKnown();
    this.#shapes = known.shapes;
    this.#statuses = known.statuses;
    this.#drifts = known.drifts;
    this.#ruleChanges = known.ruleChanges;
    this.#now = opts.now ?? Date.now;
    this.#prunedAt = this.#now();
    opts.store.prune();
  }

  /** The collector listener: subscribe it before the collector's first pass. */
  readonly listener = (event: CollectorEvent): void => {
    if (event.type === 'reading') this.#reading(event.gateway, event.pod, event.reading);
    else if (event.type === 'status') this.#status(event.gateway, event.after);
    else if (event.type === 'pass') this.flush();
  };

  lastRuleChange(namespace: string, name: string): number | null {
    return this.#ruleChanges.get(`${namespace}/${name}`) ?? null;
  }

  /** Looks for drift changes and writes what the pass queued (the end of every pass; tests call it too). */
  flush(): void {
    if (this.opts.drift) for (const gw of this.opts.gateways()) for (const pod of gw.pods) this.#drift(gw, pod);
    const batch = this.#batch;
    this.#batch = emptyBatch();
    if (batch.readings.length + batch.samples.length + batch.statuses.length + batch.drifts.length > 0) {
      this.opts.store.write(batch);
    }
    const now = this.#now();
    if (now - this.#prunedAt >= (this.opts.pruneEveryMs ?? 600_000)) {
      this.#prunedAt = now;
      this.opts.store.prune();
    }
  }

  #reading(gw: GatewayState, pod: PodState, reading: CollectorEventReading): void {
    const key = `${gw.namespace}/${gw.name}/${pod.info.name}`;
    const base = { namespace: gw.namespace, gateway: gw.name, pod: pod.info.name, at: reading.at };
    const shape = reading.analysis.shape;
    const changed = this.#shapes.get(key) !== shape;
    if (changed) {
      this.#shapes.set(key, shape);
      this.#ruleChanges.set(`${gw.namespace}/${gw.name}`, reading.at);
      this.#batch.readings.push({
        ...base,
        shape,
        backend: reading.analysis.backend,
        stderr: reading.stderr,
        raw: reading.raw,
      });
    }
    const last = this.#sampledAt.get(key);
    if (changed || last === undefined || reading.at - last >= (this.opts.sampleEveryMs ?? 60_000)) {
      this.#sampledAt.set(key, reading.at);
      this.#batch.samples.push({ ...base, counters: reading.counters });
    }
  }

  #status(gw: GatewayState, after: 'ok' | 'error' | 'pending'): void {
    // Pending is natscope not having tried yet (a start), not something the gateway did.
    if (after === 'pending') return;
    const key = `${gw.namespace}/${gw.name}`;
    if (this.#statuses.get(key) === after) return;
    this.#statuses.set(key, after);
    const failed = gw.pods.find((p) => p.error !== null);
    const error = after === 'error' && failed?.error ? failed.error : null;
    this.#batch.statuses.push({
      namespace: gw.namespace,
      gateway: gw.name,
      at: this.#now(),
      status: after,
      code: error?.code ?? null,
      message: error ? `${failed?.info.name ?? ''}: ${error.message}` : null,
    });
  }

  #drift(gw: GatewayState, pod: PodState): void {
    const drift = this.opts.drift;
    if (!drift || !pod.good) return;
    const report = drift.podReport(gw, pod);
    let json = this.#driftKeys.get(report);
    if (json === undefined) {
      json = JSON.stringify(report);
      this.#driftKeys.set(report, json);
    }
    const key = `${gw.namespace}/${gw.name}/${pod.info.name}`;
    if (this.#drifts.get(key) === json) return;
    this.#drifts.set(key, json);
    this.#batch.drifts.push({
      namespace: gw.namespace,
      gateway: gw.name,
      pod: pod.info.name,
      at: this.#now(),
      status: report.status,
      json,
    });
  }
}

type CollectorEventReading = Extract<CollectorEvent, { type: 'reading' }>['reading'];
