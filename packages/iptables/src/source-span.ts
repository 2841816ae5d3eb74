import type { Position, PositionSource, Span } from './types.js';

/**
 * A `Span` that stores two offsets and asks its input (`Input`) for line and column only when read.
 *
 * A large dump has millions of spans (every line, token and option); keeping them as two numbers instead
 * of two `Position` objects each is most of what keeps parsing fast and small.
 */
export class SourceSpan implements Span {
  readonly #input: PositionSource;
  readonly #start: number;
  readonly #end: number;

  constructor(input: PositionSource, start: number, end: number) {
    this.#input = input;
    this.#start = start;
    this.#end = end;
  }

  /** Where the node starts (its first character). */
  get start(): Position {
    return this.#input.position(this.#start);
  }

  /** Where the node ends (just past its last character). */
  get end(): Position {
    return this.#input.position(this.#end);
  }

  /** Offset of the first character, without building a `Position`. */
  get startOffset(): number {
    return this.#start;
  }

  /** Offset just past the last character, without building a `Position`. */
  get endOffset(): number {
    return this.#end;
  }

  /** A plain `{start, end}` for JSON, without the input behind it. */
  toJSON(): Span {
    return { start: this.start, end: this.end };
  }
}
