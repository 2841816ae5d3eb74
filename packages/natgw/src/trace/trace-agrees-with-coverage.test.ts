/**
 * The two match models must agree: coverage (MatchSpace, DumpFacts and the CoverIndex the shadowing check runs on)
 * and the trace (rule-by-rule matchers). Whenever coverage says an earlier rule A covers a later rule B, no packet
 * B matches can get past A: its trace stops at A or earlier and never reaches B as matched. Random small nat chains
 * (seeded, so a failure replays) mix protocols by name and number, ports, CIDRs, interfaces, marks, conntrack states
 * and negations, with a rewriting MARK rule now and then.
 */
import type { TraceRequest } from '@natscope/api';
import { parse, seededRandom, type Chain, type Dump, type Rule } from '@natscope/iptables';
import { describe, expect, it } from 'vitest';
import { shadowChain } from '../checks/shadow-chain.js';
import { DumpFacts } from '../facts/dump-facts.js';
import { matchSpace, spaceCovers } from '../packet-sets/match-space.js';
import { isTerminal, mayRewritePacket } from '../packet-sets/target-effect.js';
import { evaluateRule } from './trace-match.js';
import { packet } from './trace-test-kit.js';
import { trace } from './trace.js';

const CASES = 600;
const random = seededRandom(20261207);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const maybe = (p: number, text: () => string): string => (random() < p ? text() : '');

const SOURCES = ['-s 10.0.0.0/8', '-s 10.1.0.0/16', '-s 10.1.2.3/32', '! -s 10.1.0.0/16', '-s 10.1.2.0/24'];
const DESTINATIONS = ['-d 192.168.0.0/16', '-d 192.168.1.1/32', '! -d 192.168.1.0/24', '-d 0.0.0.0/0'];
const IN = ['-i net1', '-i net+', '! -i eth0', '-i eth0'];
const MARKS = ['0x1/0x1', '0x3/0x3', '1', '0x10/0xf0', '0x11', '0x0/0x1'];
const STATES = ['NEW', 'new,DNAT', 'DNAT', 'ESTABLISHED,NEW'];

/** `-p …` with, now and then, a port match of that protocol's module. */
function protocolPart(): string {
  const [name, number, module] = pick([
    ['tcp', '6', 'tcp'],
    ['udp', '17', 'udp'],
    ['icmp', '1', null],
  ] as const);
  if (random() < 0.2) return `! -p ${pick([name, number])}`;
  if (random() < 0.05) return '-p all';
  const p = `-p ${pick([name, number])}`;
  if (module === null || random() < 0.4) return p;
  const ports = pick([
    `--dport ${pick(['22', '80', '20:30', '443'])}`,
    `! --dport ${pick(['22', '80'])}`,
    `--sport ${pick(['40000', '1024:65535'])}`,
  ]);
  return random() < 0.3
    ? `${p} -m multiport --dports ${pick(['22,80', '22,443,8000:9000'])}`
    : `${p} -m ${module} ${ports}`;
}

function ruleText(): string {
  const parts = [
    maybe(0.5, () => pick(SOURCES)),
    maybe(0.4, () => pick(DESTINATIONS)),
    maybe(0.3, () => pick(IN)),
    maybe(0.6, protocolPart),
    maybe(0.25, () => `-m mark ${random() < 0.2 ? '! ' : ''}--mark ${pick(MARKS)}`),
    maybe(0.2, () => `-m conntrack ${random() < 0.2 ? '! ' : ''}--ctstate ${pick(STATES)}`),
  ].filter(Boolean);
  const target = pick([
    '-j ACCEPT',
    '-j ACCEPT',
    '-j DNAT --to-destination 10.9.9.9',
    '-j RETURN',
    '-j MARK --set-xmark 0x1/0x1',
    '-j LOG',
  ]);
  return ['-A PREROUTING', ...parts, target].join(' ');
}

function dumpOf(rules: string[]): Dump {
  return parse(['*nat', ':PREROUTING ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', ...rules, 'COMMIT', ''].join('\n'));
}

function preroutingOf(dump: Dump): Chain {
  return dump.tables[0]!.chains.find((c) => c.name === 'PREROUTING')!;
}

/** The pairs [earlier, later] (0-based) coverage calls shadowed: MatchSpace pairwise, and the shadowing check's. */
function coveredPairs(dump: Dump): Array<[number, number]> {
  const rules = preroutingOf(dump).rules;
  const pairs = new Map<string, [number, number]>();
  const spaces = rules.map((r) => matchSpace(r.decoded));
  const targets = rules.map((r) => r.decoded.target && { kind: r.decoded.target.kind, name: r.decoded.target.name });
  for (let a = 0; a < rules.length; a++) {
    if (!isTerminal(targets[a]!)) continue;
    for (let b = a + 1; b < rules.length; b++) {
      if (spaceCovers(spaces[a]!, spaces[b]!)) pairs.set(`${a} ${b}`, [a, b]);
      if (mayRewritePacket(targets[b]!)) break; // the rules after it may see another mark
    }
  }
  for (const d of shadowChain(preroutingOf(dump), new DumpFacts(dump)).diagnostics) {
    const [later, earlier] = d.rules;
    pairs.set(`${earlier!.index - 1} ${later!.index - 1}`, [earlier!.index - 1, later!.index - 1]);
  }
  return [...pairs.values()];
}

const ADDRESSES = ['10.1.2.3', '10.1.9.9', '10.200.0.1', '172.16.0.1', '192.168.1.1', '192.168.2.3', '8.8.8.8'];

/** A packet the rule matches at PREROUTING as the trace judges it, found by trying random ones; null if none was. */
function packetMatching(rule: Rule): TraceRequest | null {
  for (let i = 0; i < 60; i++) {
    const protocol = pick(['tcp', 'udp', 'icmp'] as const);
    const request: TraceRequest = {
      inInterface: pick(['net1', 'eth0', 'net2']),
      protocol,
      src: pick(ADDRESSES),
      dst: pick(ADDRESSES),
      ...(protocol === 'icmp' ? {} : { sport: 40000, dport: pick([22, 25, 80, 443, 8080]) }),
      mark: pick(['0', '1', '3', '0x10', '0x11']),
    };
    const { sport, dport, mark, ...rest } = request;
    const state = packet({
      ...rest,
      sport: sport ?? null,
      dport: dport ?? null,
      mark: Number(mark),
    });
    state.ct.origSport = state.sport;
    state.ct.origDport = state.dport;
    if (evaluateRule(rule, state, 'PREROUTING').status === 'matched') return request;
  }
  return null;
}

describe('coverage and the trace', () => {
  it('never let a packet of a covered rule get past the rule that covers it', () => {
    let checked = 0;
    for (let n = 0; n < CASES; n++) {
      const texts = Array.from({ length: 2 + Math.floor(random() * 7) }, ruleText);
      const dump = dumpOf(texts);
      const rules = preroutingOf(dump).rules;
      for (const [a, b] of coveredPairs(dump)) {
        const request = packetMatching(rules[b]!);
        if (request === null) continue;
        checked++;
        const reached = trace(dump, request).steps.filter(
          (s) => s.chain === 'PREROUTING' && s.index === b + 1 && s.result !== 'skipped',
        );
        expect(
          reached,
          `${texts.join('\n')}\nrule ${a + 1} covers rule ${b + 1}; packet ${JSON.stringify(request)}`,
        ).toEqual([]);
      }
    }
    // Enough covered pairs came up for the property to mean something.
    expect(checked).toBeGreaterThan(300);
  });
});
