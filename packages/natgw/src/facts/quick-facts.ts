import type { Rule } from '@natscope/iptables';
import type { InterfaceSet } from '../packet-sets/interface-set.js';
import { type Cidr, formatCidrWithPrefix, ipToIntAt, readCidrAt } from '../packet-sets/ipv4.js';
import {
  type AddressSet,
  DESTINATION,
  type MatchSpace,
  openSpace,
  ORIGINAL_DESTINATION,
  SOURCE,
  sharedInterface,
  sharedMark,
  sharedStates,
} from '../packet-sets/match-space.js';
import { singlePortSet } from '../packet-sets/port-set.js';
import type { RuleFacts } from './rule-facts.js';
import type { RuleShape } from '../kube-ovn/rule-shape.js';
import type { RuleTarget } from '../packet-sets/target-effect.js';

const DASH = 0x2d;
const BANG = 0x21;
const COLON = 0x3a;
const QUOTE = 0x22;
const TAB = 0x09;

// Shared by every rule that has them: facts are read-only.
const DNAT: RuleTarget = { kind: 'jump', name: 'DNAT' };
const SNAT: RuleTarget = { kind: 'jump', name: 'SNAT' };
const TCP = { value: 'tcp', negated: false };
const UDP = { value: 'udp', negated: false };

/** The last word read and what was made of it: a chain repeats `-o net1` or `--mark 0x1/0x1` on every rule. */
interface Memo<T> {
  word: string;
  value: T;
}

/**
 * The fast path of the analysis: reads a rule straight from its text, into its shape and a few numbers and shared
 * values, when the text is exactly one of the forms Kube-OVN's nat-gateway.sh writes and iptables-save prints
 * (reference §1.7–§1.9, §1.13):
 *
 *   EXCLUSIVE_DNAT  -d EIP/32 -j DNAT --to-destination IP
 *   EXCLUSIVE_SNAT  -s IP/32 -j SNAT --to-source EIP
 *   SHARED_DNAT     -d EIP/32 -p tcp|udp -m tcp|udp --dport N -j DNAT --to-destination IP[:PORT]
 *   SHARED_SNAT     -s CIDR [-o IF] -j SNAT --to-source EIP [--random-fully]
 *   HAIRPIN_SNAT    [-o IF] [-m mark --mark M] -m conntrack --ctstate DNAT --ctorigdst EIP -j SNAT --to-source EIP [--random-fully]
 *
 * in the nat table, words separated by single spaces, nothing quoted. Anything else, however slight the
 * difference (another order, a negation, a comment, a tab), gets null, and the caller decodes the rule in full
 * (`decodedFacts`); the facts from both paths are the same, which the tests check rule by rule on every fixture
 * and on generated dumps. Reading a rule makes no object but its shape. One instance reads a whole dump.
 */
export class QuickFacts {
  // The dump's text; a rule is read where it lies in it (a slice would be a view, slower to read).
  readonly #text: string;
  // The end of the rule being read.
  #limit = 0;
  #at = 0;
  // The last word read by #word(): text[#start, #end).
  #start = 0;
  #end = 0;
  readonly #cidr: Cidr = { base: 0, length: 0 };
  #interface: Memo<InterfaceSet> | null = null;
  #mark: Memo<MatchSpace['mark']> | null = null;

  // What the last rule read matches and does (valid after `read` gave a shape). The analysis copies these numbers
  // into its rows; `space()` makes the object only when someone asks for it.
  /** Base (int32) and prefix length of the source, destination and conntrack original destination; 0/0 for none. */
  readonly addresses = new Int32Array(6);
  /** The protocol match (never negated here), or null. */
  protocol: MatchSpace['protocol'] = null;
  /** The single destination port, or -1. */
  port = -1;
  /** The `-o` match, or null. */
  outInterface: InterfaceSet | null = null;
  /** The `--mark` test, or null. */
  mark: MatchSpace['mark'] = null;
  /** The `--ctstate` list, or null. */
  ctstate: MatchSpace['ctstate'] = null;
  /** What the rule does. */
  target: RuleTarget | null = null;

  /** A reader for the rules of the dump whose text this is. */
  constructor(text: string) {
    this.#text = text;
  }

