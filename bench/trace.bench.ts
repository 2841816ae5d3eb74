/**
 * Trace benchmark: one packet traced through a generated 100,000-rule Kube-OVN dump. Prints numbers; it
 * passes or fails nothing. Target on the reference machine (2 cores): one trace under 10 ms.
 *
 * Three packets: a floating IP's inbound connection (stops early in EXCLUSIVE_DNAT), a port forward near the
 * end of SHARED_DNAT, and a packet that matches nothing and so passes every rule of both hooks. "one trace"
 * is a trace over a dump that has been traced before (what the server does for its cached reading); the
 * first trace of a dump also decodes its rules and builds the chains' address indexes, measured apart.
 *
 *   node --expose-gc --import tsx bench/trace.bench.ts [rules]
 */
import type { TraceRequest } from '../packages/api/src/index.js';
import { parse } from '../packages/iptables/src/index.js';
import { inspect, trace } from '../packages/natgw/src/index.js';
import { generateDump } from './generate-dump.js';
import { measure, time } from './measure.js';

const rules = Number(process.argv[2] ?? 100_000);
const text = generateDump({ rules, seed: 42 });
const fresh = () => parse(text, { file: 'generated' });
const dump = fresh();

// Packets picked from the dump itself, so they hit what they claim to whatever the generator's choices.
const nat = dump.tables.find((t) => t.name === 'nat')!;
const chain = (name: string) => nat.chains.find((c) => c.name === name)!;
const fip = chain('EXCLUSIVE_DNAT').rules[0]!.decoded.destination!.value.replace('/32', '');
const forwards = chain('SHARED_DNAT').rules;
const lastForward = forwards[forwards.length - 1]!.decoded;
const forwardDst = lastForward.destination!.value.replace('/32', '');
const forwardProto = lastForward.protocol!.value as 'tcp' | 'udp';
const forwardPort = Number(lastForward.matches[0]!.options[0]!.args[0]);

const packets: { label: string; request: TraceRequest }[] = [
  {
    label: 'floating IP inbound',
    request: { inInterface: 'net1', protocol: 'tcp', src: '198.51.100.7', dst: fip, sport: 40000, dport: 443 },
  },
  {
    label: `port forward #${forwards.length} of SHARED_DNAT`,
    request: {
      inInterface: 'net1',
      protocol: forwardProto,
      src: '198.51.100.7',
      dst: forwardDst,
      sport: 40000,
      dport: forwardPort,
    },
  },
  {
    label: 'matches nothing (walks every rule)',
    request: { inInterface: 'net1', protocol: 'udp', src: '198.51.100.7', dst: '192.0.2.1', sport: 40000, dport: 9 },
  },
];

const row = (label: string, value: string) => console.log(`${label.padEnd(46)} ${value}`);
const counted = dump.tables.reduce((n, t) => n + t.chains.reduce((m, c) => m + c.rules.length, 0), 0);
row('rules', `${counted.toLocaleString('en')}, ${(text.length / 1024 / 1024).toFixed(1)} MB`);

for (const { label, request } of packets) {
  const result = trace(dump, request);
  const warm = measure(() => trace(dump, request), { runs: 9, warmups: 3 });
  const steps = result.steps.length.toLocaleString('en');
  row(
    `${label}: one trace (median of 9)`,
    `${warm.toFixed(2)} ms  (${steps} steps, ${(JSON.stringify(result).length / 1024).toFixed(1)} KB JSON)`,
  );
  row('  verdict', result.verdict);
}

// The first trace over a dump pays once for what later traces reuse: decoding the rules (the parser's lazy
// view), the chains' address indexes and the gateway's addresses. Measured on a dump parsed for the purpose.
const first = fresh();
globalThis.gc?.();
const decodeMs = time(() => {
  for (const table of first.tables) for (const chain of table.chains) for (const rule of chain.rules) void rule.decoded;
});
const coldMs = time(() => trace(first, packets[2]!.request));
row(
  'first trace of a fresh dump: decode every rule',
  `${decodeMs.toFixed(0)} ms (parser's lazy decode, once per dump)`,
);
row('  then build indexes and trace', `${coldMs.toFixed(0)} ms (once per dump)`);

// The server traces the inspect report it already holds (plain JSON rules), not a parsed dump.
const report = inspect(dump);
const worst = packets[2]!.request;
trace(report, worst);
row(
  'matches nothing, over the inspect report: warm',
  `${measure(() => trace(report, worst), { runs: 9, warmups: 3 }).toFixed(2)} ms`,
);
