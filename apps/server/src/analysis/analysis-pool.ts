import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DriftReport, ErrorCode, TraceRequest, TraceResult } from '@natscope/api';
import type { Analyser, AnalysisJob, AnalysisResult } from './analyse-dump.js';
import type { ReadingJob } from './analyse-reading.js';
import type { DriftJob } from './drift-job.js';
import { CollectError } from '../collector/collect-error.js';

/**
 * What the pool sends a worker: a dump to analyse (and whether to keep its report for a comparison), a reading to
 * compare, a reading's detail body or a trace through it (from the analysed reading the worker keeps per shape),
 * or a shape of analysed reading to drop (the main thread's cache decides which shapes are kept).
 */
export type WorkerMessage =
  | { type: 'analyse'; id: number; job: AnalysisJob; keep: boolean }
  | { type: 'drift'; id: number; job: DriftJob }
  | { type: 'detail'; id: number; job: ReadingJob }
  | { type: 'trace'; id: number; job: ReadingJob; request: TraceRequest }
  | { type: 'forget'; key: string };

/** What a worker answers to job `id`. */
export type AnalysisReply =
  | { id: number; result: AnalysisResult | DriftReport | string | TraceResult }
  | { id: number; error: { code: ErrorCode; message: string; stderr: string } };

/** How many workers, and how long they may sit idle before they are stopped. */
export interface AnalysisPoolOptions {
  /** Default: one per core beyond the first (the main thread keeps one for exec and HTTP), at least one. */
  size?: number;
  /** Default 5 s. */
  idleMs?: number;
  /**
   * The young generation of each worker's heap. Default 16 MB: a parse makes mostly short-lived garbage; V8's
   * default (up to 48 MB) grows the server's RSS by more than it saves, 8 MB spent ~15% more CPU collecting.
   */
  youngGenerationMb?: number;
  /**
   * How much lower the workers' CPU priority is than the main thread's (a Linux nice increment; 0 = the same).
   * Default 10: on a busy machine the exec pipeline and HTTP go first, and analysis takes the time left over,
   * so a first pass (every dump analysed) keeps the exec pace of a steady one instead of fighting it for cores.
   */
  nice?: number;
}

interface Pending {
  target: string;
  resolve: (result: never) => void;
  reject: (err: CollectError) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  stopped: boolean;
}

/**
 * Parses and inspects dumps in worker threads. A fleet's first reading (or one after many rules changed) is
 * mostly this CPU work; off the main thread it runs beside the execs and HTTP requests instead of delaying
 * them, and on a second core. Workers start on demand and stop after `idleMs` without work, which also
 * hands back the memory the parse garbage took: a steady fleet (counters move, rules do not) needs none.
 */
