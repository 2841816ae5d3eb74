import type { Rule } from '@natscope/iptables';
import { type Cidr, formatCidrWithPrefix, ipToIntAt, parseCidrAt } from './ipv4.js';
import { type AddressSet, type MatchSpace, openSpace, sharedInterface, sharedMark, sharedStates } from './match-space.js';
import { singlePortSet } from './port-set.js';
import type { RuleFacts } from './rule-facts.js';
import type { RuleTarget } from './target-effect.js';

const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const DASH = 0x2d;
const BANG = 0x21;
const COLON = 0x3a;
const DEL = 0x7f;

// Shared by every rule that has them: facts are read-only.
const DNAT: RuleTarget = { kind: 'jump', name: 'DNAT' };
const SNAT: RuleTarget = { kind: 'jump', name: 'SNAT' };
const TCP = { value: 'tcp', negated: false };
const UDP = { value: 'udp', negated: false };

function host(cidr: Cidr): AddressSet {
  return { base: cidr.base, length: cidr.length, negated: false };
}

/** The last word read and what was made of it: a chain repeats `-o net1` or `--mark 0x1/0x1` on every rule. */
interface Memo<T> {
  word: string;
  value: T;
}

/**
 * The fast path of the analysis: reads the facts of a rule straight from its text when the text is exactly one
 * of the forms Kube-OVN's nat-gateway.sh writes and iptables-save prints (reference §1.7–§1.9, §1.13):
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
 * and on generated dumps. One instance reads a whole dump; it keeps no text between dumps beyond two short words.
 */
export class QuickFacts {
  #text = '';
  #at = 0;
  // The last word read by #word(): text[#start, #end).
  #start = 0;
  #end = 0;
  #interface: Memo<MatchSpace['outInterface']> | null = null;
  #mark: Memo<MatchSpace['mark']> | null = null;

  /** The facts of `rule` (in `table`) when its text has one of the forms above, else null. */
  read(table: string, rule: Rule): RuleFacts | null {
    if (table !== 'nat') return null;
    const chain = rule.chain;
    const text = rule.text;
    if (!text.startsWith('-A ') || !text.startsWith(chain, 3)) return null;
    this.#text = text;
    this.#at = 3 + chain.length;
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

  // A floating IP's half: EXCLUSIVE_DNAT `-d EIP/32 … --to-destination IP` or EXCLUSIVE_SNAT `-s IP/32 … --to-source EIP`.
  #fip(inbound: boolean): RuleFacts | null {
    if (!this.#literal(inbound ? ' -d ' : ' -s ')) return null;
    const matched = this.#hostWord();
    if (!matched) return null;
    const address = this.#hostText();
    const target = inbound ? ' -j DNAT --to-destination ' : ' -j SNAT --to-source ';
    if (!this.#literal(target) || !this.#word() || !this.#isAddress() || !this.#atEnd()) return null;
    const translated = this.#wordText();
    const space = openSpace();
    if (inbound) {
      space.destination = host(matched);
      return { shape: { kind: 'fip-dnat', eip: address, internalIp: translated }, space, target: DNAT };
    }
    space.source = host(matched);
    return { shape: { kind: 'fip-snat', eip: translated, internalIp: address }, space, target: SNAT };
  }

  #dnat(): RuleFacts | null {
    if (!this.#literal(' -d ')) return null;
    const destination = this.#hostWord();
    if (!destination) return null;
    const eip = this.#hostText();
    const protocol = this.#literal(' -p tcp -m tcp --dport ') ? TCP : this.#literal(' -p udp -m udp --dport ') ? UDP : null;
    if (!protocol || !this.#word()) return null;
    const externalPort = this.#port(this.#start, this.#end);
    if (externalPort === null || !this.#literal(' -j DNAT --to-destination ') || !this.#word() || !this.#atEnd()) return null;
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
    const space = openSpace();
    space.destination = host(destination);
    space.protocol = protocol;
    space.destinationPorts = singlePortSet(externalPort);
    const internalIp = text.slice(this.#start, colon);
    return { shape: { kind: 'dnat', eip, protocol: protocol.value, externalPort, internalIp, internalPort }, space, target: DNAT };
  }

  #snat(): RuleFacts | null {
    if (!this.#literal(' -s ') || !this.#word()) return null;
    const source = parseCidrAt(this.#text, this.#start, this.#end);
    if (!source) return null;
    let outInterface: string | null = null;
    const space = openSpace();
    space.source = host(source);
    if (this.#literal(' -o ')) {
      if (!this.#word()) return null;
      this.#interface = this.#remember(this.#interface, sharedInterface);
      space.outInterface = this.#interface.value;
      outInterface = this.#interface.word;
    }
    if (!this.#literal(' -j SNAT --to-source ') || !this.#word() || !this.#isAddress()) return null;
    const eip = this.#wordText();
    const randomFully = this.#literal(' --random-fully');
    if (!this.#atEnd()) return null;
    return { shape: { kind: 'snat', eip, internalCidr: formatCidrWithPrefix(source), randomFully, outInterface }, space, target: SNAT };
  }

  #hairpin(): RuleFacts | null {
    const space = openSpace();
    if (this.#literal(' -o ')) {
      if (!this.#word()) return null;
      this.#interface = this.#remember(this.#interface, sharedInterface);
      space.outInterface = this.#interface.value;
    }
    if (this.#literal(' -m mark --mark ')) {
      if (!this.#word()) return null;
      this.#mark = this.#remember(this.#mark, sharedMark);
      space.mark = this.#mark.value;
      if (space.mark === null) return null;
    }
    if (!this.#literal(' -m conntrack --ctstate DNAT --ctorigdst ')) return null;
    const original = this.#hostWord();
    if (!original) return null;
    const eip = this.#hostText();
    if (!this.#literal(' -j SNAT --to-source ') || !this.#word() || !this.#isAddress()) return null;
    this.#literal(' --random-fully');
    if (!this.#atEnd()) return null;
    space.origDestination = host(original);
    space.ctstate = sharedStates('DNAT', false);
    return { shape: { kind: 'hairpin', eip }, space, target: SNAT };
  }

  // Consumes `expected` when the text continues with it.
  #literal(expected: string): boolean {
    if (!this.#text.startsWith(expected, this.#at)) return false;
    this.#at += expected.length;
    return true;
  }

  // Reads a plain word up to the next space: not empty, no flag, no '!', nothing quoted, escaped or odd.
  #word(): boolean {
    const text = this.#text;
    const start = this.#at;
    let i = start;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE) break;
      if (c < SPACE || c === QUOTE || c === BACKSLASH || c === DEL) return false;
    }
    const first = text.charCodeAt(start);
    if (i === start || first === DASH || first === BANG) return false;
    this.#start = start;
    this.#end = i;
    this.#at = i;
    return true;
  }

  #atEnd(): boolean {
    return this.#at === this.#text.length;
  }

  #wordText(): string {
    return this.#text.slice(this.#start, this.#end);
  }

  #isAddress(): boolean {
    return ipToIntAt(this.#text, this.#start, this.#end) !== null;
  }

  // A word that is a single address (`a.b.c.d/32` or `a.b.c.d`).
  #hostWord(): Cidr | null {
    if (!this.#word()) return null;
    const cidr = parseCidrAt(this.#text, this.#start, this.#end);
    return cidr && cidr.length === 32 ? cidr : null;
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
