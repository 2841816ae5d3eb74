import { CollectError } from './collect-error.js';
import type { CollectorEvent, CollectorListener, ReadingStatus } from './collector-event.js';
import type { GatewayState, PodState, RefreshStats } from './gateway-state.js';
export type { GatewayState, PodState, RefreshStats } from './gateway-state.js';
import { groupGateways } from './group-gateways.js';
import type { GatewayCluster, PodInfo } from '../kube/gateway-cluster.js';
import type { Analyser, AnalysisResult } from '../analysis/analyse-dump.js';
import { AnalysisPool } from '../analysis/analysis-pool.js';
import { mapLimit } from './map-limit.js';
import { runGatewayCommand, toReading, whyNoExec, type PodReading } from './read-pod.js';

/** How the collector reaches the cluster and how hard it may push. */
export interface CollectorOptions {
  cluster: GatewayCluster;
  /** Empty: every namespace. */
  namespaces: string[];
  selector: string;
  execTimeoutMs: number;
  concurrency: number;
  pollMs: number;
  now?: () => number;
  /** Parses and inspects dumps; default: worker threads (`pool`). */
  analyser?: Analyser;
  /**
   * The worker threads to analyse in when no analyser is given, shared with the desired-state comparison: the
   * collector warms them ahead of a first pass, and stops them only if it made them (no pool given).
   */
  pool?: AnalysisPool;
  /** Called with one line per failed listing (the per-pod errors are served, not logged). */
  log?: (line: string) => void;
}

/**
 * Discovers gateway pods, reads each Running one with bounded concurrency, and keeps per pod the last good
 * reading and the latest error. `refresh()` is one full pass; `start()` repeats it every `pollMs` after the
 * previous pass ends (passes never overlap). Every change bumps `version`, so views can cache.
 */
export class Collector {
  private gateways: GatewayState[] = [];
  private byKey = new Map<string, GatewayState>();
  private running: Promise<RefreshStats> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly now: () => number;
  private readonly analyser: Analyser;
  /** The pool this collector analyses in, if it was not given an analyser. */
  private readonly pool: AnalysisPool | null;
  /** Whether the pool is this collector's own (and so stopped by stop()). */
  private readonly ownsPool: boolean;
  private readonly listeners = new Set<CollectorListener>();
  /** Each gateway's reading status as last told to listeners. */
  private readonly statuses = new WeakMap<GatewayState, ReadingStatus>();
  /** Why the last listing failed; null when it worked. */
  fleetError: CollectError | null = null;
  /** Bumped on every change to what the API serves. */
  version = 0;
  lastRefresh: RefreshStats | null = null;

  constructor(private readonly opts: CollectorOptions) {
    this.now = opts.now ?? Date.now;
    this.pool = opts.analyser ? null : (opts.pool ?? new AnalysisPool());
    this.ownsPool = !opts.analyser && !opts.pool;
    this.analyser = opts.analyser ?? (this.pool as AnalysisPool);
  }

