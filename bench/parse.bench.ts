/**
 * Parse benchmark: a generated 100,000-rule Kube-OVN dump (about 12 MB) through `parse`, against the floor
 * of merely splitting the text into lines. Prints numbers; it passes or fails nothing.
 * Targets on the reference machine (2 cores): parse under 0.5 s, peak RSS under 500 MB.
 *
 *   node --expose-gc --import tsx bench/parse.bench.ts [rules]
 */
import { parse } from '../packages/iptables/src/index.js';
import { generateDump } from './generate-dump.js';
import { measureWithCpu, peakRssMb, timeWithCpu } from './measure.js';

const rules = Number(process.argv[2] ?? 100_000);
const runs = 7;
const warmups = 3;

const text = generateDump({ rules, seed: 42 });
const sizeMb = Buffer.byteLength(text) / 1024 / 1024;
let dump = parse(text, { file: 'generated' });
const counted = dump.tables.reduce((n, t) => n + t.chains.reduce((m, c) => m + c.rules.length, 0), 0);

const split = measureWithCpu(() => text.split('\n'), { runs, warmups });
const parsed = measureWithCpu(
  () => {
    dump = parse(text, { file: 'generated' });
  },
  { runs, warmups },
);
const rssAfterParse = peakRssMb();
// The decoded view is computed on first use: what a caller pays who reads every rule's matches and target.
const decodeAll = () => {
  for (const table of dump.tables) for (const chain of table.chains) for (const rule of chain.rules) void rule.decoded;
};
decodeAll(); // warm the decoder up on one dump, then time it on a fresh one
dump = parse(text, { file: 'generated' });
const decoded = timeWithCpu(decodeAll);
const rssAfterDecode = peakRssMb();
const ms = ({ wall, cpu }: { wall: number; cpu: number }) => `${wall.toFixed(0)} ms (cpu ${cpu.toFixed(0)} ms)`;
const rate = ({ wall }: { wall: number }) => `${(sizeMb / (wall / 1000)).toFixed(0)} MB/s`;

const row = (label: string, value: string) => console.log(`${label.padEnd(34)} ${value}`);
row('rules', `${counted.toLocaleString('en')} (${dump.lines.length.toLocaleString('en')} lines)`);
row('dump size', `${sizeMb.toFixed(1)} MB`);
row(`parse (median of ${runs}, ${warmups} warmups)`, `${ms(parsed)}  ${rate(parsed)}`);
row("floor: text.split('\\n')", `${ms(split)}  ${rate(split)}`);
row('decode every rule (first use)', ms(decoded));
row('peak RSS after the parse runs', `${rssAfterParse.toFixed(0)} MB`);
row('peak RSS after decoding every rule', `${rssAfterDecode.toFixed(0)} MB`);
