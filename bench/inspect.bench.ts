/**
 * Inspect benchmark: a generated 100,000-rule Kube-OVN dump through parse + inspect (mappings, diagnostics,
 * report tables with summaries), the work `natscope inspect --json` and the server do per reading.
 * Prints numbers; it passes or fails nothing. Targets: under 1 s, peak RSS under 500 MB.
 *
 *   node --expose-gc --import tsx bench/inspect.bench.ts [rules]
 */
import { parse } from '../packages/iptables/src/index.js';
import { type CoverStats, inspect } from '../packages/natgw/src/index.js';
import { generateDump } from './generate-dump.js';
import { measureWithCpu, peakRssMb, timeWithCpu } from './measure.js';

const rules = Number(process.argv[2] ?? 100_000);
const runs = 7;
const warmups = 2;
const text = generateDump({ rules, seed: 42 });

// The first reading, in a process that has done nothing else yet: what a CLI run or a server poll costs.
const rssBefore = peakRssMb();
let report = inspect(parse(text, { file: 'generated' }));
const rssFirst = peakRssMb();

const total = measureWithCpu(
  () => {
    report = inspect(parse(text, { file: 'generated' }));
  },
  { runs, warmups },
);
const dump = parse(text, { file: 'generated' });
const parseOnly = measureWithCpu(() => parse(text, { file: 'generated' }), { runs, warmups });
const inspectOnly = measureWithCpu(() => inspect(dump), { runs, warmups }); // rules decoded by the first call
const stats: CoverStats = { comparisons: 0 };
inspect(dump, { stats });
let json = '';
const stringify = timeWithCpu(() => {
  json = JSON.stringify(report);
});

const ms = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)} ms)`;
const row = (label: string, value: string) => console.log(`${label.padEnd(42)} ${value}`);
const count = (kind: string) => report.mappings.filter((m) => m.kind === kind).length.toLocaleString('en');
row('rules', `${report.stats.rules.toLocaleString('en')} in ${report.stats.chains} chains, ${(text.length / 1024 / 1024).toFixed(1)} MB`);
row('mappings', `fip ${count('fip')}, dnat ${count('dnat')}, snat ${count('snat')}, hairpin ${count('hairpin')}`);
row('diagnostics', report.diagnostics.length.toLocaleString('en'));
row(`parse + inspect (median of ${runs})`, ms(total));
row('  parse alone', ms(parseOnly));
row('  inspect alone (rules already decoded)', ms(inspectOnly));
row('shadowing: full rule comparisons', `${stats.comparisons.toLocaleString('en')} (${(stats.comparisons / report.stats.rules).toFixed(2)} per rule)`);
row('JSON.stringify(report)', `${ms(stringify)}, ${(json.length / 1024 / 1024).toFixed(1)} MB`);
row('peak RSS after the first parse + inspect', `${rssFirst.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before)`);
row('peak RSS after all runs', `${peakRssMb().toFixed(0)} MB`);
