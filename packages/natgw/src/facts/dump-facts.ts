import { protocolNumber, type Dump, type Rule } from '@natscope/iptables';
import {
  type AddressSet,
  DESTINATION,
  type MatchSpace,
  matchSpace,
  ORIGINAL_DESTINATION,
  SOURCE,
} from '../packet-sets/match-space.js';
import { singlePort } from '../packet-sets/port-set.js';
import { QuickFacts } from './quick-facts.js';
import { decodedFacts } from './rule-facts.js';
import type { RuleShape } from '../kube-ovn/rule-shape.js';
import type { RuleTarget } from '../packet-sets/target-effect.js';

/** A space's destination port code: no port match, or one that is not a single port. */
export const NO_PORT = -1;
export const PORT_SET = -2;

// A space as one row of int32s: base and length per dimension (none: 0/0), protocol code (0: none), port code.
const ROW = 8;
const PROTOCOL = 6;
const PORT = 7;
// Flag bits per rule.
const UNDERSTOOD = 1;
const NEGATED = [2, 4, 8]; // per dimension
const PROTOCOL_NEGATED = 16;
const TESTS_MARK = 32;

/**
 * The facts of every rule of a dump, by id: a rule's id is its place in input order (table, chain, rule), so a
 * chain's rules have consecutive ids. Kept per rule: its shape, its target, and its match space as a row of
 * integers (prefixes, protocol, port: what the cover index keys on) with a few flags. The full `MatchSpace` of a
 * rule is made only when a comparison needs it, which on a Kube-OVN gateway is almost never: 100,000 rules leave
 * no space objects behind for the garbage collector to carry.
 *
 * Rules in the exact forms Kube-OVN's script writes are read straight from their text (`QuickFacts`), so they are
 * not decoded into option objects; every other rule goes through its decoded view. Both give the same facts.
 */
export class DumpFacts {
  /** Every rule, by id. */
  readonly rules: Rule[] = [];
  /** Each rule's Kube-OVN shape (null: none), by id. */
  readonly shapes: (RuleShape | null)[] = [];
  /** What each rule does (null: it only counts), by id. */
  readonly targets: (RuleTarget | null)[] = [];
  readonly #rows: Int32Array;
  readonly #flags: Uint8Array;
  // Spaces made so far (rules without quick facts keep theirs from the start).
  readonly #spaces: (MatchSpace | null)[] = [];
  readonly #idByLine: Int32Array;
  readonly #protocols = new Map<string, number>([['', 0]]);
  readonly #quick: QuickFacts;

