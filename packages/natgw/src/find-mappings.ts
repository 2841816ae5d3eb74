import type { Counters, Mapping } from '@natscope/api';
import type { Rule, Table } from '@natscope/iptables';
import { HashChains } from './hash-chains.js';
import { DumpFacts } from './rule-facts.js';
import { ruleRef } from './rule-ref.js';
import { RuleMap } from './rule-map.js';

type FipMapping = Extract<Mapping, { kind: 'fip' }>;

/** A floating IP's rules, by half: EXCLUSIVE_DNAT (EIP → IP) and EXCLUSIVE_SNAT (IP → EIP). */
export interface FipHalves {
  mapping: FipMapping;
  dnat: Rule[];
  snat: Rule[];
}

/** The Kube-OVN rules found in a dump, by meaning, plus the mappings they add up to. */
export interface MappingScan {
  mappings: Mapping[];
  /** Every rule's facts, its Kube-OVN shape among them. */
  facts: DumpFacts;
  /** Every floating IP (one per EIP and internal IP), with its rules by half. */
  fips: FipHalves[];
  /** Floating-IP halves whose other half (same EIP and internal IP) exists. */
  pairedFipRules: RuleMap<true>;
}

/** A copy of a rule's counters to start a mapping's sum with. */
function countersOf(rule: Rule): Counters {
  const c = rule.counters;
  return c ? { packets: c.packets, bytes: c.bytes } : { packets: 0, bytes: 0 };
}

/** Adds an identical rule to the mapping an earlier rule made. */
function addRule(mapping: Mapping, rule: Rule): void {
  mapping.rules.push(ruleRef(rule));
  if (rule.counters) {
    mapping.counters.packets += rule.counters.packets;
    mapping.counters.bytes += rule.counters.bytes;
  }
}

// FNV-1a over a string, folded into `hash`: mapping identities hash without building key strings.
function hashText(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0x20, 0x01000193); // a separator, so ("ab","c") and ("a","bc") differ
}

/** The fields that make two mappings the same one (rules and counters aside). */
function identityHash(m: Mapping): number {
  let h = hashText(0x811c9dc5, m.kind);
  h = hashText(h, m.eip);
  if (m.kind === 'fip') return hashText(h, m.internalIp);
  if (m.kind === 'dnat') return Math.imul(hashText(hashText(h, m.protocol), m.internalIp) ^ (m.externalPort * 65536 + m.internalPort), 0x01000193);
  if (m.kind === 'snat') return hashText(hashText(h, m.internalCidr), m.outInterface ?? '');
  return h;
}

function sameIdentity(a: Mapping, b: Mapping): boolean {
  if (a.kind !== b.kind || a.eip !== b.eip) return false;
  if (a.kind === 'fip' && b.kind === 'fip') return a.internalIp === b.internalIp;
  if (a.kind === 'dnat' && b.kind === 'dnat') {
    return a.protocol === b.protocol && a.externalPort === b.externalPort && a.internalIp === b.internalIp && a.internalPort === b.internalPort;
  }
  if (a.kind === 'snat' && b.kind === 'snat') {
    return a.internalCidr === b.internalCidr && a.randomFully === b.randomFully && a.outInterface === b.outInterface;
  }
  return a.kind === 'hairpin';
}

/** Mappings by identity: a rule identical to an earlier one joins its mapping instead of making another. */
class MappingGroups {
  readonly #byHash = new HashChains();
  readonly list: Mapping[] = [];

  /**
   * The mapping equal to `candidate` seen before, with `rule` added to it; else `candidate` (which already names
   * `rule`), now recorded.
   */
  intern<M extends Mapping>(candidate: M, rule: Rule): M {
    const hash = identityHash(candidate);
    for (let id = this.#byHash.first(hash); id !== -1; id = this.#byHash.next(id)) {
      const m = this.list[id]!;
      if (sameIdentity(m, candidate)) {
        addRule(m, rule);
        return m as M;
      }
    }
    this.#byHash.add(hash, this.list.length);
    this.list.push(candidate);
    return candidate;
  }
}

/**
 * Recovers the EIP mappings from the rules' shapes in the Kube-OVN chains of every table (reference §1.13).
 * Identical rules (a duplicate from an upper-case protocol or a host-bit CIDR) make one mapping that names
 * them all; a floating IP pairs its EXCLUSIVE_DNAT and EXCLUSIVE_SNAT halves by EIP and internal IP, and a
 * half without its partner is still a mapping (with one rule) so it can be seen and diagnosed.
 * Mappings come fip, dnat, snat, hairpin, each in rule order; counters are the sum over their rules.
 * One pass over the rules, one hash lookup per recognised rule: linear.
 */
export function findMappings(tables: Table[], facts: DumpFacts = new DumpFacts(tables)): MappingScan {
  const scan: MappingScan = {
    mappings: [],
    facts,
    fips: [],
    pairedFipRules: new RuleMap(),
  };
  const fips = new MappingGroups();
  const dnats = new MappingGroups();
  const snats = new MappingGroups();
  const hairpins = new MappingGroups();
  const fipHalves = new Map<FipMapping, FipHalves>();
  for (let id = 0; id < facts.rules.length; id++) {
    const shape = facts.shapes[id];
    if (!shape) continue;
    const rule = facts.rules[id]!;
    switch (shape.kind) {
      case 'fip-dnat':
      case 'fip-snat': {
        const { eip, internalIp } = shape;
        const mapping = fips.intern<FipMapping>({ kind: 'fip', eip, internalIp, rules: [ruleRef(rule)], counters: countersOf(rule) }, rule);
        let halves = fipHalves.get(mapping);
        if (!halves) fipHalves.set(mapping, (halves = { mapping, dnat: [], snat: [] }));
        (shape.kind === 'fip-dnat' ? halves.dnat : halves.snat).push(rule);
        break;
      }
      case 'dnat': {
        const { eip, protocol, externalPort, internalIp, internalPort } = shape;
        dnats.intern({ kind: 'dnat', eip, protocol, externalPort, internalIp, internalPort, rules: [ruleRef(rule)], counters: countersOf(rule) }, rule);
        break;
      }
      case 'snat': {
        const { eip, internalCidr, randomFully, outInterface } = shape;
        snats.intern({ kind: 'snat', eip, internalCidr, randomFully, outInterface, rules: [ruleRef(rule)], counters: countersOf(rule) }, rule);
        break;
      }
      case 'hairpin': {
        hairpins.intern({ kind: 'hairpin', eip: shape.eip, rules: [ruleRef(rule)], counters: countersOf(rule) }, rule);
        break;
      }
    }
  }
  for (const halves of fipHalves.values()) {
    // EXCLUSIVE_DNAT and EXCLUSIVE_SNAT may come in any order in the input: name the rules by line.
    halves.mapping.rules.sort((a, b) => a.line - b.line);
    if (halves.dnat.length && halves.snat.length) for (const rule of [...halves.dnat, ...halves.snat]) scan.pairedFipRules.set(rule, true);
    scan.fips.push(halves);
  }
  scan.mappings = [...fips.list, ...dnats.list, ...snats.list, ...hairpins.list];
  return scan;
}
