import type { Input } from './input.js';
import type { RuleOption, Span, Target } from './types.js';

/** A decoded `-j TARGET …` or `-g CHAIN`; its span is built only when read and grows as options join it. */
export class TargetNode implements Target {
  readonly kind: 'jump' | 'goto';
  readonly name: string;
  options: RuleOption[] = [];
  readonly #input: Input;
  /** Offset of its `-j`/`-g`. */
  startOffset: number;
  /** Offset just past its last option. */
  endOffset: number;

  constructor(input: Input, start: number, end: number, kind: 'jump' | 'goto', name: string) {
    this.#input = input;
    this.startOffset = start;
    this.endOffset = end;
    this.kind = kind;
    this.name = name;
  }

  /** From `-j`/`-g` to the end of its last option. */
  get span(): Span {
    return this.#input.span(this.startOffset, this.endOffset);
  }

  /** A plain object with the span filled in. */
  toJSON(): Target {
    return { kind: this.kind, name: this.name, options: this.options, span: this.span };
  }
}
