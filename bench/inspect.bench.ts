/**
 * Inspect benchmark: a generated 100,000-rule Kube-OVN dump through parse + inspect (mappings and diagnostics;
 * the report's tables are built when read), the work `natscope inspect` and the server do per reading, then the
 * report as JSON (tables, summaries and every rule's decoded view built as they are read). Prints numbers; it
 * passes or fails nothing. Targets: parse + inspect under 1 s, peak RSS under 500 MB.
 *
 *   node --expose-gc --import tsx bench/inspect.bench.ts [rules]
 *
 * The machine is shared: wall time includes waiting for a core, so CPU time (process.cpuUsage, all threads, GC
 * helpers included) is printed beside it.
 */
import { parse } from '../packages/iptables/src/index.js';
import { type CoverStats, inspect } from '../packages/natgw/src/index.js';
import { generateDump } from './generate-dump.js';
import { measureWithCpu, median, peakRssMb, timeWithCpu } from './measure.js';

const rules = Number(process.argv[2] ?? 100_000);
const runs = 7;
const warmups = 2;
const text = generateDump({ rules, seed: 42 });

// The first reading, in a process that has parsed and inspected nothing yet: what a CLI run costs.
const rssBefore = peakRssMb();
const first = timeWithCpu(() => inspect(parse(text, { file: 'generated' })));
let report = first.value;
const rssFirst = peakRssMb();

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
let json = '';
const stringify = measureWithCpu(
  () => {
    json = JSON.stringify(inspect(parse(text, { file: 'generated' })));
  },
  { runs: 3, warmups: 1 },
);

const ms = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)} ms)`;
const row = (label: string, value: string) => console.log(`${label.padEnd(46)} ${value}`);
const count = (kind: string) => report.mappings.filter((m) => m.kind === kind).length.toLocaleString('en');
row('rules', `${report.stats.rules.toLocaleString('en')} in ${report.stats.chains} chains, ${(text.length / 1024 / 1024).toFixed(1)} MB`);
row('mappings', `fip ${count('fip')}, dnat ${count('dnat')}, snat ${count('snat')}, hairpin ${count('hairpin')}`);
row('diagnostics', report.diagnostics.length.toLocaleString('en'));
row('parse + inspect, first reading in the process', ms(first));
row(`parse + inspect (median of ${runs})`, ms(total));
row('  parse alone', ms(parseOnly));
row('  inspect alone (dump parsed just before)', ms(inspectOnly));
row('shadowing: full rule comparisons', `${stats.comparisons.toLocaleString('en')} (${(stats.comparisons / report.stats.rules).toFixed(2)} per rule)`);
row('parse + inspect + JSON.stringify(report)', `${ms(stringify)}, ${(json.length / 1024 / 1024).toFixed(1)} MB of JSON`);
row('peak RSS after the first parse + inspect', `${rssFirst.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before)`);
row('peak RSS after all runs (JSON ones included)', `${peakRssMb().toFixed(0)} MB`);
