import { MODULE_OPTIONS, TARGET_OPTIONS, type OptionArity } from './known-options.js';
import type { DecodedRule, ModuleMatch, RuleOption, Span, Target, Token } from './types.js';

type GenericKind = 'source' | 'destination' | 'protocol' | 'in-interface' | 'out-interface' | 'fragment' | 'jump' | 'goto' | 'match' | 'set-counters';

// The flags iptables itself parses (not a module or target), long and short forms, with their argument count.
const GENERIC: Readonly<Record<string, { kind: GenericKind; arity: number }>> = {
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
};

// Generic flags that take a leading '!' (iptables rejects it on the others).
const NEGATABLE: ReadonlySet<GenericKind> = new Set(['source', 'destination', 'protocol', 'in-interface', 'out-interface', 'fragment']);

/** True for an unquoted word that iptables would read as a flag: `-x` or `--word`. */
export function isFlag(token: Token): boolean {
  if (token.quoted) return false;
  const v = token.value;
  if (v.length === 2) return v.charCodeAt(0) === 0x2d && isLetter(v.charCodeAt(1));
  return v.length > 2 && v.charCodeAt(0) === 0x2d && v.charCodeAt(1) === 0x2d && isLetter(v.charCodeAt(2));
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isBang(token: Token | undefined): boolean {
  return token !== undefined && !token.quoted && token.value === '!';
}

function spanOf(first: Token, last: Token): Span {
  return { start: first.span.start, end: last.span.end };
}

type Owner = { kind: 'module'; node: ModuleMatch } | { kind: 'target'; node: Target };

/**
 * Decodes the tokens of one rule (`-A CHAIN …`, as `tokenize` returns them) into generic matches,
 * module matches and a target. Total: it never throws; words it cannot place end up in `unknown`.
 *
 * Handles both negation forms (`! -s x` and the pre-1.4.3 `-s ! x`), long and short generic flags, and
 * protocol options without `-m` (`-p tcp --dport 22` becomes an implicit `tcp` module).
 */
export function decodeRule(tokens: readonly Token[]): DecodedRule {
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
  let owner: Owner | null = null;
  // Skip '-A CHAIN'.
  let i = tokens[0] !== undefined && tokens[1] !== undefined ? 2 : tokens.length;

  while (i < tokens.length) {
    const first = tokens[i] as Token;
    const bang = isBang(first) && tokens[i + 1] !== undefined && isFlag(tokens[i + 1] as Token) ? first : null;
    const flagAt = bang ? i + 1 : i;
    const flag = tokens[flagAt] as Token;

    if (!isFlag(flag)) {
      // A word with no flag before it (or a lone '!'): keep it, unplaced.
      decoded.unknown.push({ name: '', flag: '', negated: false, args: [flag.value], span: flag.span });
      i = flagAt + 1;
      continue;
    }

    const generic = GENERIC[flag.value];
    const name = generic ? generic.kind : flag.value.replace(/^--?/, '');
    const arity = generic ? generic.arity : arityOf(name, owner, decoded);
    const read = readOption(tokens, bang, flagAt, name, arity);
    const option = read.option;
    i = read.next;

    if (!generic) {
      placeOption(decoded, owner, option);
      continue;
    }
    if (bang && !NEGATABLE.has(generic.kind)) {
      // iptables refuses '!' here; keep the word rather than invent a meaning for it.
      decoded.unknown.push({ name: '!', flag: '!', negated: false, args: [], span: bang.span });
      option.negated = read.oldStyleNegation;
    }
    const value = option.args[0];
    if (arity > 0 && option.args.length < arity) {
      decoded.unknown.push(option);
      continue;
    }
    switch (generic.kind) {
      case 'source':
      case 'destination':
        if (decoded[generic.kind]) decoded.unknown.push(option);
        else decoded[generic.kind] = { value: value ?? '', negated: option.negated };
        break;
      case 'protocol':
        if (decoded.protocol) decoded.unknown.push(option);
        else decoded.protocol = { value: (value ?? '').toLowerCase(), negated: option.negated };
        break;
      case 'in-interface':
        if (decoded.inInterface) decoded.unknown.push(option);
        else decoded.inInterface = { value: value ?? '', negated: option.negated };
        break;
      case 'out-interface':
        if (decoded.outInterface) decoded.unknown.push(option);
        else decoded.outInterface = { value: value ?? '', negated: option.negated };
        break;
      case 'fragment':
        if (decoded.fragment) decoded.unknown.push(option);
        else decoded.fragment = { negated: option.negated };
        break;
      case 'match': {
        const module: ModuleMatch = { module: value ?? '', implicit: false, options: [], span: option.span };
        decoded.matches.push(module);
        owner = { kind: 'module', node: module };
        break;
      }
      case 'jump':
      case 'goto': {
        if (decoded.target) {
          decoded.unknown.push(option);
          break;
        }
        const target: Target = { kind: generic.kind, name: value ?? '', options: [], span: option.span };
        decoded.target = target;
        owner = { kind: 'target', node: target };
        break;
      }
      case 'set-counters':
        // The old in-rule counters: the parser already reports them as the rule's counters.
        break;
    }
  }
  return decoded;
}

function readOption(
  tokens: readonly Token[],
  bang: Token | null,
  flagAt: number,
  name: string,
  arity: number,
): { option: RuleOption; next: number; oldStyleNegation: boolean } {
  const flag = tokens[flagAt] as Token;
  let i = flagAt + 1;
  let negated = bang !== null;
  let oldStyleNegation = false;
  // Pre-1.4.3 form: '-s ! 10.0.0.1'. A '!' followed by a flag belongs to that next flag instead.
  const after = tokens[i + 1];
  if (isBang(tokens[i]) && (after === undefined || !isFlag(after))) {
    negated = true;
    oldStyleNegation = true;
    i++;
  }
  const args: string[] = [];
  let last = tokens[i - 1] as Token;
  if (arity >= 0) {
    for (let n = 0; n < arity && i < tokens.length; n++, i++) {
      last = tokens[i] as Token;
      args.push(last.value);
    }
  } else {
    // Unknown count: every word up to the next flag (or the '!' that negates it).
    while (i < tokens.length) {
      const t = tokens[i] as Token;
      if (isFlag(t)) break;
      const next = tokens[i + 1];
      if (isBang(t) && next !== undefined && isFlag(next)) break;
      args.push(t.value);
      last = t;
      i++;
    }
  }
  const option: RuleOption = { name, flag: flag.value, negated, args, span: spanOf(bang ?? flag, last) };
  return { option, next: i, oldStyleNegation };
}

function knownOptions(owner: Owner | null): OptionArity | undefined {
  if (!owner) return undefined;
  return owner.kind === 'module' ? MODULE_OPTIONS[owner.node.module] : TARGET_OPTIONS[owner.node.name];
}

// Where an option of unknown owner goes: the current module/target unless it is a protocol option
// that the current owner does not have (then the protocol's module, implicit if there is no '-m').
function protocolHome(name: string, owner: Owner | null, decoded: DecodedRule): string | null {
  const protocol = decoded.protocol;
  if (!protocol || protocol.negated) return null;
  const protocolOptions = MODULE_OPTIONS[protocol.value];
  if (!protocolOptions || protocolOptions[name] === undefined) return null;
  if (owner) {
    const known = knownOptions(owner);
    // An owner we know nothing about may well have this option: leave it there.
    if (!known || known[name] !== undefined) return null;
  }
  return protocol.value;
}

function arityOf(name: string, owner: Owner | null, decoded: DecodedRule): number {
  const home = protocolHome(name, owner, decoded);
  const known = home ? MODULE_OPTIONS[home] : knownOptions(owner);
  return known?.[name] ?? -1;
}

function placeOption(decoded: DecodedRule, owner: Owner | null, option: RuleOption): void {
  const home = protocolHome(option.name, owner, decoded);
  if (home) {
    let module: ModuleMatch | undefined;
    for (let m = decoded.matches.length - 1; m >= 0; m--) {
      if (decoded.matches[m]?.module === home) {
        module = decoded.matches[m];
        break;
      }
    }
    if (!module) {
      module = { module: home, implicit: true, options: [], span: option.span };
      decoded.matches.push(module);
    }
    addTo(module, option);
    return;
  }
  if (owner) addTo(owner.node, option);
  else decoded.unknown.push(option);
}

function addTo(node: ModuleMatch | Target, option: RuleOption): void {
  node.options.push(option);
  if (option.span.end.offset > node.span.end.offset) node.span = { start: node.span.start, end: option.span.end };
}
