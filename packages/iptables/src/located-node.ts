import type { Input } from './input.js';
import type { Span } from './types.js';

/**
 * Base of the decoded nodes: keeps two offsets and builds the `Span` only when read, because a dump has
 * hundreds of thousands of options, modules and targets and few callers look at their positions.
 */
export abstract class LocatedNode {
  readonly #input: Input;
  /** Offset of the node's first character. */
  startOffset: number;
  /** Offset just past the node's last character. */
  endOffset: number;

  constructor(input: Input, start: number, end: number) {
    this.#input = input;
    this.startOffset = start;
    this.endOffset = end;
  }

  /** Where the node stands in the input. */
  get span(): Span {
    return this.#input.span(this.startOffset, this.endOffset);
  }
}