  /** One full pass. A call while a pass runs joins that pass. */
  refresh(): Promise<RefreshStats> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Polls until stop(): a pass now, then one every pollMs after each pass ends. */
  start(): void {
    this.stopped = false;
    const loop = (): void => {
      if (this.stopped) return;
      void this.refresh().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.opts.pollMs);
      });
    };
    loop();
  }

  /**
   * Stops polling and waits up to `graceMs` for a pass in flight; no new exec starts after this call, and the
   * ones still running end by their own timeouts or when the cluster connection closes.
   */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
    this.opts.cluster.expectExecs?.(0);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) {
      let t: NodeJS.Timeout | undefined;
      await Promise.race([this.running.catch(() => undefined), new Promise((r) => (t = setTimeout(r, graceMs)))]);
      clearTimeout(t);
    }
    if (this.ownsPool) await this.pool?.close();
  }

  /**
   * Calls `listener` with every reading, failed attempt, status change and finished pass from now on; returns
   * the function that unsubscribes it. A listener that throws is logged and the others still run.
   */
  subscribe(listener: CollectorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: CollectorEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.opts.log?.(
          `natscope: a collector listener failed on a ${event.type} event: ${(err as Error).stack ?? String(err)}`,
        );
      }
    }
  }

  /** Tells listeners when a gateway's reading status changed since they last heard of it. */
  private noteStatus(gw: GatewayState): void {
    const after = readingStatus(gw);
    const before = this.statuses.get(gw) ?? 'pending';
    this.statuses.set(gw, after);
    if (before !== after) this.emit({ type: 'status', gateway: gw, before, after });
  }

  /** The gateways in namespace/name order. */
  list(): readonly GatewayState[] {
    return this.gateways;
  }

  /** One gateway, or undefined. */
  get(namespace: string, name: string): GatewayState | undefined {
    return this.byKey.get(`${namespace}/${name}`);
  }

  /**
   * Says that something served about `gw` changed outside its readings (its desired-state comparison finished),
   * so views cached by version are built again.
   */
  touch(gw: GatewayState): void {
    gw.version++;
    this.version++;
  }

  private async pass(): Promise<RefreshStats> {
    const started = this.now();
    this.emit({ type: 'pass-start' });
    let pods: PodInfo[];
    try {
      pods = await this.opts.cluster.listPods({
        namespaces: this.opts.namespaces,
        selector: this.opts.selector,
        timeoutMs: this.opts.execTimeoutMs,
      });
    } catch (err) {
      const error = err instanceof CollectError ? err : new CollectError('cluster-unreachable', String(err));
      this.fleetError = error;
      this.opts.log?.(`natscope: ${error.message}`);
      this.emit({ type: 'listing-failed', error });
      // Every reading we still serve is now of unknown freshness: mark it stale with the reason.
      for (const gw of this.gateways) {
        for (const pod of gw.pods) this.fail(gw, pod, error);
        gw.version++;
        this.noteStatus(gw);
      }
      this.version++;
      return this.finish(started, 0);
    }
    this.fleetError = null;
    this.adopt(pods);
    this.version++;
    // Dumps never analysed are coming (the first pass, new pods): have a worker loaded by the time they arrive.
    if (this.gateways.some((gw) => gw.pods.some((p) => !p.good && p.info.phase === 'Running'))) this.pool?.warm();
    const work = this.gateways.flatMap((gw) => gw.pods.map((pod) => ({ gw, pod })));
    let failed = 0;
    const done = (gw: GatewayState, pod: PodState, t0: number, outcome: PodReading | CollectError): void => {
      pod.durationSeconds = (this.now() - t0) / 1000;
      if (outcome instanceof CollectError) {
        failed++;
        this.fail(gw, pod, outcome);
      } else {
        pod.good = outcome;
        pod.error = null;
        pod.attempted = true;
        this.emit({ type: 'reading', gateway: gw, pod, reading: outcome });
      }
      gw.version++;
      this.version++;
      this.noteStatus(gw);
    };
    const asError = (pod: PodState, err: unknown): CollectError =>
      err instanceof CollectError
        ? err
        : new CollectError('exec-failed', `${pod.info.namespace}/${pod.info.name}: ${String(err)}`);
    // The concurrency limit is on execs only: a finished exec frees its slot while its dump waits for analysis,
    // so a first pass keeps the cluster busy while the workers parse.
    const analysing: Promise<void>[] = [];
    const analyser = this.sharedByShape();
    // Tell the cluster client how many execs are about to start, so it can open their connections ahead: each
    // running exec, when it ends, hands its slot to the next one (pods that cannot be exec'd take none).
    const { cluster, concurrency } = this.opts;
    const execs = new Set(work.filter(({ pod }) => whyNoExec(pod.info) === null));
    let upcoming = execs.size;
    const expect = (): void => cluster.expectExecs?.(this.stopped ? 0 : Math.min(concurrency, upcoming));
    expect();
    await mapLimit(work, concurrency, async (item) => {
      const { gw, pod } = item;
      if (this.stopped) return;
      if (execs.has(item)) {
        upcoming--;
        expect();
      }
      const t0 = this.now();
      try {
        const run = await runGatewayCommand(pod.info, {
          cluster: this.opts.cluster,
          timeoutMs: this.opts.execTimeoutMs,
          now: this.now,
        });
        analysing.push(
          toReading(run, analyser, pod.good).then(
            (reading) => done(gw, pod, t0, reading),
            (err: unknown) => done(gw, pod, t0, asError(pod, err)),
          ),
        );
      } catch (err) {
        done(gw, pod, t0, asError(pod, err));
      }
    });
    cluster.expectExecs?.(0);
    await Promise.all(analysing);
    return this.finish(started, failed);
  }

  /**
   * The analyser for one pass: a dump whose shape some pod already has (held, or being analysed in this pass)
   * takes that analysis instead of another parse. An HA gateway's pods run the same script, so their rules and
   * so their shapes are usually the same: the pair costs one analysis.
   */
  private sharedByShape(): Analyser {
    const byShape = new Map<string, Promise<AnalysisResult>>();
    for (const gw of this.gateways)
      for (const pod of gw.pods) if (pod.good) byShape.set(pod.good.analysis.shape, Promise.resolve(pod.good.analysis));
    return {
      analyse: (job) => {
        let result = byShape.get(job.shape);
        if (!result) {
          result = this.analyser.analyse(job);
          byShape.set(job.shape, result);
          result.catch(() => byShape.delete(job.shape)); // a failure is the pod's own; the next one with this shape tries again
        }
        return result;
      },
    };
  }

  private finish(started: number, failed: number): RefreshStats {
    const stats = {
      durationMs: this.now() - started,
      gateways: this.gateways.length,
      pods: this.gateways.reduce((n, g) => n + g.pods.length, 0),
      failed,
    };
    this.lastRefresh = stats;
    this.emit({ type: 'pass', stats });
    return stats;
  }

  private fail(gw: GatewayState, pod: PodState, error: CollectError): void {
    pod.error = error;
    pod.attempted = true;
    this.emit({ type: 'error', gateway: gw, pod, error });
  }

  /** Replaces the gateway set with a fresh listing, keeping the state of pods that are still there. */
  private adopt(pods: PodInfo[]): void {
    const next: GatewayState[] = [];
    const byKey = new Map<string, GatewayState>();
    for (const found of groupGateways(pods)) {
      const key = `${found.namespace}/${found.name}`;
      // The same object while the gateway exists, so views can cache by it.
      const gw = this.byKey.get(key) ?? { namespace: found.namespace, name: found.name, pods: [], version: 0 };
      const oldPods = new Map(gw.pods.map((p) => [p.info.name, p]));
      gw.pods = found.pods.map((info) => {
        const kept = oldPods.get(info.name);
        if (kept) {
          kept.info = info;
          return kept;
        }
        return { info, good: null, error: null, attempted: false, durationSeconds: null };
      });
      gw.version++;
      next.push(gw);
      byKey.set(key, gw);
    }
    this.gateways = next;
    this.byKey = byKey;
  }
}

/** The pod a gateway's summary and default detail show: the first Running pod, else the first pod. */
export function defaultPod(gw: GatewayState): PodState | undefined {
  return gw.pods.find((p) => p.info.phase === 'Running') ?? gw.pods[0];
}

/**
 * Whether a gateway could be read: error when any of its pods failed its latest attempt (a half-broken HA pair
 * never looks fine), ok when its default pod was read, else pending.
 */
function readingStatus(gw: GatewayState): ReadingStatus {
  if (gw.pods.some((p) => p.error)) return 'error';
  return defaultPod(gw)?.attempted ? 'ok' : 'pending';
}