  /** The shape of `rule` (in `table`) when its text has one of the forms above, else null. */
  read(table: string, rule: Rule): RuleShape | null {
    if (table !== 'nat') return null;
    const text = this.#text;
    const chain = rule.chain;
    const start = rule.textStart;
    if (!text.startsWith('-A ', start) || !text.startsWith(chain, start + 3)) return null;
    this.#limit = rule.textEnd;
    this.#at = start + 3 + chain.length;
    const addresses = this.addresses;
    for (let i = 0; i < 6; i++) addresses[i] = 0;
    this.protocol = null;
    this.port = -1;
    this.outInterface = null;
    this.mark = null;
    this.ctstate = null;
    switch (chain) {
      case 'EXCLUSIVE_DNAT':
        return this.#fip(true);
      case 'EXCLUSIVE_SNAT':
        return this.#fip(false);
      case 'SHARED_DNAT':
        return this.#dnat();
      case 'SHARED_SNAT':
        return this.#snat();
      case 'HAIRPIN_SNAT':
        return this.#hairpin();
      default:
        return null;
    }
  }

  /** The match space of the rule last read, as a new object. */
  space(): MatchSpace {
    const space = openSpace();
    space.source = this.#address(0);
    space.destination = this.#address(1);
    space.origDestination = this.#address(2);
    space.protocol = this.protocol;
    space.destinationPorts = this.port === -1 ? null : singlePortSet(this.port);
    space.outInterface = this.outInterface;
    space.mark = this.mark;
    space.ctstate = this.ctstate;
    return space;
  }

  /** The facts of `rule` as objects when it has one of the forms, else null (for tests and the odd comparison). */
  facts(table: string, rule: Rule): RuleFacts | null {
    const shape = this.read(table, rule);
    return shape && { shape, space: this.space(), target: this.target };
  }