  constructor(dump: Pick<Dump, 'text' | 'tables'>) {
    const tables = dump.tables;
    this.#quick = new QuickFacts(dump.text);
    let count = 0;
    let lastLine = 0;
    for (const table of tables) {
      for (const chain of table.chains) {
        count += chain.rules.length;
        const last = chain.rules[chain.rules.length - 1];
        if (last && last.line > lastLine) lastLine = last.line;
      }
    }
    this.#rows = new Int32Array(ROW * count);
    this.#flags = new Uint8Array(count);
    this.#idByLine = new Int32Array(lastLine + 1);
    for (const table of tables) {
      for (const chain of table.chains) {
        for (const rule of chain.rules) {
          const id = this.rules.length;
          this.rules.push(rule);
          this.#idByLine[rule.line] = id + 1;
          const shape = this.#quick.read(table.name, rule);
          if (shape) {
            this.shapes.push(shape);
            this.targets.push(this.#quick.target);
            this.#spaces.push(null);
            this.#encodeQuick(id);
          } else {
            const facts = decodedFacts(table.name, rule);
            this.shapes.push(facts.shape);
            this.targets.push(facts.target);
            this.#spaces.push(facts.space);
            this.#encode(id, facts.space);
          }
        }
      }
    }
  }

  /** The id of a rule of this dump. */
  idOf(rule: Rule): number {
    const id = this.#idByLine[rule.line]! - 1;
    if (this.rules[id] !== rule) throw new Error(`rule on line ${rule.line} is not a rule of this dump`);
    return id;
  }

  /** The shape of a rule of this dump. */
  shapeOf(rule: Rule): RuleShape | null {
    return this.shapes[this.idOf(rule)]!;
  }

  /** The target of a rule of this dump. */
  targetOf(rule: Rule): RuleTarget | null {
    return this.targets[this.idOf(rule)]!;
  }

  /** The match space of rule `id`, made when first asked for (read-only). */
  space(id: number): MatchSpace {
    let space = this.#spaces[id];
    if (!space) {
      const rule = this.rules[id]!;
      space = this.#quick.facts(rule.table, rule)?.space ?? matchSpace(rule.decoded);
      this.#spaces[id] = space;
    }
    return space;
  }

  /** False when rule `id` has a match the model cannot reason about. */
  understood(id: number): boolean {
    return (this.#flags[id]! & UNDERSTOOD) !== 0;
  }

  /** True when rule `id` tests the packet mark. */
  testsMark(id: number): boolean {
    return (this.#flags[id]! & TESTS_MARK) !== 0;
  }

  /** The prefix base (int32) of rule `id` in `dimension`: 0 without a match there. */
  base(id: number, dimension: number): number {
    return this.#rows[id * ROW + 2 * dimension]!;
  }

  /** The prefix length of rule `id` in `dimension`: 0 without a match there. */
  length(id: number, dimension: number): number {
    return this.#rows[id * ROW + 2 * dimension + 1]!;
  }

  /** True when rule `id`'s match in `dimension` is negated. */
  negated(id: number, dimension: number): boolean {
    return (this.#flags[id]! & NEGATED[dimension]!) !== 0;
  }

  /** A number for rule `id`'s protocol, the same for equal protocols of this dump: 0 without a protocol match. */
  protocol(id: number): number {
    return this.#rows[id * ROW + PROTOCOL]!;
  }

  /** True when rule `id`'s protocol match is negated. */
  protocolNegated(id: number): boolean {
    return (this.#flags[id]! & PROTOCOL_NEGATED) !== 0;
  }

  /** Rule `id`'s single destination port, or `NO_PORT`, or `PORT_SET` for ranges and lists. */
  port(id: number): number {
    return this.#rows[id * ROW + PORT]!;
  }

  #encode(id: number, space: MatchSpace): void {
    const rows = this.#rows;
    const at = id * ROW;
    let flags = space.understood ? UNDERSTOOD : 0;
    flags |= this.#encodeAddress(at, SOURCE, space.source);
    flags |= this.#encodeAddress(at, DESTINATION, space.destination);
    flags |= this.#encodeAddress(at, ORIGINAL_DESTINATION, space.origDestination);
    const protocol = space.protocol;
    if (protocol !== null) {
      rows[at + PROTOCOL] = this.#protocolCode(protocol.value);
      if (protocol.negated) flags |= PROTOCOL_NEGATED;
    }
    const ports = space.destinationPorts;
    rows[at + PORT] = ports === null ? NO_PORT : (singlePort(ports) ?? PORT_SET);
    if (space.mark !== null) flags |= TESTS_MARK;
    this.#flags[id] = flags;
  }

  // The row of a rule that QuickFacts just read: addresses as it keeps them, nothing negated.
  #encodeQuick(id: number): void {
    const quick = this.#quick;
    const at = id * ROW;
    for (let i = 0; i < 6; i++) this.#rows[at + i] = quick.addresses[i]!;
    this.#rows[at + PROTOCOL] = quick.protocol === null ? 0 : this.#protocolCode(quick.protocol.value);
    this.#rows[at + PORT] = quick.port === -1 ? NO_PORT : quick.port;
    this.#flags[id] = UNDERSTOOD | (quick.mark === null ? 0 : TESTS_MARK);
  }

  // Keyed by protocol number where there is one, so `-p tcp` and `-p 6` land in one cover bucket.
  #protocolCode(name: string): number {
    const key = String(protocolNumber(name) ?? name);
    let code = this.#protocols.get(key);
    if (code === undefined) this.#protocols.set(key, (code = this.#protocols.size));
    return code;
  }

  // Writes one address dimension of a row; returns its negation flag.
  #encodeAddress(at: number, dimension: number, address: AddressSet | null): number {
    if (address === null) return 0;
    this.#rows[at + 2 * dimension] = address.base | 0;
    this.#rows[at + 2 * dimension + 1] = address.length;
    return address.negated ? NEGATED[dimension]! : 0;
  }
}
