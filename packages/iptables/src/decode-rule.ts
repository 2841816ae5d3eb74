import type { Input } from './input.js';
import { MODULE_OPTIONS, TARGET_OPTIONS, type OptionArity } from './known-options.js';
import { ModuleNode } from './module-node.js';
import { OptionNode } from './option-node.js';
import { StringCache } from './string-cache.js';
import { TargetNode } from './target-node.js';
import type { DecodedRule, ModuleMatch } from './types.js';
import { WORD_QUOTED, WordScanner, wordValue } from './word-scanner.js';

type GenericKind =
  | 'source'
  | 'destination'
  | 'protocol'
  | 'in-interface'
  | 'out-interface'
  | 'fragment'
  | 'jump'
  | 'goto'
  | 'match'
  | 'set-counters';

// The flags iptables itself parses (not a module or target), long and short forms, with their argument count.
const GENERIC: ReadonlyMap<string, { kind: GenericKind; arity: number }> = new Map(
  Object.entries({
    '-s': { kind: 'source', arity: 1 },
    '--source': { kind: 'source', arity: 1 },
    '--src': { kind: 'source', arity: 1 },
    '-d': { kind: 'destination', arity: 1 },
    '--destination': { kind: 'destination', arity: 1 },
    '--dst': { kind: 'destination', arity: 1 },
    '-p': { kind: 'protocol', arity: 1 },
    '--protocol': { kind: 'protocol', arity: 1 },
    '-i': { kind: 'in-interface', arity: 1 },
    '--in-interface': { kind: 'in-interface', arity: 1 },
    '-o': { kind: 'out-interface', arity: 1 },
    '--out-interface': { kind: 'out-interface', arity: 1 },
    '-f': { kind: 'fragment', arity: 0 },
    '--fragment': { kind: 'fragment', arity: 0 },
    '-j': { kind: 'jump', arity: 1 },
    '--jump': { kind: 'jump', arity: 1 },
    '-g': { kind: 'goto', arity: 1 },
    '--goto': { kind: 'goto', arity: 1 },
    '-m': { kind: 'match', arity: 1 },
    '--match': { kind: 'match', arity: 1 },
    '-c': { kind: 'set-counters', arity: 2 },
    '--set-counters': { kind: 'set-counters', arity: 2 },
  } satisfies Record<string, { kind: GenericKind; arity: number }>),
);

// Generic flags that take a leading '!' (iptables rejects it on the others).
const NEGATABLE: ReadonlySet<GenericKind> = new Set([
  'source',
  'destination',
  'protocol',
  'in-interface',
  'out-interface',
  'fragment',
]);

// Flags, option names and short values repeat across thousands of rules: share one string per spelling. Values
// of 13 characters or more are mostly addresses that differ on every rule: sharing them would only evict useful
// entries and make the cache copy each one (it keeps copies, never views of a dump), so they are sliced directly.
const strings = new StringCache();
const SHARED_MAX_LENGTH = 12;

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * Decodes one rule, `-A CHAIN …` at `input.text[start, end)`, into generic matches, module matches and a
 * target. Total: it never throws on text the parser accepted; words it cannot place end up in `unknown`.
 *
 * Handles both negation forms (`! -s x` and the pre-1.4.3 `-s ! x`), long and short generic flags, and
 * protocol options without `-m` (`-p tcp --dport 22` becomes an implicit `tcp` module).
 */
export function decodeRule(input: Input, start: number, end: number): DecodedRule {
  return decoder.decode(input, start, end, true);
}

/**
 * The decoder's fast path alone: the decoded rule when it is of the simple form the fast path reads (see
 * `Decoder.#simple`), else null. For tests, which check that it agrees with `decodeRuleInFull`.
 */
export function decodeSimpleRule(input: Input, start: number, end: number): DecodedRule | null {
  return decoder.simple(input, start, end);
}

/** The general decoder alone, without the fast path (for tests). */
export function decodeRuleInFull(input: Input, start: number, end: number): DecodedRule {
  return decoder.decode(input, start, end, false);
}

