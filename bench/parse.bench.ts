/**
 * Parse benchmark: a generated 100,000-rule Kube-OVN dump (about 12 MB) through `parse`, against the floor
 * of merely splitting the text into lines. Prints numbers; it passes or fails nothing.
 * Targets on the reference machine (2 cores): parse under 0.5 s, peak RSS under 500 MB.
 *
 *   node --expose-gc --import tsx bench/parse.bench.ts [rules]
 */
import { parse } from '../packages/iptables/src/index.js';
import { generateDump } from './generate-dump.js';
import { measure, peakRssMb, time } from './measure.js';

const rules = Number(process.argv[2] ?? 100_000);
const runs = 7;
const warmups = 3;

const text = generateDump({ rules, seed: 42 });
const sizeMb = Buffer.byteLength(text) / 1024 / 1024;
let dump = parse(text, { file: 'generated' });
const counted = dump.tables.reduce((n, t) => n + t.chains.reduce((m, c) => m + c.rules.length, 0), 0);

const splitMs = measure(() => text.split('\n'), { runs, warmups });
const parseMs = measure(() => {
  dump = parse(text, { file: 'generated' });
}, { runs, warmups });
const rssAfterParse = peakRssMb();
// The decoded view is computed on first use: what a caller pays who reads every rule's matches and target.
const decodeMs = time(() => {
  for (const table of dump.tables) for (const chain of table.chains) for (const rule of chain.rules) void rule.decoded;
});
const rssAfterDecode = peakRssMb();

const row = (label: string, value: string) => console.log(`${label.padEnd(36)} ${value}`);
row('rules', `${counted.toLocaleString('en')} (${dump.lines.length.toLocaleString('en')} lines)`);
row('dump size', `${sizeMb.toFixed(1)} MB`);
row(`parse (median of ${runs}, ${warmups} warmups)`, `${parseMs.toFixed(0)} ms  ${(sizeMb / (parseMs / 1000)).toFixed(0)} MB/s`);
row("floor: text.split('\\n')", `${splitMs.toFixed(0)} ms  ${(sizeMb / (splitMs / 1000)).toFixed(0)} MB/s`);
row('decode every rule (first use, once)', `${decodeMs.toFixed(0)} ms`);
row('peak RSS after the parse runs', `${rssAfterParse.toFixed(0)} MB`);
row('peak RSS after decoding every rule', `${rssAfterDecode.toFixed(0)} MB`);
