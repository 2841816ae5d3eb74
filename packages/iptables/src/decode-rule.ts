import type { Input } from './input.js';
import { MODULE_OPTIONS, TARGET_OPTIONS, type OptionArity } from './known-options.js';
import { OptionNode } from './option-node.js';
import { SourceSpan } from './source-span.js';
import { StringCache } from './string-cache.js';
import type { DecodedRule, ModuleMatch, RuleOption, Span, Target } from './types.js';
import { WORD_QUOTED, WordScanner, wordValue } from './word-scanner.js';

type GenericKind = 'source' | 'destination' | 'protocol' | 'in-interface' | 'out-interface' | 'fragment' | 'jump' | 'goto' | 'match' | 'set-counters';

// The flags iptables itself parses (not a module or target), long and short forms, with their argument count.
const GENERIC: ReadonlyMap<string, { kind: GenericKind; arity: number }> = new Map(Object.entries({
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
} satisfies Record<string, { kind: GenericKind; arity: number }>));

// Generic flags that take a leading '!' (iptables rejects it on the others).
const NEGATABLE: ReadonlySet<GenericKind> = new Set(['source', 'destination', 'protocol', 'in-interface', 'out-interface', 'fragment']);

const scanner = new WordScanner();

// Flags, option names and short values repeat across thousands of rules: share one string per spelling.
const strings = new StringCache();
const SHARED_MAX_LENGTH = 16;
// Reused while collecting an option's arguments; the option gets an exact-size copy.
const argsScratch: string[] = [];

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

type Owner = { kind: 'module'; node: ModuleMatch } | { kind: 'target'; node: Target };

/**
 * Decodes one rule, `-A CHAIN …` at `input.text[start, end)`, into generic matches, module matches and a
 * target. Total: it never throws on text the parser accepted; words it cannot place end up in `unknown`.
 *
 * Handles both negation forms (`! -s x` and the pre-1.4.3 `-s ! x`), long and short generic flags, and
 * protocol options without `-m` (`-p tcp --dport 22` becomes an implicit `tcp` module).
 * Works on word offsets, not `Token` objects, so decoding a whole dump stays cheap.
 */
export function decodeRule(input: Input, start: number, end: number): DecodedRule {
  const count = scanner.scan(input, start, end);
  return new Decoder(input, count).run();
}

