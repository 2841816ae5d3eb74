import type { Counters, Mapping } from '@natscope/api';
import type { Rule, Table } from '@natscope/iptables';
import { ruleRef } from './rule-ref.js';
import { type RuleShape, ruleShape } from './rule-shape.js';

type Shaped<K extends RuleShape['kind']> = { rule: Rule; shape: Extract<RuleShape, { kind: K }> };

/** The Kube-OVN rules found in a dump, by meaning, plus the mappings they add up to. */
export interface MappingScan {
  mappings: Mapping[];
  /** Every rule that has a Kube-OVN shape. */
  shapes: Map<Rule, RuleShape>;
  fipDnat: Shaped<'fip-dnat'>[];
  fipSnat: Shaped<'fip-snat'>[];
  dnat: Shaped<'dnat'>[];
  snat: Shaped<'snat'>[];
  hairpin: Shaped<'hairpin'>[];
  /** Floating-IP halves whose other half (same EIP and internal IP) exists. */
  pairedFipRules: Set<Rule>;
}

function sum(rules: Rule[]): Counters {
  let packets = 0;
  let bytes = 0;
  for (const rule of rules) {
    packets += rule.counters?.packets ?? 0;
    bytes += rule.counters?.bytes ?? 0;
  }
  return { packets, bytes };
}

/** Groups rules under a key, keeping first-seen order (a Map iterates in insertion order). */
function group<T extends { rule: Rule }>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

const byLine = (a: Rule, b: Rule) => a.line - b.line;

/**
 * Recovers the EIP mappings from the rules' shapes in the Kube-OVN chains of every table (reference §1.13).
 * Identical rules (a duplicate from an upper-case protocol or a host-bit CIDR) make one mapping that names
 * them all; a floating IP pairs its EXCLUSIVE_DNAT and EXCLUSIVE_SNAT halves by EIP and internal IP, and a
 * half without its partner is still a mapping (with one rule) so it can be seen and diagnosed.
 * Counters are the sum over the mapping's rules. Linear in the number of rules.
 */
export function findMappings(tables: Table[]): MappingScan {
  const scan: MappingScan = {
    mappings: [],
    shapes: new Map(),
    fipDnat: [],
    fipSnat: [],
    dnat: [],
    snat: [],
    hairpin: [],
    pairedFipRules: new Set(),
  };
  for (const table of tables) {
    for (const chain of table.chains) {
      for (const rule of chain.rules) {
        const shape = ruleShape(table.name, chain.name, rule.decoded);
        if (!shape) continue;
        scan.shapes.set(rule, shape);
        if (shape.kind === 'fip-dnat') scan.fipDnat.push({ rule, shape });
        else if (shape.kind === 'fip-snat') scan.fipSnat.push({ rule, shape });
        else if (shape.kind === 'dnat') scan.dnat.push({ rule, shape });
        else if (shape.kind === 'snat') scan.snat.push({ rule, shape });
        else if (shape.kind === 'hairpin') scan.hairpin.push({ rule, shape });
      }
    }
  }

  const fipKey = (s: { shape: { eip: string; internalIp: string } }) => `${s.shape.eip} ${s.shape.internalIp}`;
  const snatKeys = new Set(scan.fipSnat.map(fipKey));
  const dnatKeys = new Set(scan.fipDnat.map(fipKey));
  for (const half of [...scan.fipDnat, ...scan.fipSnat]) {
    if (snatKeys.has(fipKey(half)) && dnatKeys.has(fipKey(half))) scan.pairedFipRules.add(half.rule);
  }
  for (const items of group([...scan.fipDnat, ...scan.fipSnat], fipKey)) {
    const rules = items.map((i) => i.rule).sort(byLine);
    const { eip, internalIp } = items[0]!.shape;
    scan.mappings.push({ kind: 'fip', eip, internalIp, rules: rules.map(ruleRef), counters: sum(rules) });
  }
  for (const items of group(scan.dnat, (d) => JSON.stringify(d.shape))) {
    const rules = items.map((i) => i.rule);
    const { eip, protocol, externalPort, internalIp, internalPort } = items[0]!.shape;
    scan.mappings.push({ kind: 'dnat', eip, protocol, externalPort, internalIp, internalPort, rules: rules.map(ruleRef), counters: sum(rules) });
  }
  for (const items of group(scan.snat, (s) => JSON.stringify(s.shape))) {
    const rules = items.map((i) => i.rule);
    const { eip, internalCidr, randomFully, outInterface } = items[0]!.shape;
    scan.mappings.push({ kind: 'snat', eip, internalCidr, randomFully, outInterface, rules: rules.map(ruleRef), counters: sum(rules) });
  }
  for (const items of group(scan.hairpin, (h) => h.shape.eip)) {
    const rules = items.map((i) => i.rule);
    scan.mappings.push({ kind: 'hairpin', eip: items[0]!.shape.eip, rules: rules.map(ruleRef), counters: sum(rules) });
  }
  return scan;
}
