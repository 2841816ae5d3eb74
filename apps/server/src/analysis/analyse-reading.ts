import type { InspectReport } from '@natscope/api';
import { parse, type Dump } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import type { PodReading } from '../collector/read-pod.js';
import { inspectDumpOrFail } from './inspect-dump.js';
import { counterSnapshot, fillRates, fillRatesByLine } from './rates.js';

/** A reading's dump parsed and inspected: what the detail body, the rates and the trace read. */
export interface AnalysedReading {
  dump: Dump;
  /** The report, tables built; its counters are those of the reading it was last shown for. */
  report: InspectReport;
}

/**
 * What building a detail body or a trace needs of a reading: plain data (strings and typed arrays), so it crosses
 * into the analysis worker as a copy. The reading's fleet analysis stays behind: only its shape and lines are read.
 */
export interface ReadingJob {
  /** `namespace/pod`, for messages and the cache key. */
  target: string;
  shape: string;
  raw: string;
  stderr: string;
  at: number;
  counters: Float64Array;
  lines: Int32Array;
  previous: PodReading['previous'];
}

/**
 * What the analysis reads of a reading: a live one (PodReading) or one from the history, which has its text,
 * counters and shape but not the fleet's facts.
 */
export type ReadingText = Pick<PodReading, 'at' | 'stderr' | 'raw' | 'counters' | 'previous'> & {
  analysis: Pick<PodReading['analysis'], 'shape' | 'lines'>;
};

/** The job of `target`'s reading. */
export function readingJob(target: string, reading: ReadingText): ReadingJob {
  const { at, raw, stderr, counters, previous, analysis } = reading;
  return { target, shape: analysis.shape, raw, stderr, at, counters, lines: analysis.lines, previous };
}

/** The key of a reading in the cache of analysed readings: a pod and a dump shape. */
export function shapeKey(job: ReadingJob): string {
  return `${job.target}@${job.shape}`;
}

/** Parses and inspects a reading's dump; throws CollectError `parse-failed` for a bad dump, `internal` for a bug. */
export function analyseReading(job: ReadingJob): AnalysedReading {
  const dump = inspectDumpOrFail(() => parse(job.raw, { file: job.target }), job.stderr, job.target);
  const report = inspectDumpOrFail(() => inspect(dump, { stderr: job.stderr }), job.stderr, job.target);
  void report.tables; // build the lazy tables now: they are what the detail serves
  return { dump, report };
}

/**
 * The report of a reading as JSON: the shape's analysis with this reading's counters, and per rule the rate per
 * second since the previous good reading.
 */
export function detailJsonOf(analysed: AnalysedReading, job: ReadingJob): string {
  const { report } = analysed;
  applyCounters(report, job);
  const previous = job.previous;
  if (previous && previous.shape === job.shape) fillRatesByLine(report, job.at, previous, job.lines);
  else
    fillRates(
      report,
      job.at,
      previous?.raw ? counterSnapshot(parse(previous.raw, { file: job.target }), previous.at) : null,
    );
  return JSON.stringify(report);
}

/** Gives the report the counters of `job` (same shape: the same rules on the same lines), mappings summed again. */
function applyCounters(report: InspectReport, job: ReadingJob): void {
  const { counters, lines } = job;
  const indexOfLine = new Map<number, number>();
  lines.forEach((line, i) => indexOfLine.set(line, i));
  const countersAt = (line: number) => {
    const i = indexOfLine.get(line);
    return i === undefined ? null : { packets: counters[2 * i] ?? 0, bytes: counters[2 * i + 1] ?? 0 };
  };
  const chainCounters = chainCountersByLine(job.raw);
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
