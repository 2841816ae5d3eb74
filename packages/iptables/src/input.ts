import { IptablesSyntaxError } from './iptables-syntax-error.js';
import { SourceSpan } from './source-span.js';
import type { Position, Span } from './types.js';

/**
 * The text being parsed plus its line index: the one place that turns offsets into line/column.
 *
 * Tokens and nodes carry offsets; everything that needs a `Position` asks `Input` for it, and every
 * error is raised through `input.error(reason, offset)`, so no parser code counts lines or columns itself.
 */
export class Input {
  /** Name used in messages, e.g. 'gw.txt' or '<stdin>'. */
  readonly file: string;
  /** The whole input, unchanged. */
  readonly text: string;
  /** Offset where each physical line starts; line N (1-based) starts at `lineStarts[N - 1]`. */
  readonly lineStarts: Int32Array;
  // Most lookups are for the line the caller is working on: remember it and skip the binary search.
  #lastLine = 0;

  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
    this.lineStarts = indexLines(text);
  }

  /** Number of physical lines (a final newline does not open another line; empty text has none). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of `offset` (clamped to the text). */
  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const index = this.lineIndexOf(at);
    return { offset: at, line: index + 1, column: at - (this.lineStarts[index] ?? 0) + 1 };
  }

  /** The span `[start, end)`; its positions are worked out when read. */
  span(start: number, end: number): Span {
    return new SourceSpan(this, start, end);
  }

  /** An `IptablesSyntaxError` for `reason` at `offset`, ready to throw. */
  error(reason: string, offset: number): IptablesSyntaxError {
    const { line, column } = this.position(offset);
    return new IptablesSyntaxError({ reason, file: this.file, line, column, source: this.text });
  }

  /** The error for a control character at `offset`: iptables-save prints text, so this is binary data or a damaged paste. */
  controlCharacterError(offset: number): IptablesSyntaxError {
    const c = this.text.charCodeAt(offset);
    const reason =
      c === 0x0d
        ? 'stray carriage return: only LF or CRLF line endings are allowed'
        : `binary data: control character U+${c.toString(16).toUpperCase().padStart(4, '0')} cannot appear in iptables-save output`;
    return this.error(reason, offset);
  }

  private lineIndexOf(offset: number): number {
    const starts = this.lineStarts;
    const last = this.#lastLine;
    const next = starts[last + 1];
    if ((starts[last] ?? 0) <= offset && (next === undefined || offset < next)) return last;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.#lastLine = Math.max(lo, 0);
    return this.#lastLine;
  }
}

function indexLines(text: string): Int32Array {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  // A line after the last newline exists only if it has characters.
  const tail = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  const starts = new Int32Array(count + tail);
  let line = 0;
  let start = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    starts[line++] = start;
    start = at + 1;
  }
  if (tail) starts[line] = start;
  return starts;
}