/**
 * Reads word offsets from a `WordScanner` rather than `Token` objects, and allocates only what the result
 * keeps: decoding a whole 100,000-rule dump is mostly the cost of its result. One instance, reused.
 */
class Decoder {
  readonly #scanner = new WordScanner();
  #input: Input | null = null;
  #text = '';
  #count = 0;
  #decoded: DecodedRule | null = null;
  #owner: ModuleNode | TargetNode | null = null;
  // The option being read: filled by #read, so reading allocates nothing for the generic flags. Its
  // arguments are words #argsFrom … #argsFrom + #argCount - 1.
  #argsFrom = 0;
  #argCount = 0;
  #negated = false;
  #oldStyleNegation = false;
  #optionStart = 0;
  #optionEnd = 0;

  decode(input: Input, start: number, end: number, shortcut: boolean): DecodedRule {
    const count = this.#begin(input, start, end);
    const simple = shortcut ? this.#simple() : null;
    if (simple) {
      this.#release();
      return simple;
    }
    const decoded: DecodedRule = {
      source: null,
      destination: null,
      protocol: null,
      inInterface: null,
      outInterface: null,
      fragment: null,
      matches: [],
      target: null,
      unknown: [],
    };
    this.#decoded = decoded;
    // Skip '-A CHAIN'.
    let i = Math.min(2, count);
    while (i < count) {
      const bang = this.#isBang(i) && i + 1 < count && this.#isFlag(i + 1) ? i : -1;
      const flagAt = bang === -1 ? i : i + 1;
      if (!this.#isFlag(flagAt)) {
        // A word with no flag before it (or a lone '!'): keep it, unplaced.
        decoded.unknown.push(
          this.#optionNode(this.#start(flagAt), this.#end(flagAt), '', '', false, [this.#value(flagAt)]),
        );
        i = flagAt + 1;
        continue;
      }
      const flag = this.#shared(flagAt, 0);
      const generic = GENERIC.get(flag);
      if (generic) {
        i = this.#read(bang, flagAt, generic.arity);
        this.#applyGeneric(generic.kind, generic.arity, flag, bang);
      } else {
        const name = this.#shared(flagAt, flag.charCodeAt(1) === 0x2d ? 2 : 1);
        i = this.#read(bang, flagAt, this.#arityOf(name));
        this.#place(this.#optionNode(this.#optionStart, this.#optionEnd, name, flag, this.#negated, this.#argsArray()));
      }
    }
    this.#release();
    return exactSize(decoded);
  }

  simple(input: Input, start: number, end: number): DecodedRule | null {
    this.#begin(input, start, end);
    const simple = this.#simple();
    this.#release();
    return simple;
  }

