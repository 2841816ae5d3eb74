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
  /** Offsets of the line (without its line ending). */
  start: number;
  end: number;
  /** Offsets of the words (`-A CHAIN …`), after any `[p:b]` prefix. */
  wordsStart: number;
  wordsEnd: number;
}

/**
 * A parsed `-A` rule. `tokens` and `decoded` are computed on first use and then kept: a 100,000-rule dump
 * parses without building a million token objects that a caller may never read. `raw` and `span` are made from
 * the line's offsets whenever they are read, which keeps two objects per rule out of the tree.
 */
export class RuleNode implements Rule {
  readonly table: string;
  readonly chain: string;
  readonly index: number;
  readonly line: number;
  readonly counters: Counters | null;
  readonly #input: Input;
  readonly #start: number;
  readonly #end: number;
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
    this.#input = init.input;
    this.#start = init.start;
    this.#end = init.end;
    this.#wordsStart = init.wordsStart;
    this.#wordsEnd = init.wordsEnd;
  }

  /** The whole line as written, counters included, without its line ending. */
  get raw(): string {
    return this.#input.text.slice(this.#start, this.#end);
  }

  /** Where the line stands in the input. */
  get span(): Span {
    return this.#input.span(this.#start, this.#end);
  }

  /** The rule without counters, `-A CHAIN …`, exactly as written (up to its last word). */
  get text(): string {
    this.#text ??= this.#input.text.slice(this.#wordsStart, this.#wordsEnd);
    return this.#text;
  }

  /** Offset of `text` in the input. */
  get textStart(): number {
    return this.#wordsStart;
  }

  /** Offset just past `text` in the input. */
  get textEnd(): number {
    return this.#wordsEnd;
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

  /** The decoded view if it is kept, else a fresh one that is not kept (for a caller that reads it once). */
  decodedUnkept(): DecodedRule {
    return this.#decoded ?? decodeRule(this.#input, this.#wordsStart, this.#wordsEnd);
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
      textStart: this.textStart,
      textEnd: this.textEnd,
      raw: this.raw,
      span: this.span,
    };
  }
}
