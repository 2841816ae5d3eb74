import type { Input } from './input.js';
import type { ModuleMatch, RuleOption, Span } from './types.js';

/** A decoded `-m module` match; its span is built only when read and grows as options join it. */
export class ModuleNode implements ModuleMatch {
  readonly module: string;
  readonly implicit: boolean;
  options: RuleOption[] = [];
  readonly #input: Input;
  /** Offset where the match starts (its `-m`, or its first option when implicit). */
  startOffset: number;
  /** Offset just past its last option. */
  endOffset: number;

  constructor(input: Input, start: number, end: number, module: string, implicit: boolean) {
    this.#input = input;
    this.startOffset = start;
    this.endOffset = end;
    this.module = module;
    this.implicit = implicit;
  }

  /** From `-m` (or the first option of an implicit match) to the end of its last option. */
  get span(): Span {
    return this.#input.span(this.startOffset, this.endOffset);
  }

  /** A plain object with the span filled in. */
  toJSON(): ModuleMatch {
    return { module: this.module, implicit: this.implicit, options: this.options, span: this.span };
  }
}
