import { decodeRule } from './decode-rule.js';
import type { Input } from './input.js';
import { tokenize } from './tokenize.js';
import type { Counters, DecodedRule, Rule, Span, Token } from './types.js';

/** Where a rule stands and what the parser already read from it. */
export interface RuleNodeInit {
  input: Input;
  table: string;
  chain: string;
  index: number;
  line: number;
  counters: Counters | null;
  raw: string;
  span: Span;
  /** Offsets of the words (`-A CHAIN …`), after any `[p:b]` prefix. */
  wordsStart: number;
  wordsEnd: number;
}

/**
 * A parsed `-A` rule. `tokens` and `decoded` are computed on first use and then kept: a 100,000-rule dump
 * parses without building a million token objects that a caller may never read.
 */
export class RuleNode implements Rule {
  readonly table: string;
  readonly chain: string;
  readonly index: number;
  readonly line: number;
  readonly counters: Counters | null;
  readonly raw: string;
  readonly span: Span;
  readonly #input: Input;
  readonly #wordsStart: number;
  readonly #wordsEnd: number;
  #text: string | undefined;
  #tokens: Token[] | undefined;
  #decoded: DecodedRule | undefined;

  constructor(init: RuleNodeInit) {
    this.table = init.table;
    this.chain = init.chain;
    this.index = init.index;
    this.line = init.line;
    this.counters = init.counters;
    this.raw = init.raw;
    this.span = init.span;
    this.#input = init.input;
    this.#wordsStart = init.wordsStart;
    this.#wordsEnd = init.wordsEnd;
  }

  /** The rule without counters, `-A CHAIN …`, exactly as written (up to its last word). */
  get text(): string {
    this.#text ??= this.#input.text.slice(this.#wordsStart, this.#wordsEnd);
    return this.#text;
  }

  /** Every word after the counters prefix, `-A` and the chain name included. */
  get tokens(): Token[] {
    // The parser already scanned this line, so tokenizing again cannot fail.
    this.#tokens ??= tokenize(this.#input, this.#wordsStart, this.#wordsEnd);
    return this.#tokens;
  }

  /** The rule decoded into matches and target. */
  get decoded(): DecodedRule {
    this.#decoded ??= decodeRule(this.#input, this.#wordsStart, this.#wordsEnd);
    return this.#decoded;
  }

  /** A plain object with the lazy views filled in, so `JSON.stringify(rule)` shows everything. */
  toJSON(): Rule {
    return {
      table: this.table,
      chain: this.chain,
      index: this.index,
      line: this.line,
      counters: this.counters,
      tokens: this.tokens,
      decoded: this.decoded,
      text: this.text,
      raw: this.raw,
      span: this.span,
    };
  }
}
