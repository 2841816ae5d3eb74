/**
 * The analysed-reading benchmark: what the detail route and the trace route cost on a generated 100,000-rule
 * Kube-OVN gateway, cold (a shape nobody has looked at) and for the next reading of the same shape (counters
 * moved), through AnalysedReadings exactly as the server runs them. Prints numbers; passes or fails nothing.
 *
 *   node --expose-gc --import tsx bench/reading.bench.ts [rules]
 *
 * Before the shared cache (commit ae07ec4) every reading's detail parsed and inspected its dump again, and the
 * trace parsed it a second time; the "next reading" rows are what that cost became.
 */
import { AnalysedReadings } from '../apps/server/src/analysis/analysed-readings.js';
import { analyseDump } from '../apps/server/src/analysis/analyse-dump.js';
import { scanCounters } from '../apps/server/src/collector/scan-counters.js';
import type { PodReading } from '../apps/server/src/collector/read-pod.js';
import { trace } from '../packages/natgw/src/index.js';
import { generateDump } from './generate-dump.js';
import { median, timeWithCpu } from './measure.js';

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
const rows: Record<string, number[]> = { coldDetail: [], coldTrace: [], nextDetail: [], nextTrace: [] };
for (let run = 0; run < 3; run++) {
  const readings = new AnalysedReadings();
  const a = readingOf(first, 1_000_000, null);
  const b = readingOf(bump(first), 1_010_000, a);
  rows.coldDetail!.push(timeWithCpu(() => readings.detailJson(target, a).length).wall);
  rows.coldTrace!.push(timeWithCpu(() => trace(readings.get(target, a).dump, packet)).wall);
  rows.nextDetail!.push(timeWithCpu(() => readings.detailJson(target, b).length).wall);
  rows.nextTrace!.push(timeWithCpu(() => trace(readings.get(target, b).dump, packet)).wall);
}
const ms = (xs: number[]) =>
  `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
console.log(`analysed reading, ${rules.toLocaleString('en')} rules, median of 3:`);
console.log(`  detail JSON, cold shape (parse + inspect + counters + rates + JSON): ${ms(rows.coldDetail!)}`);
console.log(`  trace right after, same shape (no parse):                          ${ms(rows.coldTrace!)}`);
console.log(`  detail JSON of the next reading (counters moved, same shape):      ${ms(rows.nextDetail!)}`);
console.log(`  trace on the next reading:                                         ${ms(rows.nextTrace!)}`);
