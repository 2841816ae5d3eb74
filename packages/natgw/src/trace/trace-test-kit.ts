/**
 * Helpers for the trace's tests: packets and rules written the way people read them.
 * (Test-only; not exported from the package.)
 */
import { parse } from '@natscope/iptables';
import { ipToInt } from '../packet-sets/ipv4.js';
import type { PacketState, TraceRule, TraceTable } from './trace-types.js';

/** iptables-save text of a nat table with the two hooks a forwarded packet crosses. */
export const natTable = (...rules: string[]): string[] => [
  '*nat',
  ':PREROUTING ACCEPT [0:0]',
  ':POSTROUTING ACCEPT [0:0]',
  ...rules,
  'COMMIT',
];

/** Parses iptables-save lines into a dump. */
export const dumpOf = (...lines: string[]) => parse([...lines, ''].join('\n'));

/** The one table of a dump made from `lines`. */
export function tableOf(...lines: string[]): TraceTable {
  const table = dumpOf(...lines).tables[0];
  if (table === undefined) throw new Error('no table in the test input');
  return table;
}

/** One rule, parsed from its `-A CHAIN …` text inside a filter table. */
export function ruleOf(text: string): TraceRule {
  const chain = /^-A (\S+)/.exec(text)?.[1] ?? 'FORWARD';
  const rule = tableOf('*filter', `:${chain} ACCEPT [0:0]`, text, 'COMMIT').chains.find((c) => c.name === chain)
    ?.rules[0];
  if (rule === undefined) throw new Error(`not a rule: ${text}`);
  return rule;
}

/** A packet from outside (net1 → 192.168.100.12:22, tcp, source port 40000) with `overrides` applied. */
export function packet(
  overrides: Partial<Omit<PacketState, 'src' | 'dst'>> & { src?: string; dst?: string } = {},
): PacketState {
  const { src = '203.0.113.7', dst = '192.168.100.12', ct, ...rest } = overrides;
  const s = ipToInt(src)!;
  const d = ipToInt(dst)!;
  const base: PacketState = {
    protocol: 'tcp',
    src: s,
    dst: d,
    srcLabel: null,
    dstLabel: null,
    sport: 40000,
    dport: 22,
    inInterface: 'net1',
    outInterface: null,
    mark: 0,
    ct: { tracked: true, dnat: false, snat: false, origSrc: s, origDst: d, origSport: 40000, origDport: 22, mark: 0 },
    ...rest,
  };
  return ct === undefined ? base : { ...base, ct: { ...base.ct, ...ct } };
}
