import type { TraceRequest, TraceResult } from '@natscope/api';
import { trace } from '@natscope/natgw';
import {
  analyseReading,
  detailJsonOf,
  readingJob,
  shapeKey,
  type AnalysedReading,
  type ReadingJob,
  type ReadingText,
} from './analyse-reading.js';
import { AnalysisPool } from './analysis-pool.js';
import { withTimeout } from '../kube/with-timeout.js';

export type { ReadingText } from './analyse-reading.js';

/** The part of the analysis pool AnalysedReadings uses: detail bodies and traces built where the reading is kept. */
export interface ReadingWorkers {
  detail(job: ReadingJob): Promise<string>;
  trace(job: ReadingJob, request: TraceRequest): Promise<TraceResult>;
  forget(key: string): void;
  close(): Promise<void>;
}

/** What AnalysedReadings may be told: how many shapes and detail bodies to keep, and where to analyse. */
export interface AnalysedReadingsOptions {
  /** Dump shapes kept parsed and inspected (each a gateway being looked at now). Default 4: a 100,000-rule one holds a few hundred MB. */
  shapes?: number;
  /** Detail bodies kept as JSON (one per pod and reading time). Default 32. */
  bodies?: number;
  /**
   * Dumps of at least this many characters are analysed, and traced, in a worker thread. Default 256 KB (about 2,000
   * rules). Measured with bench/reading.bench.ts on 2 shared cores: at 1,000 rules (0.1 MB) the request thread is
   * the faster place (cold detail 96 ms there, 129 ms through the worker, and a trace costs 0 ms instead of the 5 ms
   * round trip); at 8,000 rules (1 MB) a cold detail blocks every other client for 340 ms or more there, for 20-50 ms
   * through the worker; at 100,000 rules for seconds.
   */
  workerFrom?: number;
  /**
   * The workers large readings are built in. Default: one worker of its own, at the main thread's priority, kept
   * 10 minutes without work (a page looking at a big gateway polls it far more often).
   */
  workers?: ReadingWorkers;
  /** How long a trace in a worker may take before it is stopped (the worker goes with it). Default 20 s. */
  traceTimeoutMs?: number;
}

/** A trace that ran out of time (a natscope bug on a pathological dump: a trace is linear in the rules). */
export class TraceTimeout extends Error {
  override readonly name = 'TraceTimeout';
}

/** A shape in the cache: analysed here (a small dump) or in the worker, which keeps it until told to forget it. */
type Entry = { where: 'here'; analysed: AnalysedReading } | { where: 'worker' };

/**
 * The one analysed reading per pod and dump shape, shared by everything that needs more than the fleet's facts:
 * the detail JSON (with this reading's counters and rates), and the packet trace. Readings of the same shape
 * differ only in counters, so a busy gateway polled every 10 s is parsed and inspected once, not once per poll,
 * and once for the detail and the trace together. A large dump is analysed in a worker thread and stays there
 * (its parsed tree is too big to copy back): the worker serves its detail bodies and runs its traces, and the
 * request thread keeps answering other clients meanwhile. Both caches are small LRUs, and the one of shapes is
 * the only one: a fleet of 1,000 gateways holds only the few someone is looking at.
 */
export class AnalysedReadings {
  readonly #byShape = new Map<string, Entry>();
  readonly #bodies = new Map<string, string>();
  readonly #building = new Map<string, Promise<string>>();
  readonly #shapes: number;
  readonly #bodyCount: number;
  readonly #workerFrom: number;
  readonly #traceTimeoutMs: number;
  #workers: ReadingWorkers | null;

  constructor(options: AnalysedReadingsOptions = {}) {
    this.#shapes = options.shapes ?? 4;
    this.#bodyCount = options.bodies ?? 32;
    this.#workerFrom = options.workerFrom ?? 256 * 1024;
    this.#traceTimeoutMs = options.traceTimeoutMs ?? 20_000;
    this.#workers = options.workers ?? null;
  }