  #address(dimension: number): AddressSet | null {
    const length = this.addresses[2 * dimension + 1]!;
    if (length === 0) return null;
    return { base: this.addresses[2 * dimension]! >>> 0, length, negated: false };
  }

  // A word that is a single address (`a.b.c.d/32` or `a.b.c.d`), kept as `dimension`.
  #hostAddress(dimension: number): boolean {
    if (!this.#word() || !readCidrAt(this.#text, this.#start, this.#end, this.#cidr) || this.#cidr.length !== 32)
      return false;
    this.#keep(dimension);
    return true;
  }

  #keep(dimension: number): void {
    this.addresses[2 * dimension] = this.#cidr.base | 0;
    this.addresses[2 * dimension + 1] = this.#cidr.length;
  }

  // A floating IP's half: EXCLUSIVE_DNAT `-d EIP/32 … --to-destination IP` or EXCLUSIVE_SNAT `-s IP/32 … --to-source EIP`.
  #fip(inbound: boolean): RuleShape | null {
    if (!this.#literal(inbound ? ' -d ' : ' -s ') || !this.#hostAddress(inbound ? DESTINATION : SOURCE)) return null;
    const address = this.#hostText();
    const target = inbound ? ' -j DNAT --to-destination ' : ' -j SNAT --to-source ';
    if (!this.#literal(target) || !this.#word() || !this.#isAddress() || !this.#atEnd()) return null;
    const translated = this.#wordText();
    this.target = inbound ? DNAT : SNAT;
    return inbound
      ? { kind: 'fip-dnat', eip: address, internalIp: translated }
      : { kind: 'fip-snat', eip: translated, internalIp: address };
  }

  #dnat(): RuleShape | null {
    if (!this.#literal(' -d ') || !this.#hostAddress(DESTINATION)) return null;
    const eip = this.#hostText();
    const protocol = this.#literal(' -p tcp -m tcp --dport ')
      ? TCP
      : this.#literal(' -p udp -m udp --dport ')
        ? UDP
        : null;
    if (!protocol || !this.#word()) return null;
    const externalPort = this.#port(this.#start, this.#end);
    if (externalPort === null || !this.#literal(' -j DNAT --to-destination ') || !this.#word() || !this.#atEnd())
      return null;
    // IP or IP:PORT; DNAT without a port keeps the destination port.
    const text = this.#text;
    let colon = this.#end;
    for (let i = this.#start; i < this.#end; i++) {
      if (text.charCodeAt(i) === COLON) {
        colon = i;
        break;
      }
    }
    if (ipToIntAt(text, this.#start, colon) === null) return null;
    const internalPort = colon === this.#end ? externalPort : this.#port(colon + 1, this.#end);
    if (internalPort === null) return null;
    this.protocol = protocol;
    this.port = externalPort;
    this.target = DNAT;
    const internalIp = text.slice(this.#start, colon);
    return { kind: 'dnat', eip, protocol: protocol.value, externalPort, internalIp, internalPort };
  }

  #snat(): RuleShape | null {
    if (!this.#literal(' -s ') || !this.#word() || !readCidrAt(this.#text, this.#start, this.#end, this.#cidr))
      return null;
    this.#keep(SOURCE);
    const internalCidr = formatCidrWithPrefix(this.#cidr);
    let outInterface: string | null = null;
    if (this.#literal(' -o ')) {
      if (!this.#word()) return null;
      this.#interface = this.#remember(this.#interface, sharedInterface);
      this.outInterface = this.#interface.value;
      outInterface = this.#interface.word;
    }
    if (!this.#literal(' -j SNAT --to-source ') || !this.#word() || !this.#isAddress()) return null;
    const eip = this.#wordText();
    const randomFully = this.#literal(' --random-fully');
    if (!this.#atEnd()) return null;
    this.target = SNAT;
    return { kind: 'snat', eip, internalCidr, randomFully, outInterface };
  }

  #hairpin(): RuleShape | null {
    if (this.#literal(' -o ')) {
      if (!this.#word()) return null;
      this.#interface = this.#remember(this.#interface, sharedInterface);
      this.outInterface = this.#interface.value;
    }
    if (this.#literal(' -m mark --mark ')) {
      if (!this.#word()) return null;
      this.#mark = this.#remember(this.#mark, sharedMark);
      this.mark = this.#mark.value;
      if (this.mark === null) return null;
    }
    if (!this.#literal(' -m conntrack --ctstate DNAT --ctorigdst ') || !this.#hostAddress(ORIGINAL_DESTINATION))
      return null;
    const eip = this.#hostText();
    if (!this.#literal(' -j SNAT --to-source ') || !this.#word() || !this.#isAddress()) return null;
    this.#literal(' --random-fully');
    if (!this.#atEnd()) return null;
    this.ctstate = sharedStates('DNAT', false);
    this.target = SNAT;
    return { kind: 'hairpin', eip };
  }

  // Consumes `expected` when the text continues with it.
  #literal(expected: string): boolean {
    if (!this.#text.startsWith(expected, this.#at)) return false;
    this.#at += expected.length;
    return true;
  }

  // Reads a word up to the next space: not empty, no flag, no '!', no quote, no tab. (The parser has refused
  // control characters; without quotes and tabs nothing can make a word mean other than its text.)
  #word(): boolean {
    const text = this.#text;
    const start = this.#at;
    let end = text.indexOf(' ', start);
    if (end === -1 || end > this.#limit) end = this.#limit;
    const first = text.charCodeAt(start);
    if (end === start || first === DASH || first === BANG) return false;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE || c === TAB) return false;
    }
    this.#start = start;
    this.#end = end;
    this.#at = end;
    return true;
  }

  #atEnd(): boolean {
    return this.#at === this.#limit;
  }

  #wordText(): string {
    return this.#text.slice(this.#start, this.#end);
  }

  #isAddress(): boolean {
    return ipToIntAt(this.#text, this.#start, this.#end) !== null;
  }

  // The last word without its `/32`: the address form the report uses.
  #hostText(): string {
    const end = this.#end - 3 > this.#start && this.#text.startsWith('/32', this.#end - 3) ? this.#end - 3 : this.#end;
    return this.#text.slice(this.#start, end);
  }

  // 1 to 5 digits, at most 65535.
  #port(start: number, end: number): number | null {
    if (end <= start || end - start > 5) return null;
    let n = 0;
    for (let i = start; i < end; i++) {
      const c = this.#text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return null;
      n = n * 10 + (c - 0x30);
    }
    return n <= 65535 ? n : null;
  }

  // `make(word)` for the last word read, made once for a run of rules that spell it the same.
  #remember<T>(memo: Memo<T> | null, make: (word: string, negated: boolean) => T): Memo<T> {
    if (memo && this.#sameWord(memo.word)) return memo;
    const word = this.#wordText();
    return { word, value: make(word, false) };
  }

  #sameWord(word: string): boolean {
    return word.length === this.#end - this.#start && this.#text.startsWith(word, this.#start);
  }
}
