/**
 * The analysed-reading benchmark: what the detail route and the trace route cost on a generated 100,000-rule
 * Kube-OVN gateway, cold (a shape nobody has looked at) and for the next reading of the same shape (counters
 * moved), through AnalysedReadings exactly as the server runs them, twice: built on the request thread (as every
 * dump was before the worker, and as small ones still are) and in the worker. For each it prints the latency a
 * client sees and the longest time the request thread was blocked meanwhile (what every other client waits).
 * Prints numbers; passes or fails nothing.
 *
 *   node --expose-gc --import tsx bench/reading.bench.ts [rules]
 *
 * Before the shared cache (commit ae07ec4) every reading's detail parsed and inspected its dump again, and the
 * trace parsed it a second time; the "next reading" rows are what that cost became.
 */
import { AnalysedReadings, type ReadingWorkers } from '../apps/server/src/analysis/analysed-readings.js';
import { analyseDump } from '../apps/server/src/analysis/analyse-dump.js';
import { AnalysisPool } from '../apps/server/src/analysis/analysis-pool.js';
import { scanCounters } from '../apps/server/src/collector/scan-counters.js';
import type { PodReading } from '../apps/server/src/collector/read-pod.js';
import { generateDump } from './generate-dump.js';
import { median } from './measure.js';

const rules = Number(process.argv[2] ?? 100_000);
const target = 'bench/vpc-nat-gw-big-0';

/** A reading of `raw` taken at `at`, as the collector makes it (counters scanned, analysis from the worker's code). */
function readingOf(raw: string, at: number, previous: PodReading | null): PodReading {
  const scan = scanCounters(raw, '\n');
  const analysis =
    previous?.analysis.shape === scan.shape
      ? previous.analysis
      : {
          shape: scan.shape,
          lines: scan.lines,
          ...analyseDump({ shape: scan.shape, raw, stderr: '', target, marker: 'legacy', lines: scan.lines }),
        };
  return {
    at,
    stderr: '',
    raw,
    counters: scan.counters,
    analysis,
    previous: previous
      ? { at: previous.at, shape: previous.analysis.shape, counters: previous.counters, raw: null }
      : null,
  };
}

/** The same dump with every counter one packet higher: the next poll of a steady gateway. */
function bump(raw: string): string {
  return raw.replace(/^\[(\d+):(\d+)\]/gm, (_m, p: string, b: string) => `[${Number(p) + 1}:${Number(b) + 60}]`);
}

const first = generateDump({ rules, seed: 42 });
const packet = {
  inInterface: 'net1',
  protocol: 'tcp' as const,
  src: '203.0.113.7',
  dst: '192.168.100.12',
  dport: 2222,
};

/** Wall milliseconds of `work()`, and the longest the event loop went without a turn meanwhile (1 ms ticks). */
async function timed(work: () => Promise<unknown>): Promise<{ wall: number; blocked: number }> {
  let last = performance.now();
  let blocked = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    blocked = Math.max(blocked, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  await work();
  const wall = performance.now() - start;
  clearInterval(tick);
  blocked = Math.max(blocked, performance.now() - last);
  return { wall, blocked };
}

type Row = 'coldDetail' | 'coldTrace' | 'detailThenTrace' | 'nextDetail' | 'nextTrace';
const ROWS: ReadonlyMap<Row, string> = new Map([
  ['coldDetail', 'detail JSON, cold shape (parse + inspect + counters + rates + JSON)'],
  ['coldTrace', 'trace, cold shape (parse + inspect + trace)'],
  ['detailThenTrace', 'trace right after the detail, same shape (no parse)'],
  ['nextDetail', 'detail JSON of the next reading (counters moved, same shape)'],
  ['nextTrace', 'trace on the next reading'],
]);

/**
 * The worker, started and loaded before the clock starts, and shared by the runs as the server's is (it keeps its
 * worker ten minutes without work): "cold" is a cold cache, as after a gateway's rules change, not a cold worker.
 */
async function startedWorkers(): Promise<AnalysisPool> {
  const pool = new AnalysisPool({ size: 1, idleMs: 600_000, nice: 0 });
  const raw = '*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n';
  const scan = scanCounters(raw, '\n');
  await pool.analyse({ shape: scan.shape, raw, stderr: '', target, marker: 'legacy', lines: scan.lines });
  return pool;
}

async function runs(workerFrom: number): Promise<Map<Row, { wall: number[]; blocked: number[] }>> {
  const out = new Map<Row, { wall: number[]; blocked: number[] }>(
    [...ROWS.keys()].map((r) => [r, { wall: [], blocked: [] }]),
  );
  const add = (row: Row, m: { wall: number; blocked: number }) => {
    out.get(row)!.wall.push(m.wall);
    out.get(row)!.blocked.push(m.blocked);
  };
  const pool = await startedWorkers();
  // Each AnalysedReadings closes nothing: the worker is shared, and told to forget the run's shape after it.
  const workers: ReadingWorkers = {
    detail: (job) => pool.detail(job),
    trace: (job, request) => pool.trace(job, request),
    forget: (key) => pool.forget(key),
    close: () => Promise.resolve(),
  };
  for (let run = 0; run < 3; run++) {
    const a = readingOf(first, 1_000_000, null);
    const b = readingOf(bump(first), 1_010_000, a);
    const key = `${target}@${a.analysis.shape}`;
    globalThis.gc?.();
    const cold = new AnalysedReadings({ workerFrom, workers });
    add('coldTrace', await timed(() => cold.trace(target, a, packet)));
    pool.forget(key);
    globalThis.gc?.();
    const readings = new AnalysedReadings({ workerFrom, workers });
    add('coldDetail', await timed(() => readings.detailJson(target, a)));
    add('detailThenTrace', await timed(() => readings.trace(target, a, packet)));
    add('nextDetail', await timed(() => readings.detailJson(target, b)));
    add('nextTrace', await timed(() => readings.trace(target, b, packet)));
    pool.forget(key);
  }
  await pool.close();
  return out;
}

const ms = (xs: number[]) => `${median(xs).toFixed(0).padStart(5)} ms`;
const width = Math.max(...[...ROWS.values()].map((t) => t.length));
console.log(
  `analysed reading, ${rules.toLocaleString('en')} rules (${(first.length / 1e6).toFixed(1)} MB), median of 3:`,
);
for (const [label, workerFrom] of [
  ['on the request thread', Infinity],
  ['in the worker', 0],
] as const) {
  const result = await runs(workerFrom);
  console.log(`  ${label}:${' '.repeat(width - label.length - 1)}  latency   request thread blocked`);
  for (const [row, text] of ROWS) {
    const r = result.get(row)!;
    console.log(`    ${text.padEnd(width)}  ${ms(r.wall)}  ${ms(r.blocked)}`);
  }
}