  /**
   * The report of `reading` (`target` is `namespace/pod`) as JSON: the shape's analysis with this reading's
   * counters, and per rule the rate per second since the previous good reading. Kept per pod and reading time,
   * so a page polling one gateway costs one body per reading.
   */
  detailJson(target: string, reading: ReadingText): Promise<string> {
    // A reading without a previous one has no rates: kept apart from the live reading of the same moment, which has them.
    const key = `${target}@${reading.at}${reading.previous ? '' : '/first'}`;
    const hit = touch(this.#bodies, key);
    if (hit !== undefined) return Promise.resolve(hit);
    let building = this.#building.get(key);
    if (building === undefined) {
      building = this.#detail(readingJob(target, reading)).then(
        (json) => {
          this.#building.delete(key);
          remember(this.#bodies, key, json, this.#bodyCount);
          return json;
        },
        (err: unknown) => {
          this.#building.delete(key);
          throw err;
        },
      );
      this.#building.set(key, building);
    }
    return building;
  }

  /**
   * The parsed and inspected dump of `reading` itself, built here on first use per shape whatever its size: what the
   * history's routes diff and summarise (a stored reading, or two). A large one blocks this thread while it is built,
   * as every route did before the worker; the live detail and trace keep going through the worker.
   */
  get(target: string, reading: ReadingText): AnalysedReading {
    const job = readingJob(target, reading);
    const key = shapeKey(job);
    const hit = touch(this.#byShape, key);
    if (hit?.where === 'here') return hit.analysed;
    if (hit?.where === 'worker') this.#workers?.forget(key);
    const analysed = analyseReading(job);
    this.#byShape.delete(key);
    this.#keep(key, { where: 'here', analysed });
    return analysed;
  }

  /** Traces the first packet of `request` through `reading`'s dump, analysed once per shape like the detail. */
  async trace(target: string, reading: ReadingText, request: TraceRequest): Promise<TraceResult> {
    const job = readingJob(target, reading);
    const local = this.#local(job);
    if (local !== null) return trace(local.dump, request);
    return this.#inTime(this.#remote(job).trace(job, request), target);
  }

  /** Stops the workers (the server is stopping); a later request starts them again. */
  async close(): Promise<void> {
    await this.#workers?.close();
  }

  async #detail(job: ReadingJob): Promise<string> {
    const local = this.#local(job);
    return local !== null ? detailJsonOf(local, job) : this.#remote(job).detail(job);
  }

  /** The analysed reading of a small dump, built here on first use; null for a large one (the worker keeps it). */
  #local(job: ReadingJob): AnalysedReading | null {
    if (job.raw.length >= this.#workerFrom) return null;
    const key = shapeKey(job);
    const hit = touch(this.#byShape, key);
    if (hit?.where === 'here') return hit.analysed;
    const analysed = analyseReading(job);
    this.#keep(key, { where: 'here', analysed });
    return analysed;
  }

  /** The workers, the reading's shape now counted in the cache (the worker builds it on its first job). */
  #remote(job: ReadingJob): ReadingWorkers {
    const key = shapeKey(job);
    if (touch(this.#byShape, key) === undefined) this.#keep(key, { where: 'worker' });
    // Someone waits for each of these jobs, so unlike the fleet's analyses they run at the main thread's priority.
    return (this.#workers ??= new AnalysisPool({ size: 1, idleMs: 600_000, nice: 0 }));
  }

  #keep(key: string, entry: Entry): void {
    this.#byShape.set(key, entry);
    if (this.#byShape.size <= this.#shapes) return;
    const [oldest, dropped] = this.#byShape.entries().next().value as [string, Entry];
    this.#byShape.delete(oldest);
    if (dropped.where === 'worker') this.#workers?.forget(oldest);
  }

  /**
   * The trace, or TraceTimeout when it takes longer than traceTimeoutMs. A synchronous trace cannot be interrupted,
   * so the worker is stopped (and with it the shapes it kept, built again on the next request).
   */
  #inTime<T>(work: Promise<T>, target: string): Promise<T> {
    return withTimeout(work, this.#traceTimeoutMs, () => {
      work.catch(() => undefined); // the stopped worker fails it: already answered
      void this.#workers?.close();
      return new TraceTimeout(`the trace through ${target}'s rules took longer than ${this.#traceTimeoutMs} ms`);
    });
  }
}

function touch<V>(cache: Map<string, V>, key: string): V | undefined {
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
  }
  return hit;
}

function remember<V>(cache: Map<string, V>, key: string, value: V, size: number): void {
  cache.set(key, value);
  if (cache.size > size) cache.delete(cache.keys().next().value as string);
}
