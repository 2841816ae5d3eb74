import type { Counters, Mapping } from '@natscope/api';
import type { Rule, Table } from '@natscope/iptables';
import { ruleRef } from './rule-ref.js';
import { RuleMap } from './rule-map.js';
import { type RuleShape, ruleShape } from './rule-shape.js';

type Shaped<K extends RuleShape['kind']> = { rule: Rule; shape: Extract<RuleShape, { kind: K }> };

/** The Kube-OVN rules found in a dump, by meaning, plus the mappings they add up to. */
export interface MappingScan {
  mappings: Mapping[];
  /** Every rule that has a Kube-OVN shape. */
  shapes: RuleMap<RuleShape>;
  fipDnat: Shaped<'fip-dnat'>[];
  fipSnat: Shaped<'fip-snat'>[];
  dnat: Shaped<'dnat'>[];
  snat: Shaped<'snat'>[];
  hairpin: Shaped<'hairpin'>[];
  /** Floating-IP halves whose other half (same EIP and internal IP) exists. */
  pairedFipRules: RuleMap<true>;
}

type FipMapping = Extract<Mapping, { kind: 'fip' }>;

/** A mapping being built: its rules and counters grow as identical rules turn up. */
function addRule(mapping: Mapping, rule: Rule): void {
  mapping.rules.push(ruleRef(rule));
  if (rule.counters) {
    mapping.counters.packets += rule.counters.packets;
    mapping.counters.bytes += rule.counters.bytes;
  }
}

/** The mapping under `key` in `byKey`, created by `make` and appended to `list` the first time. */
function mappingFor<M extends Mapping>(byKey: Map<string, M>, key: string, list: Mapping[], make: (counters: Counters) => M): M {
  let mapping = byKey.get(key);
  if (!mapping) {
    mapping = make({ packets: 0, bytes: 0 });
    byKey.set(key, mapping);
    list.push(mapping);
  }
  return mapping;
}

/**
 * Recovers the EIP mappings from the rules' shapes in the Kube-OVN chains of every table (reference §1.13).
 * Identical rules (a duplicate from an upper-case protocol or a host-bit CIDR) make one mapping that names
 * them all; a floating IP pairs its EXCLUSIVE_DNAT and EXCLUSIVE_SNAT halves by EIP and internal IP, and a
 * half without its partner is still a mapping (with one rule) so it can be seen and diagnosed.
 * Mappings come fip, dnat, snat, hairpin, each in rule order; counters are the sum over their rules.
 * One pass over the rules, one map lookup per recognised rule: linear.
 */
export function findMappings(tables: Table[]): MappingScan {
  const scan: MappingScan = {
    mappings: [],
    shapes: new RuleMap(),
    fipDnat: [],
    fipSnat: [],
    dnat: [],
    snat: [],
    hairpin: [],
    pairedFipRules: new RuleMap(),
  };
  const lists: Record<Mapping['kind'], Mapping[]> = { fip: [], dnat: [], snat: [], hairpin: [] };
  const fips = new Map<string, FipMapping>();
  const fipHalves = new Map<FipMapping, { dnat: Rule[]; snat: Rule[] }>();
  const dnats = new Map<string, Mapping>();
  const snats = new Map<string, Mapping>();
  const hairpins = new Map<string, Mapping>();
  for (const table of tables) {
    for (const chain of table.chains) {
      for (const rule of chain.rules) {
        const shape = ruleShape(table.name, chain.name, rule.decoded);
        if (!shape) continue;
        scan.shapes.set(rule, shape);
        switch (shape.kind) {
          case 'fip-dnat':
          case 'fip-snat': {
            const { eip, internalIp } = shape;
            const mapping = mappingFor(fips, `${eip} ${internalIp}`, lists.fip, (counters) => ({ kind: 'fip', eip, internalIp, rules: [], counters }));
            let halves = fipHalves.get(mapping);
            if (!halves) fipHalves.set(mapping, (halves = { dnat: [], snat: [] }));
            if (shape.kind === 'fip-dnat') {
              scan.fipDnat.push({ rule, shape });
              halves.dnat.push(rule);
            } else {
              scan.fipSnat.push({ rule, shape });
              halves.snat.push(rule);
            }
            addRule(mapping, rule);
            break;
          }
          case 'dnat': {
            scan.dnat.push({ rule, shape });
            const { eip, protocol, externalPort, internalIp, internalPort } = shape;
            const key = `${eip} ${protocol} ${externalPort} ${internalIp} ${internalPort}`;
            const make = (counters: Counters): Mapping => ({ kind: 'dnat', eip, protocol, externalPort, internalIp, internalPort, rules: [], counters });
            addRule(mappingFor(dnats, key, lists.dnat, make), rule);
            break;
          }
          case 'snat': {
            scan.snat.push({ rule, shape });
            const { eip, internalCidr, randomFully, outInterface } = shape;
            const key = `${eip} ${internalCidr} ${randomFully} ${outInterface}`;
            const make = (counters: Counters): Mapping => ({ kind: 'snat', eip, internalCidr, randomFully, outInterface, rules: [], counters });
            addRule(mappingFor(snats, key, lists.snat, make), rule);
            break;
          }
          case 'hairpin': {
            scan.hairpin.push({ rule, shape });
            const eip = shape.eip;
            addRule(mappingFor(hairpins, eip, lists.hairpin, (counters) => ({ kind: 'hairpin', eip, rules: [], counters })), rule);
            break;
          }
        }
      }
    }
  }
  for (const [mapping, halves] of fipHalves) {
    // EXCLUSIVE_DNAT and EXCLUSIVE_SNAT may come in any order in the input: name the rules by line.
    mapping.rules.sort((a, b) => a.line - b.line);
    if (halves.dnat.length && halves.snat.length) for (const rule of [...halves.dnat, ...halves.snat]) scan.pairedFipRules.set(rule, true);
  }
  scan.mappings = [...lists.fip, ...lists.dnat, ...lists.snat, ...lists.hairpin];
  return scan;
}