export class AnalysisPool implements Analyser {
  private readonly size: number;
  private readonly idleMs: number;
  private readonly youngGenerationMb: number;
  private readonly nice: number;
  private slots: Slot[] = [];
  private nextId = 1;
  /** Whether comparisons will follow analyses (keepReports), so the workers keep their recent reports. */
  private keeping = false;
  /** Which worker last analysed a shape (it keeps that report a while), so its comparison goes there. */
  private readonly shapeSlot = new Map<string, Slot>();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(opts: AnalysisPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism() - 1);
    this.idleMs = opts.idleMs ?? 5000;
    this.youngGenerationMb = opts.youngGenerationMb ?? 16;
    this.nice = opts.nice ?? 10;
  }

  /** How many workers run now (for tests and the benchmark). */
  get workers(): number {
    return this.slots.length;
  }

  analyse(job: AnalysisJob): Promise<AnalysisResult> {
    const slot = this.pick();
    const keep = this.keeping;
    if (keep) this.remember(job.shape, slot);
    return this.post<AnalysisResult>(slot, job.target, (id) => ({ type: 'analyse', id, job, keep }));
  }

  /**
   * From now on the workers keep the reports they analyse a while, for compare(): the server calls it when it will
   * compare gateways with their kubeovn.io objects. Without it no report is kept (nothing would ask for one).
   */
  keepReports(): void {
    this.keeping = true;
  }

  /**
   * Compares a reading with the objects the job carries (its gateway's slice), in the worker that analysed its shape
   * when it is still there (it keeps the report, so no second parse). Rejects like analyse() when the dump cannot be read.
   */
  compare(job: DriftJob): Promise<DriftReport> {
    const kept = this.shapeSlot.get(job.shape);
    const slot = kept && !kept.stopped ? kept : this.pick();
    return this.post<DriftReport>(slot, job.target, (id) => ({ type: 'drift', id, job }));
  }

  /** The detail body of a reading, built in the worker from the analysed reading it keeps for the reading's shape. */
  detail(job: ReadingJob): Promise<string> {
    return this.post<string>(this.pick(), job.target, (id) => ({ type: 'detail', id, job }));
  }

  /** A trace through a reading's dump, run in the worker that keeps its analysed reading (the tree stays there). */
  trace(job: ReadingJob, request: TraceRequest): Promise<TraceResult> {
    return this.post<TraceResult>(this.pick(), job.target, (id) => ({ type: 'trace', id, job, request }));
  }

  /** Tells every worker to drop the analysed reading kept under `key`. */
  forget(key: string): void {
    for (const slot of this.slots) slot.worker.postMessage({ type: 'forget', key } satisfies WorkerMessage);
  }

  private post<T>(slot: Slot, target: string, message: (id: number) => WorkerMessage): Promise<T> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { target, resolve: resolve as (result: never) => void, reject });
      slot.worker.ref(); // work in flight keeps the process alive; an idle worker does not
      slot.worker.postMessage(message(id));
    });
  }

  private remember(shape: string, slot: Slot): void {
    this.shapeSlot.delete(shape);
    this.shapeSlot.set(shape, slot);
    // A worker keeps only its last few reports: older entries route nowhere useful.
    if (this.shapeSlot.size > 64) this.shapeSlot.delete(this.shapeSlot.keys().next().value as string);
  }

  /**
   * Starts a worker ahead of work that is coming (a pass with dumps never analysed), so that loading its
   * modules overlaps the pod listing and the first execs. It stops again after idleMs if no work comes.
   */
  warm(): void {
    if (this.slots.length > 0) return;
    this.spawn();
    this.idleSoon();
  }

  /** Stops every worker now; jobs still running fail. A later analyse() starts workers again. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => this.stop(s, 'the server is stopping')));
  }

  /** An idle worker, else a new one while below size, else the least busy. */
  private pick(): Slot {
    const idle = this.slots.find((s) => s.pending.size === 0);
    if (idle) return idle;
    if (this.slots.length < this.size) return this.spawn();
    return this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker(this.youngGenerationMb, this.nice), pending: new Map(), stopped: false };
    slot.worker.on('message', (reply: AnalysisReply) => this.settle(slot, reply));
    slot.worker.on('error', (err) => void this.stop(slot, `it failed: ${err.message}`));
    slot.worker.on('exit', (code) => void this.stop(slot, `it exited with code ${code}`));
    slot.worker.unref(); // only work in flight keeps the process alive (analyse() refs it)
    this.slots.push(slot);
    return slot;
  }

  private settle(slot: Slot, reply: AnalysisReply): void {
    const job = slot.pending.get(reply.id);
    if (!job) return;
    slot.pending.delete(reply.id);
    if ('result' in reply) job.resolve(reply.result as never);
    else job.reject(new CollectError(reply.error.code, reply.error.message, reply.error.stderr));
    if (slot.pending.size === 0) slot.worker.unref();
    if (this.slots.every((s) => s.pending.size === 0)) this.idleSoon();
  }

  private idleSoon(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
    this.idleTimer.unref();
  }

  /** Removes a worker, failing what it still had (it is read again on the next poll). */
  private async stop(slot: Slot, why: string): Promise<void> {
    if (slot.stopped) return;
    slot.stopped = true;
    this.slots = this.slots.filter((s) => s !== slot);
    for (const job of slot.pending.values()) {
      job.reject(
        new CollectError(
          'parse-failed',
          `${job.target}: the analysis of its iptables-save output stopped (${why}); it is read again on the next poll`,
        ),
      );
    }
    slot.pending.clear();
    await slot.worker.terminate();
  }
}

/**
 * The bundled server (build.ts) ships the worker as analysis-worker.js beside this chunk. Run from source
 * (tsx, vitest), the worker must load TypeScript too: analysis-worker-from-source.mjs registers tsx first.
 */
function startWorker(youngGenerationMb: number, nice: number): Worker {
  const here = import.meta.url;
  const options = { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb }, workerData: { nice } };
  if (!here.endsWith('.ts')) return new Worker(new URL('./analysis-worker.js', here), options);
  return new Worker(new URL('./analysis-worker-from-source.mjs', here), { ...options, execArgv: [] });
}
