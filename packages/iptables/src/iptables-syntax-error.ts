import { escapeNonUtf8 } from './non-utf8.js';

/** What an `IptablesSyntaxError` is built from. */
export interface IptablesSyntaxErrorInit {
  reason: string;
  file: string;
  line: number;
  column: number;
  /** The whole input, used only to print the code frame. */
  source: string;
}

/**
 * The one error `parse` throws: where (file, 1-based line and column) and why.
 *
 * The message is always `file:line:column: reason`, so a terminal or editor can jump to it;
 * `codeFrame()` shows the offending line with a caret under the column.
 */
export class IptablesSyntaxError extends Error {
  override name = 'IptablesSyntaxError';
  /** Why the input was rejected, without the location. */
  readonly reason: string;
  /** Name of the input, e.g. 'gw.txt' or '<stdin>'. */
  readonly file: string;
  /** 1-based line of the problem. */
  readonly line: number;
  /** 1-based column of the problem (UTF-16 code units). */
  readonly column: number;
  readonly #source: string;

  constructor(init: IptablesSyntaxErrorInit) {
    super(`${init.file}:${init.line}:${init.column}: ${init.reason}`);
    this.reason = init.reason;
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.#source = init.source;
  }

  /** The offending line with a line before and after it, numbered, and a caret under the column. */
  codeFrame(): string {
    const lines = sourceLines(this.#source, this.line);
    const width = String(this.line + lines.after.length).length;
    const out: string[] = [];
    const gutter = (n: number | null, mark: string) => `${mark} ${(n === null ? '' : String(n)).padStart(width)} | `;
    // The caret goes under the column as the line is shown: a byte that is not UTF-8 before it reads `\xe9`, four
    // characters for one column.
    const column = visible(lines.current.slice(0, this.column - 1)).length;
    // Binary junk can be one enormous "line": show a window around the column, the same on every line.
    const from = Math.max(0, column - FRAME_HALF_WIDTH);
    const cut = (text: string) => clip(visible(text), from);
    if (lines.before !== null) out.push(gutter(this.line - 1, ' ') + cut(lines.before));
    out.push(gutter(this.line, '>') + cut(lines.current));
    const caretAt = column - from + (from > 0 ? 1 : 0);
    out.push(gutter(null, ' ') + ' '.repeat(Math.max(0, caretAt)) + '^');
    for (const [i, text] of lines.after.entries()) out.push(gutter(this.line + 1 + i, ' ') + cut(text));
    return out.join('\n');
  }

  /** Same as `codeFrame()`; the name postcss users know. */
  showSourceCode(): string {
    return this.codeFrame();
  }
}

const FRAME_HALF_WIDTH = 120;

// The part of a line shown from character `from`, with an ellipsis where text was left out.
function clip(text: string, from: number): string {
  const end = from + 2 * FRAME_HALF_WIDTH;
  return (from > 0 ? '…' : '') + text.slice(from, end) + (text.length > end ? '…' : '');
}

function sourceLines(source: string, line: number): { before: string | null; current: string; after: string[] } {
  // Walk to the wanted line once; errors are rare, so a linear scan is fine here.
  let start = 0;
  let previousStart = -1;
  for (let n = 1; n < line; n++) {
    const nl = source.indexOf('\n', start);
    if (nl === -1) break;
    previousStart = start;
    start = nl + 1;
  }
  const lineAt = (from: number): string => {
    const nl = source.indexOf('\n', from);
    return source.slice(from, nl === -1 ? source.length : nl).replace(/\r$/, '');
  };
  const nextNl = source.indexOf('\n', start);
  const after = nextNl === -1 || nextNl + 1 >= source.length ? [] : [lineAt(nextNl + 1)];
  return { before: previousStart === -1 ? null : lineAt(previousStart), current: lineAt(start), after };
}

// Control characters would garble a terminal and shift the caret; show each as one visible symbol instead, and a
// byte that is not UTF-8 (decodeDump's U+DC80–U+DCFF) escaped, as every other output of natscope shows it.
function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  const shown = text.replace(/[\x00-\x1f\x7f]/g, (c) =>
    c === '\t' ? ' ' : c === '\x7f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0)),
  );
  return escapeNonUtf8(shown);
}
