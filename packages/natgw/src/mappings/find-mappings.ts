import type { Counters, Mapping } from '@natscope/api';
import type { Dump, Rule } from '@natscope/iptables';
import { HashChains } from '../facts/hash-chains.js';
import { DumpFacts } from '../facts/dump-facts.js';
import { ruleRef } from './rule-ref.js';
import { RuleMap } from '../facts/rule-map.js';
import type { RuleShape } from '../kube-ovn/rule-shape.js';

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

const FNV_SEED = 0x811c9dc5 | 0;

type ShapeOf<K extends RuleShape['kind']> = Extract<RuleShape, { kind: K }>;

/** How the mappings of one kind are told apart (the fields that make two the same) and made from a rule. */
interface Identity<S extends RuleShape, M extends Mapping> {
  hash(shape: S): number;
  same(mapping: M, shape: S): boolean;
  make(shape: S, rule: Rule): M;
}

const FIP: Identity<ShapeOf<'fip-dnat' | 'fip-snat'>, FipMapping> = {
  hash: (s) => hashText(hashText(FNV_SEED, s.eip), s.internalIp),
  same: (m, s) => m.eip === s.eip && m.internalIp === s.internalIp,
  make: (s, rule) => ({
    kind: 'fip',
    eip: s.eip,
    internalIp: s.internalIp,
    rules: [ruleRef(rule)],
    counters: countersOf(rule),
  }),
};

const DNAT: Identity<ShapeOf<'dnat'>, Extract<Mapping, { kind: 'dnat' }>> = {
  hash: (s) =>
    Math.imul(
      hashText(hashText(hashText(FNV_SEED, s.eip), s.protocol), s.internalIp) ^
        (s.externalPort * 65536 + s.internalPort),
      0x01000193,
    ),
  same: (m, s) =>
    m.eip === s.eip &&
    m.protocol === s.protocol &&
    m.externalPort === s.externalPort &&
    m.internalIp === s.internalIp &&
    m.internalPort === s.internalPort,
  make: (s, rule) => ({
    kind: 'dnat',
    eip: s.eip,
    protocol: s.protocol,
    externalPort: s.externalPort,
    internalIp: s.internalIp,
    internalPort: s.internalPort,
    rules: [ruleRef(rule)],
    counters: countersOf(rule),
  }),
};

const SNAT: Identity<ShapeOf<'snat'>, Extract<Mapping, { kind: 'snat' }>> = {
  hash: (s) => hashText(hashText(hashText(FNV_SEED, s.eip), s.internalCidr), s.outInterface ?? ''),
  same: (m, s) =>
    m.eip === s.eip &&
    m.internalCidr === s.internalCidr &&
    m.randomFully === s.randomFully &&
    m.outInterface === s.outInterface,
  make: (s, rule) => ({
    kind: 'snat',
    eip: s.eip,
    internalCidr: s.internalCidr,
    randomFully: s.randomFully,
    outInterface: s.outInterface,
    rules: [ruleRef(rule)],
    counters: countersOf(rule),
  }),
};

const HAIRPIN: Identity<ShapeOf<'hairpin'>, Extract<Mapping, { kind: 'hairpin' }>> = {
  hash: (s) => hashText(FNV_SEED, s.eip),
  same: (m, s) => m.eip === s.eip,
  make: (s, rule) => ({ kind: 'hairpin', eip: s.eip, rules: [ruleRef(rule)], counters: countersOf(rule) }),
};

/**
 * The mappings of one kind, by identity: a rule identical to an earlier one joins its mapping instead of making
 * another. Each kind has its own instance and functions, so the code that reads a shape or a mapping always sees
 * one kind of object.
 */
class MappingGroups<S extends RuleShape, M extends Mapping> {
  readonly #byHash = new HashChains();
  readonly #identity: Identity<S, M>;
  readonly list: M[] = [];

  constructor(identity: Identity<S, M>) {
    this.#identity = identity;
  }

  /** The number of the mapping that `rule` (of `shape`) belongs to, made from it if it is the first. */
  add(shape: S, rule: Rule): number {
    const hash = this.#identity.hash(shape);
    for (let id = this.#byHash.first(hash); id !== -1; id = this.#byHash.next(id)) {
      const mapping = this.list[id]!;
      if (this.#identity.same(mapping, shape)) {
        addRule(mapping, rule);
        return id;
      }
    }
    const id = this.list.length;
    this.#byHash.add(hash, id);
    this.list.push(this.#identity.make(shape, rule));
    return id;
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
export function findMappings(dump: Pick<Dump, 'text' | 'tables'>, facts: DumpFacts = new DumpFacts(dump)): MappingScan {
  const scan: MappingScan = {
    mappings: [],
    facts,
    fips: [],
    pairedFipRules: new RuleMap(),
  };
  const fips = new MappingGroups(FIP);
  const dnats = new MappingGroups(DNAT);
  const snats = new MappingGroups(SNAT);
  const hairpins = new MappingGroups(HAIRPIN);
  const halves: FipHalves[] = []; // by fip mapping number
  for (let id = 0; id < facts.rules.length; id++) {
    const shape = facts.shapes[id];
    if (!shape) continue;
    const rule = facts.rules[id]!;
    switch (shape.kind) {
      case 'fip-dnat':
      case 'fip-snat': {
        const n = fips.add(shape, rule);
        const fip = (halves[n] ??= { mapping: fips.list[n]!, dnat: [], snat: [] });
        (shape.kind === 'fip-dnat' ? fip.dnat : fip.snat).push(rule);
        break;
      }
      case 'dnat':
        dnats.add(shape, rule);
        break;
      case 'snat':
        snats.add(shape, rule);
        break;
      case 'hairpin':
        hairpins.add(shape, rule);
        break;
    }
  }
  for (const fip of halves) {
    // EXCLUSIVE_DNAT and EXCLUSIVE_SNAT may come in any order in the input: name the rules by line.
    fip.mapping.rules.sort((a, b) => a.line - b.line);
    if (fip.dnat.length && fip.snat.length) {
      for (const rule of fip.dnat) scan.pairedFipRules.set(rule, true);
      for (const rule of fip.snat) scan.pairedFipRules.set(rule, true);
    }
    scan.fips.push(fip);
  }
  scan.mappings = [...fips.list, ...dnats.list, ...snats.list, ...hairpins.list];
  return scan;
}