class Decoder {
  readonly decoded: DecodedRule = {
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
  owner: Owner | null = null;

  constructor(
    readonly input: Input,
    readonly count: number,
  ) {}

  run(): DecodedRule {
    const { decoded, count } = this;
    // Skip '-A CHAIN'.
    let i = Math.min(2, count);
    while (i < count) {
      const bang = this.isBang(i) && i + 1 < count && this.isFlag(i + 1) ? i : -1;
      const flagAt = bang === -1 ? i : i + 1;
      if (!this.isFlag(flagAt)) {
        // A word with no flag before it (or a lone '!'): keep it, unplaced.
        const args = [this.value(flagAt)];
        decoded.unknown.push(this.option(flagAt, flagAt, '', '', false, args));
        i = flagAt + 1;
        continue;
      }
      const flag = this.shared(flagAt, 0);
      const generic = GENERIC.get(flag);
      const name = generic ? generic.kind : this.shared(flagAt, flag.charCodeAt(1) === 0x2d ? 2 : 1);
      const arity = generic ? generic.arity : this.arityOf(name);
      const read = this.readOption(bang, flagAt, name, arity);
      const option = read.option;
      i = read.next;
      if (generic) this.applyGeneric(generic.kind, arity, option, bang, read.oldStyleNegation);
      else this.placeOption(option);
    }
    return finish(decoded, this.input);
  }

  applyGeneric(kind: GenericKind, arity: number, option: OptionNode, bang: number, oldStyleNegation: boolean): void {
    const { decoded } = this;
    if (bang !== -1 && !NEGATABLE.has(kind)) {
      // iptables refuses '!' here; keep the word rather than invent a meaning for it.
      decoded.unknown.push(this.option(bang, bang, '!', '!', false, []));
      option.negated = oldStyleNegation;
    }
    if (option.args.length < arity) {
      decoded.unknown.push(option);
      return;
    }
    const value = option.args[0] ?? '';
    const negated = option.negated;
    switch (kind) {
      case 'source':
      case 'destination':
        if (decoded[kind]) decoded.unknown.push(option);
        else decoded[kind] = { value, negated };
        return;
      case 'protocol':
        if (decoded.protocol) decoded.unknown.push(option);
        else decoded.protocol = { value: lowerCase(value), negated };
        return;
      case 'in-interface':
        if (decoded.inInterface) decoded.unknown.push(option);
        else decoded.inInterface = { value, negated };
        return;
      case 'out-interface':
        if (decoded.outInterface) decoded.unknown.push(option);
        else decoded.outInterface = { value, negated };
        return;
      case 'fragment':
        if (decoded.fragment) decoded.unknown.push(option);
        else decoded.fragment = { negated };
        return;
      case 'match': {
        const module: ModuleMatch = { module: value, implicit: false, options: [], span: option.span };
        decoded.matches.push(module);
        this.owner = { kind: 'module', node: module };
        return;
      }
      case 'jump':
      case 'goto': {
        if (decoded.target) {
          decoded.unknown.push(option);
          return;
        }
        const target: Target = { kind, name: value, options: [], span: option.span };
        decoded.target = target;
        this.owner = { kind: 'target', node: target };
        return;
      }
      case 'set-counters':
        // The old in-rule counters: the parser already reports them as the rule's counters.
        return;
    }
  }

  readOption(bang: number, flagAt: number, name: string, arity: number): { option: OptionNode; next: number; oldStyleNegation: boolean } {
    const { count } = this;
    let i = flagAt + 1;
    let negated = bang !== -1;
    let oldStyleNegation = false;
    // Pre-1.4.3 form: '-s ! 10.0.0.1'. A '!' followed by a flag belongs to that next flag instead.
    if (i < count && this.isBang(i) && !(i + 1 < count && this.isFlag(i + 1))) {
      negated = true;
      oldStyleNegation = true;
      i++;
    }
    const args = argsScratch;
    args.length = 0;
    if (arity >= 0) {
      for (let n = 0; n < arity && i < count; n++, i++) args.push(this.value(i));
    } else {
      // Unknown count: every word up to the next flag (or the '!' that negates it).
      while (i < count && !this.isFlag(i) && !(this.isBang(i) && i + 1 < count && this.isFlag(i + 1))) {
        args.push(this.value(i));
        i++;
      }
    }
    const option = this.option(bang === -1 ? flagAt : bang, i - 1, name, this.shared(flagAt, 0), negated, args.slice());
    return { option, next: i, oldStyleNegation };
  }

  knownOptions(): OptionArity | undefined {
    const owner = this.owner;
    if (!owner) return undefined;
    return owner.kind === 'module' ? MODULE_OPTIONS.get(owner.node.module) : TARGET_OPTIONS.get(owner.node.name);
  }

  // Where an option goes when it is not the current module's or target's: a protocol option that the
  // current owner does not have goes to the protocol's module (implicit when there is no '-m').
  protocolHome(name: string): string | null {
    const protocol = this.decoded.protocol;
    if (!protocol || protocol.negated) return null;
    if (MODULE_OPTIONS.get(protocol.value)?.has(name) !== true) return null;
    if (this.owner) {
      const known = this.knownOptions();
      // An owner we know nothing about may well have this option: leave it there.
      if (!known || known.has(name)) return null;
    }
    return protocol.value;
  }

  arityOf(name: string): number {
    const home = this.protocolHome(name);
    const known = home ? MODULE_OPTIONS.get(home) : this.knownOptions();
    return known?.get(name) ?? -1;
  }

  placeOption(option: OptionNode): void {
    const { decoded } = this;
    const home = this.protocolHome(option.name);
    if (home) {
      let module: ModuleMatch | undefined;
      for (let m = decoded.matches.length - 1; m >= 0 && !module; m--) {
        if (decoded.matches[m]?.module === home) module = decoded.matches[m];
      }
      if (!module) {
        module = { module: home, implicit: true, options: [], span: option.span };
        decoded.matches.push(module);
      }
      module.options.push(option);
    } else if (this.owner) this.owner.node.options.push(option);
    else decoded.unknown.push(option);
  }

  isFlag(n: number): boolean {
    if (scanner.flags(n) & WORD_QUOTED) return false;
    const text = this.input.text;
    const s = scanner.start(n);
    const length = scanner.end(n) - s;
    if (text.charCodeAt(s) !== 0x2d || length < 2) return false;
    if (length === 2) return isLetter(text.charCodeAt(s + 1));
    return text.charCodeAt(s + 1) === 0x2d && isLetter(text.charCodeAt(s + 2));
  }

  isBang(n: number): boolean {
    const s = scanner.start(n);
    return scanner.end(n) - s === 1 && this.input.text.charCodeAt(s) === 0x21;
  }

  // Word n from its `skip`-th character, as a shared string.
  shared(n: number, skip: number): string {
    return strings.get(this.input.text, scanner.start(n) + skip, scanner.end(n));
  }

  value(n: number): string {
    const start = scanner.start(n);
    const end = scanner.end(n);
    if (scanner.flags(n) & WORD_QUOTED) return wordValue(this.input.text.slice(start, end));
    return end - start <= SHARED_MAX_LENGTH ? strings.get(this.input.text, start, end) : this.input.text.slice(start, end);
  }

  // An option from word `first` to word `last`.
  option(first: number, last: number, name: string, flag: string, negated: boolean, args: string[]): OptionNode {
    return new OptionNode(this.input, scanner.start(first), scanner.end(last), name, flag, negated, args);
  }
}

// Arrays that grew by push keep spare capacity (17 slots after the first push); a dump holds millions of
// them, so hand out exact-size copies. Module and target spans grow to cover their options here, once.
function finish(decoded: DecodedRule, input: Input): DecodedRule {
  decoded.matches = exact(decoded.matches);
  for (const match of decoded.matches) {
    match.options = exact(match.options);
    match.span = covering(match.span, match.options, input);
  }
  const target = decoded.target;
  if (target) {
    target.options = exact(target.options);
    target.span = covering(target.span, target.options, input);
  }
  decoded.unknown = exact(decoded.unknown);
  return decoded;
}

function covering(span: Span, options: RuleOption[], input: Input): Span {
  if (options.length === 0) return span;
  const start = Math.min(offsetOf(span, 'start'), ...options.map((o) => offsetOf(o, 'start')));
  const end = Math.max(offsetOf(span, 'end'), ...options.map((o) => offsetOf(o, 'end')));
  return input.span(start, end);
}

// Decoder nodes carry offsets: read them without building positions.
function offsetOf(node: Span | RuleOption, side: 'start' | 'end'): number {
  if (node instanceof OptionNode || node instanceof SourceSpan) return side === 'start' ? node.startOffset : node.endOffset;
  return 'span' in node ? node.span[side].offset : node[side].offset;
}

function exact<T>(items: T[]): T[] {
  return items.length === 0 ? [] : items.slice();
}

function lowerCase(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return value.toLowerCase();
  }
  return value;
}
