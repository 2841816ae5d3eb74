/**
 * Parse benchmark: a generated 100,000-rule Kube-OVN dump (about 12 MB) through `parse`, against the floor
 * of merely splitting the text into lines. Prints numbers; it passes or fails nothing.
 *
 *   node --expose-gc --import tsx bench/parse.bench.ts [rules]
 */
import { parse } from '../packages/iptables/src/index.js';
import { generateDump } from './generate-dump.js';

const rules = Number(process.argv[2] ?? 100_000);
const runs = 7;
const warmups = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function measure(fn: () => unknown): number {
  for (let i = 0; i < warmups; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    times.push(time(fn));
  }
  return median(times);
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const rssMb = () => process.resourceUsage().maxRSS / 1024;

const text = generateDump({ rules, seed: 42 });
const size = mb(Buffer.byteLength(text));
let dump = parse(text, { file: 'generated' });
const counted = dump.tables.reduce((n, t) => n + t.chains.reduce((m, c) => m + c.rules.length, 0), 0);

const splitMs = measure(() => text.split('\n'));
const parseMs = measure(() => {
  dump = parse(text, { file: 'generated' });
});
const rssAfterParse = rssMb();
// The decoded view is computed on first use: what a caller pays who reads every rule's matches and target.
const decodeMs = time(() => {
  for (const table of dump.tables) for (const chain of table.chains) for (const rule of chain.rules) void rule.decoded;
});
const rssAfterDecode = rssMb();

const row = (label: string, value: string) => console.log(`${label.padEnd(34)} ${value}`);
row('rules', `${counted.toLocaleString('en')} (${dump.lines.length.toLocaleString('en')} lines)`);
row('dump size', `${size.toFixed(1)} MB`);
row(`parse (median of ${runs}, ${warmups} warmups)`, `${parseMs.toFixed(0)} ms  ${(size / (parseMs / 1000)).toFixed(0)} MB/s`);
row("floor: text.split('\\n')", `${splitMs.toFixed(0)} ms  ${(size / (splitMs / 1000)).toFixed(0)} MB/s`);
row('decode every rule (first use)', `${decodeMs.toFixed(0)} ms`);
row('peak RSS after parse runs', `${rssAfterParse.toFixed(0)} MB`);
row('peak RSS after decoding all rules', `${rssAfterDecode.toFixed(0)} MB`);