  #begin(input: Input, start: number, end: number): number {
    const count = this.#scanner.scan(input, start, end);
    this.#input = input;
    this.#text = input.text;
    this.#count = count;
    this.#owner = null;
    return count;
  }

  // Lets go of the input: this decoder lives on after the dump is dropped.
  #release(): void {
    this.#decoded = null;
    this.#input = null;
    this.#text = '';
  }

  /**
   * The fast path: a rule of plain words (none quoted, no '!') in the order iptables-save prints them — generic
   * matches `-s -d -p -i -o`, each at most once; then `-m MODULE` with options that module is known to take one
   * value; then `-j TARGET` with options that target is known to take (with one value or none) — is built
   * directly, without the general path's reading of each word, placing of options and sizing of arrays. That is
   * every rule Kube-OVN writes and most others. It builds the same nodes, with the same positions and strings, as
   * the general path would; anything else gets null and takes the general path.
   */
  #simple(): DecodedRule | null {
    const count = this.#count;
    const input = this.#input as Input;
    let source: DecodedRule['source'] = null;
    let destination: DecodedRule['destination'] = null;
    let protocol: DecodedRule['protocol'] = null;
    let inInterface: DecodedRule['inInterface'] = null;
    let outInterface: DecodedRule['outInterface'] = null;
    let i = 2;
    for (; i + 1 < count; i += 2) {
      const letter = this.#shortFlagLetter(i);
      if (letter !== 0x73 && letter !== 0x64 && letter !== 0x70 && letter !== 0x69 && letter !== 0x6f) break;
      if (!this.#isPlain(i + 1)) return null;
      const match = { value: this.#value(i + 1), negated: false };
      if (letter === 0x73 /* s */ && !source) source = match;
      else if (letter === 0x64 /* d */ && !destination) destination = match;
      else if (letter === 0x70 /* p */ && !protocol) protocol = { value: lowerCase(match.value), negated: false };
      else if (letter === 0x69 /* i */ && !inInterface) inInterface = match;
      else if (letter === 0x6f /* o */ && !outInterface) outInterface = match;
      else return null; // the same match twice
    }
    const matches: ModuleMatch[] = [];
    while (i + 1 < count && this.#shortFlagLetter(i) === 0x6d /* -m */) {
      if (!this.#isPlain(i + 1)) return null;
      const name = this.#value(i + 1);
      const known = MODULE_OPTIONS.get(name);
      if (!known) return null;
      const module = new ModuleNode(input, this.#start(i), this.#end(i + 1), name, false);
      for (i += 2; i + 1 < count && this.#isLongFlag(i); i += 2) {
        const option = this.#shared(i, 2);
        if (known.get(option) !== 1 || !this.#isPlain(i + 1)) return null;
        module.options.push(
          this.#optionNode(this.#start(i), this.#end(i + 1), option, this.#shared(i, 0), false, [this.#value(i + 1)]),
        );
        module.endOffset = this.#end(i + 1);
      }
      matches.push(module);
    }
    let target: TargetNode | null = null;
    if (i + 1 < count && this.#shortFlagLetter(i) === 0x6a /* -j */) {
      if (!this.#isPlain(i + 1)) return null;
      const name = this.#value(i + 1);
      const known = TARGET_OPTIONS.get(name);
      target = new TargetNode(input, this.#start(i), this.#end(i + 1), 'jump', name);
      for (i += 2; i < count;) {
        if (!known || !this.#isLongFlag(i)) return null;
        const option = this.#shared(i, 2);
        const arity = known.get(option);
        if (arity === 0) {
          target.options.push(this.#optionNode(this.#start(i), this.#end(i), option, this.#shared(i, 0), false, []));
          target.endOffset = this.#end(i);
          i += 1;
        } else if (arity === 1 && i + 1 < count && this.#isPlain(i + 1)) {
          target.options.push(
            this.#optionNode(this.#start(i), this.#end(i + 1), option, this.#shared(i, 0), false, [this.#value(i + 1)]),
          );
          target.endOffset = this.#end(i + 1);
          i += 2;
        } else {
          return null;
        }
      }
    }
    if (i !== count) return null;
    return exactSize({
      source,
      destination,
      protocol,
      inInterface,
      outInterface,
      fragment: null,
      matches,
      target,
      unknown: [],
    });
  }

  // The letter of word n when it is a short flag (`-s`), else 0.
  #shortFlagLetter(n: number): number {
    const s = this.#scanner.start(n);
    if (this.#scanner.end(n) - s !== 2 || this.#text.charCodeAt(s) !== 0x2d || this.#scanner.flags(n) & WORD_QUOTED)
      return 0;
    return this.#text.charCodeAt(s + 1);
  }

  // Word n is a long flag (`--dport`).
  #isLongFlag(n: number): boolean {
    return this.#isFlag(n) && this.#text.charCodeAt(this.#scanner.start(n) + 1) === 0x2d;
  }

  // Word n is an argument the fast path takes as it is: not quoted, not a lone '!'.
  #isPlain(n: number): boolean {
    return (this.#scanner.flags(n) & WORD_QUOTED) === 0 && !this.#isBang(n);
  }

  // Reads the option whose flag is word `flagAt` into the #option fields; returns the next word index.
  #read(bang: number, flagAt: number, arity: number): number {
    const count = this.#count;
    let i = flagAt + 1;
    this.#negated = bang !== -1;
    this.#oldStyleNegation = false;
    // Pre-1.4.3 form: '-s ! 10.0.0.1'. A '!' followed by a flag belongs to that next flag instead.
    if (i < count && this.#isBang(i) && !(i + 1 < count && this.#isFlag(i + 1))) {
      this.#negated = true;
      this.#oldStyleNegation = true;
      i++;
    }
    this.#argsFrom = i;
    if (arity >= 0) i = Math.min(i + arity, count);
    else {
      // Unknown count: every word up to the next flag (or the '!' that negates it).
      while (i < count && !this.#isFlag(i) && !(this.#isBang(i) && i + 1 < count && this.#isFlag(i + 1))) i++;
    }
    this.#argCount = i - this.#argsFrom;
    this.#optionStart = this.#start(bang === -1 ? flagAt : bang);
    this.#optionEnd = this.#end(i - 1);
    return i;
  }

  #applyGeneric(kind: GenericKind, arity: number, flag: string, bang: number): void {
    const decoded = this.#decoded as DecodedRule;
    let negated = this.#negated;
    if (bang !== -1 && !NEGATABLE.has(kind)) {
      // iptables refuses '!' here; keep the word rather than invent a meaning for it.
      decoded.unknown.push(this.#optionNode(this.#start(bang), this.#end(bang), '!', '!', false, []));
      negated = this.#oldStyleNegation;
    }
    if (this.#argCount < arity) {
      this.#keep(kind, flag, negated);
      return;
    }
    const value = this.#argCount > 0 ? this.#value(this.#argsFrom) : '';
    // A second -s (or -p, -j, …) is an error to iptables; it is kept, not merged. (A method, not a closure:
    // this runs for every generic flag of every rule.)
    switch (kind) {
      case 'source':
      case 'destination':
        if (decoded[kind]) this.#keep(kind, flag, negated);
        else decoded[kind] = { value, negated };
        return;
      case 'protocol':
        if (decoded.protocol) this.#keep(kind, flag, negated);
        else decoded.protocol = { value: lowerCase(value), negated };
        return;
      case 'in-interface':
        if (decoded.inInterface) this.#keep(kind, flag, negated);
        else decoded.inInterface = { value, negated };
        return;
      case 'out-interface':
        if (decoded.outInterface) this.#keep(kind, flag, negated);
        else decoded.outInterface = { value, negated };
        return;
      case 'fragment':
        if (decoded.fragment) this.#keep(kind, flag, negated);
        else decoded.fragment = { negated };
        return;
      case 'match': {
        const module = new ModuleNode(this.#input as Input, this.#optionStart, this.#optionEnd, value, false);
        decoded.matches.push(module);
        this.#owner = module;
        return;
      }
      case 'jump':
      case 'goto': {
        if (decoded.target) {
          this.#keep(kind, flag, negated);
          return;
        }
        const target = new TargetNode(this.#input as Input, this.#optionStart, this.#optionEnd, kind, value);
        decoded.target = target;
        this.#owner = target;
        return;
      }
      case 'set-counters':
        // The old in-rule counters: the parser already reports them as the rule's counters.
        return;
    }
  }

  // Keeps the option just read in `unknown`.
  #keep(name: string, flag: string, negated: boolean): void {
    const option = this.#optionNode(this.#optionStart, this.#optionEnd, name, flag, negated, this.#argsArray());
    (this.#decoded as DecodedRule).unknown.push(option);
  }

  #knownOptions(): OptionArity | undefined {
    const owner = this.#owner;
    if (!owner) return undefined;
    return owner instanceof ModuleNode ? MODULE_OPTIONS.get(owner.module) : TARGET_OPTIONS.get(owner.name);
  }

  // Where an option goes when it is not the current module's or target's: a protocol option that the
  // current owner does not have goes to the protocol's module (implicit when there is no '-m').
  #protocolHome(name: string): string | null {
    const protocol = (this.#decoded as DecodedRule).protocol;
    if (!protocol || protocol.negated) return null;
    if (MODULE_OPTIONS.get(protocol.value)?.has(name) !== true) return null;
    if (this.#owner) {
      const known = this.#knownOptions();
      // An owner we know nothing about may well have this option: leave it there.
      if (!known || known.has(name)) return null;
    }
    return protocol.value;
  }

  #arityOf(name: string): number {
    const home = this.#protocolHome(name);
    const known = home ? MODULE_OPTIONS.get(home) : this.#knownOptions();
    return known?.get(name) ?? -1;
  }

  #place(option: OptionNode): void {
    const decoded = this.#decoded as DecodedRule;
    const home = this.#protocolHome(option.name);
    let owner: ModuleNode | TargetNode | null = this.#owner;
    if (home) {
      owner = null;
      for (let m = decoded.matches.length - 1; m >= 0 && !owner; m--) {
        const match = decoded.matches[m];
        if (match instanceof ModuleNode && match.module === home) owner = match;
      }
      if (!owner) {
        owner = new ModuleNode(this.#input as Input, option.startOffset, option.endOffset, home, true);
        decoded.matches.push(owner);
      }
    }
    if (!owner) {
      decoded.unknown.push(option);
      return;
    }
    owner.options.push(option);
    if (option.startOffset < owner.startOffset) owner.startOffset = option.startOffset;
    if (option.endOffset > owner.endOffset) owner.endOffset = option.endOffset;
  }

  // The arguments of the option just read, in an array of exactly their number.
  #argsArray(): string[] {
    const n = this.#argCount;
    const from = this.#argsFrom;
    if (n === 1) return [this.#value(from)];
    const args = new Array<string>(n);
    for (let k = 0; k < n; k++) args[k] = this.#value(from + k);
    return args;
  }

  #optionNode(start: number, end: number, name: string, flag: string, negated: boolean, args: string[]): OptionNode {
    return new OptionNode(this.#input as Input, start, end, name, flag, negated, args);
  }

  #start(n: number): number {
    return this.#scanner.start(n);
  }

  #end(n: number): number {
    return this.#scanner.end(n);
  }

  #isFlag(n: number): boolean {
    const scanner = this.#scanner;
    if (scanner.flags(n) & WORD_QUOTED) return false;
    const text = this.#text;
    const s = scanner.start(n);
    const length = scanner.end(n) - s;
    if (text.charCodeAt(s) !== 0x2d || length < 2) return false;
    if (length === 2) return isLetter(text.charCodeAt(s + 1));
    return text.charCodeAt(s + 1) === 0x2d && isLetter(text.charCodeAt(s + 2));
  }

  #isBang(n: number): boolean {
    const s = this.#scanner.start(n);
    return this.#scanner.end(n) - s === 1 && this.#text.charCodeAt(s) === 0x21;
  }

  // Word n from its `skip`-th character, as a shared string.
  #shared(n: number, skip: number): string {
    return strings.get(this.#text, this.#scanner.start(n) + skip, this.#scanner.end(n));
  }

  #value(n: number): string {
    const scanner = this.#scanner;
    const start = scanner.start(n);
    const end = scanner.end(n);
    if (scanner.flags(n) & WORD_QUOTED) return wordValue(this.#text.slice(start, end));
    return end - start <= SHARED_MAX_LENGTH ? strings.get(this.#text, start, end) : this.#text.slice(start, end);
  }
}

const decoder = new Decoder();

// Arrays that grew by push keep spare room (17 slots after the first push); a dump holds hundreds of
// thousands of them, so the result gets exact-size copies.
function exactSize(decoded: DecodedRule): DecodedRule {
  if (decoded.matches.length > 0) {
    decoded.matches = decoded.matches.slice();
    for (const match of decoded.matches) match.options = match.options.slice();
  }
  if (decoded.target && decoded.target.options.length > 0) decoded.target.options = decoded.target.options.slice();
  if (decoded.unknown.length > 0) decoded.unknown = decoded.unknown.slice();
  return decoded;
}

function lowerCase(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return value.toLowerCase();
  }
  return value;
}
