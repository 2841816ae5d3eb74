import type { InspectReport } from '@natscope/api';
import { parse, type Dump } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import type { PodReading } from '../collector/read-pod.js';
import { inspectDumpOrFail } from './inspect-dump.js';
import { counterSnapshot, fillRates, fillRatesByLine } from './rates.js';

/** A reading's dump parsed and inspected: what the detail route, the rates and the trace read. */
export interface AnalysedReading {
  dump: Dump;
  /** The report, tables built; its counters are those of the reading it was last shown for. */
  report: InspectReport;
}

/**
 * What AnalysedReadings reads of a reading: a live one (PodReading) or one from the history, which has its text,
 * counters and shape but not the fleet's facts.
 */
export type ReadingText = Pick<PodReading, 'at' | 'stderr' | 'raw' | 'counters' | 'previous'> & {
  analysis: Pick<PodReading['analysis'], 'shape' | 'lines'>;
};

/** What AnalysedReadings may be told: how many shapes and detail bodies to keep, and how to analyse. */
export interface AnalysedReadingsOptions {
  /** Dump shapes kept parsed and inspected (each a gateway being looked at now). Default 4: a 100,000-rule one holds a few hundred MB. */
  shapes?: number;
  /** Detail bodies kept as JSON (one per pod and reading time). Default 32. */
  bodies?: number;
}

/**
 * The one analysed reading per pod and dump shape, shared by everything that needs more than the fleet's
 * facts: the detail JSON (with this reading's counters and rates), and the packet trace. Readings of the same
 * shape differ only in counters, so a busy gateway polled every 10 s is parsed and inspected once, not once per
 * poll, and once for the detail and the trace together. Both caches are small LRUs: a fleet of 1,000 gateways
 * holds only the few someone is looking at.
 */
export class AnalysedReadings {
  readonly #byShape = new Map<string, AnalysedReading>();
  readonly #bodies = new Map<string, string>();
  readonly #shapes: number;
  readonly #bodyCount: number;

  constructor(options: AnalysedReadingsOptions = {}) {
    this.#shapes = options.shapes ?? 4;
    this.#bodyCount = options.bodies ?? 32;
  }

  /** The parsed and inspected dump of `reading` (`target` is `namespace/pod`), built on first use per shape. */
  get(target: string, reading: ReadingText): AnalysedReading {
    const key = `${target}@${reading.analysis.shape}`;
    const hit = touch(this.#byShape, key);
    if (hit) return hit;
    const dump = parseOrFail(reading.raw, reading.stderr, target);
    const report = inspectDumpOrFail(() => inspect(dump, { stderr: reading.stderr }), reading.stderr, target);
    void report.tables; // build the lazy tables now: they are what the detail serves
    const analysed = { dump, report };
    remember(this.#byShape, key, analysed, this.#shapes);
    return analysed;
  }

  /**
   * The report of `reading` as JSON: the shape's analysis with this reading's counters, and per rule the rate
   * per second since the previous good reading. Kept per pod and reading time, so a page polling one gateway
   * costs one body per reading.
   */
  detailJson(target: string, reading: ReadingText): string {
    // A reading without a previous one has no rates: kept apart from the live reading of the same moment, which has them.
    const key = `${target}@${reading.at}${reading.previous ? '' : '/first'}`;
    const hit = touch(this.#bodies, key);
    if (hit !== undefined) return hit;
    const { report } = this.get(target, reading);
    applyCounters(report, reading);
    const previous = reading.previous;
    if (previous && previous.shape === reading.analysis.shape)
      fillRatesByLine(report, reading.at, previous, reading.analysis.lines);
    else
      fillRates(
        report,
        reading.at,
        previous?.raw ? counterSnapshot(parse(previous.raw, { file: target }), previous.at) : null,
      );
    const json = JSON.stringify(report);
    remember(this.#bodies, key, json, this.#bodyCount);
    return json;
  }
}

/** Gives the report the counters of `reading` (same shape: the same rules on the same lines), mappings summed again. */
function applyCounters(report: InspectReport, reading: ReadingText): void {
  const { counters, analysis } = reading;
  const indexOfLine = new Map<number, number>();
  analysis.lines.forEach((line, i) => indexOfLine.set(line, i));
  const countersAt = (line: number) => {
    const i = indexOfLine.get(line);
    return i === undefined ? null : { packets: counters[2 * i] ?? 0, bytes: counters[2 * i + 1] ?? 0 };
  };
  const chainCounters = chainCountersByLine(reading.raw);
  for (const table of report.tables) {
    for (const chain of table.chains) {
      const policy = chainCounters.get(chain.line);
      if (policy) chain.counters = policy;
      for (const rule of chain.rules) if (rule.counters) rule.counters = countersAt(rule.line) ?? rule.counters;
    }
  }
  for (const mapping of report.mappings) {
    let packets = 0;
    let bytes = 0;
    for (const ref of mapping.rules) {
      const c = countersAt(ref.line);
      packets += c?.packets ?? 0;
      bytes += c?.bytes ?? 0;
    }
    mapping.counters = { packets, bytes };
  }
}

/** The `[packets:bytes]` of every `:CHAIN POLICY [p:b]` line, by 1-based line (the scan keeps only rule counters). */
function chainCountersByLine(raw: string): Map<number, { packets: number; bytes: number }> {
  const out = new Map<number, { packets: number; bytes: number }>();
  let start = 0;
  let line = 0;
  while (start < raw.length) {
    let end = raw.indexOf('\n', start);
    if (end === -1) end = raw.length;
    line++;
    if (raw.charCodeAt(start) === 58 /* : */) {
      const m = /\[(\d+):(\d+)\]\s*$/.exec(raw.slice(start, end));
      if (m) out.set(line, { packets: Number(m[1]), bytes: Number(m[2]) });
    }
    start = end + 1;
  }
  return out;
}

function parseOrFail(raw: string, stderr: string, target: string): Dump {
  return inspectDumpOrFail(() => parse(raw, { file: target }), stderr, target);
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
