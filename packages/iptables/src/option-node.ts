import type { Input } from './input.js';
import type { RuleOption, Span } from './types.js';

/**
 * A decoded `--option args…` whose span is built only when read: rules have several options each, and
 * a dump has a hundred thousand rules.
 */
export class OptionNode implements RuleOption {
  readonly name: string;
  readonly flag: string;
  negated: boolean;
  readonly args: string[];
  readonly #input: Input;
  /** Offset of the '!' or flag that starts the option. */
  readonly startOffset: number;
  /** Offset just past its last argument. */
  readonly endOffset: number;

  constructor(input: Input, start: number, end: number, name: string, flag: string, negated: boolean, args: string[]) {
    this.#input = input;
    this.startOffset = start;
    this.endOffset = end;
    this.name = name;
    this.flag = flag;
    this.negated = negated;
    this.args = args;
  }

  /** From the '!' (if any) to the last argument. */
  get span(): Span {
    return this.#input.span(this.startOffset, this.endOffset);
  }

  /** A plain object with the span filled in. */
  toJSON(): RuleOption {
    return { name: this.name, flag: this.flag, negated: this.negated, args: this.args, span: this.span };
  }
}
