/**
 * Inspect benchmark: a generated 100,000-rule Kube-OVN dump through parse + inspect (mappings and diagnostics;
 * the report's tables are built when read), the work `natscope inspect` and the server do per reading, then the
 * report as JSON (tables, summaries and every rule's decoded view built as they are read). Prints numbers; it
 * passes or fails nothing. Targets: parse + inspect under 1 s, peak RSS under 500 MB.
 *
 *   node --expose-gc --import tsx bench/inspect.bench.ts [rules]
 *
 * Cold numbers come from fresh child processes that read the dump from a file, as `natscope inspect --json` does;
 * warm ones from repeated runs in this process. The machine is shared: wall time includes waiting for a core, so
 * CPU time (process.cpuUsage, all threads, GC helpers included) is printed beside it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '../packages/iptables/src/index.js';
import { type CoverStats, inspect } from '../packages/natgw/src/index.js';
import { generateDump } from './generate-dump.js';
import { measureWithCpu, median, peakRssMb, timeWithCpu } from './measure.js';

/** What one cold run measured (the child prints it as JSON). */
interface ColdRun {
  inspect: { wall: number; cpu: number };
  json: { wall: number; cpu: number };
  rssAfterInspect: number;
  rssAfterJson: number;
}

// Child mode: one reading of the dump in `file`, then its JSON, in a process that has done nothing else.
if (process.argv[2] === '--cold') {
  const text = readFileSync(process.argv[3] as string, 'utf8');
  const inspected = timeWithCpu(() => inspect(parse(text, { file: 'generated' })));
  const rssAfterInspect = peakRssMb();
  const json = timeWithCpu(() => JSON.stringify(inspected.value).length);
  const run: ColdRun = { inspect: inspected, json, rssAfterInspect, rssAfterJson: peakRssMb() };
  console.log(JSON.stringify({ ...run, inspect: { wall: inspected.wall, cpu: inspected.cpu } }));
  process.exit(0);
}

const rules = Number(process.argv[2] ?? 100_000);
const runs = 7;
const warmups = 2;
const colds = 3;
const text = generateDump({ rules, seed: 42 });

const dir = mkdtempSync(join(tmpdir(), 'natscope-bench-'));
const coldRuns: ColdRun[] = [];
try {
  const file = join(dir, 'generated.txt');
  writeFileSync(file, text);
  for (let i = 0; i < colds; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', process.argv[1] as string, '--cold', file], {
      encoding: 'utf8',
    });
    coldRuns.push(JSON.parse(out) as ColdRun);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const coldMedian = (pick: (run: ColdRun) => { wall: number; cpu: number }) => ({
  wall: median(coldRuns.map((r) => pick(r).wall)),
  cpu: median(coldRuns.map((r) => pick(r).cpu)),
});

let report = inspect(parse(text, { file: 'generated' }));
const total = measureWithCpu(
  () => {
    report = inspect(parse(text, { file: 'generated' }));
  },
  { runs, warmups },
);
const parseOnly = measureWithCpu(() => parse(text, { file: 'generated' }), { runs, warmups });
// inspect on a dump parsed just before, outside the timing, as a reading would have it.
const inspectWalls: number[] = [];
const inspectCpus: number[] = [];
for (let i = 0; i < runs + warmups; i++) {
  const dump = parse(text, { file: 'generated' });
  globalThis.gc?.();
  const t = timeWithCpu(() => inspect(dump));
  if (i >= warmups) {
    inspectWalls.push(t.wall);
    inspectCpus.push(t.cpu);
  }
}
const inspectOnly = { wall: median(inspectWalls), cpu: median(inspectCpus) };
const stats: CoverStats = { comparisons: 0 };
inspect(parse(text, { file: 'generated' }), { stats });
// Only the length is kept: a run's JSON (two-byte, for the arrows in summaries) is ~180 MB of heap.
let jsonLength = 0;
const stringify = measureWithCpu(
  () => {
    jsonLength = JSON.stringify(inspect(parse(text, { file: 'generated' }))).length;
  },
  { runs: 3, warmups: 1 },
);

const ms = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)} ms)`;
const mb = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} MB`;
const row = (label: string, value: string) => console.log(`${label.padEnd(46)} ${value}`);
const count = (kind: string) => report.mappings.filter((m) => m.kind === kind).length.toLocaleString('en');
row(
  'rules',
  `${report.stats.rules.toLocaleString('en')} in ${report.stats.chains} chains, ${(text.length / 1024 / 1024).toFixed(1)} MB`,
);
row('mappings', `fip ${count('fip')}, dnat ${count('dnat')}, snat ${count('snat')}, hairpin ${count('hairpin')}`);
row('diagnostics', report.diagnostics.length.toLocaleString('en'));
row(`cold: parse + inspect (median of ${colds} processes)`, ms(coldMedian((r) => r.inspect)));
row(
  'cold: then JSON.stringify(report)',
  `${ms(coldMedian((r) => r.json))}, ${(jsonLength / 1024 / 1024).toFixed(1)} M characters`,
);
row('cold: peak RSS after parse + inspect', mb(coldRuns.map((r) => r.rssAfterInspect)));
row('cold: peak RSS after the JSON too', mb(coldRuns.map((r) => r.rssAfterJson)));
row(`warm: parse + inspect (median of ${runs})`, ms(total));
row('  parse alone', ms(parseOnly));
row('  inspect alone (dump parsed just before)', ms(inspectOnly));
row('warm: parse + inspect + JSON.stringify(report)', ms(stringify));
row(
  'shadowing: full rule comparisons',
  `${stats.comparisons.toLocaleString('en')} (${(stats.comparisons / report.stats.rules).toFixed(2)} per rule)`,
);
row(
  'this process: peak RSS after all runs',
  `${peakRssMb().toFixed(0)} MB (the generator and many runs' garbage included)`,
);
