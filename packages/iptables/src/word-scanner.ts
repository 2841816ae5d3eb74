import type { Input } from './input.js';

/** Flag bit: the word contains a double-quoted part. */
export const WORD_QUOTED = 1;
/** Flag bit: the word contains a backslash escape inside quotes, so its value differs from its raw text by more than the quotes. */
const WORD_ESCAPED = 2;

const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const DEL = 0x7f;

/**
 * Splits a rule line into words the way iptables-restore does (`add_param_to_argv` in iptables' xshared.c),
 * without allocating a string per word: results are offsets in a reusable buffer.
 *
 * The rules it follows: words are separated by spaces or tabs; `"` opens a quoted part anywhere, inside it
 * a backslash escapes the next character, and the closing `"` ends the word; outside quotes a backslash is
 * an ordinary character and `'` is not special. `""` is an empty word.
 */
export class WordScanner {
  /** Triples `[start, end, flags]` per word; `end` is exclusive and includes a closing quote. */
  words = new Int32Array(3 * 64);
  /** Number of words found by the last `scan`. */
  count = 0;

  /**
   * Scans `input.text[start, end)`. Throws `IptablesSyntaxError` at the opening quote of a quote that is never
   * closed, and at any control character other than tab.
   */
  scan(input: Input, start: number, end: number): number {
    const text = input.text;
    // A line of n characters has at most (n + 1) / 2 words: make room once, not per word.
    const most = 3 * ((end - start + 2) >> 1);
    if (this.words.length < most) this.words = new Int32Array(Math.max(most, 2 * this.words.length));
    const words = this.words;
    let count = 0;
    let i = start;
    while (i < end) {
      let c = text.charCodeAt(i);
      if (c <= SPACE || c === DEL) {
        if (c !== SPACE && c !== TAB) throw input.controlCharacterError(i);
        i++;
        continue;
      }
      const wordStart = i;
      let flags = 0;
      // One word: runs to whitespace, or to the quote that closes a quoted part.
      for (;;) {
        if (c === QUOTE) {
          flags |= WORD_QUOTED;
          const open = i;
          i++;
          let escaped = false;
          for (;;) {
            // A backslash at the very end escapes nothing; the quote is still open.
            if (i >= end) throw input.error('unterminated quote: this " is never closed on its line', open);
            c = text.charCodeAt(i++);
            if ((c < SPACE && c !== TAB) || c === DEL) throw input.controlCharacterError(i - 1);
            if (escaped) escaped = false;
            else if (c === BACKSLASH) {
              flags |= WORD_ESCAPED;
              escaped = true;
            } else if (c === QUOTE) break;
          }
          break;
        }
        i++;
        if (i >= end) break;
        c = text.charCodeAt(i);
        // Control characters are checked here, in the one loop that reads every character of a rule.
        if (c <= SPACE || c === DEL) {
          if (c === SPACE || c === TAB) break;
          throw input.controlCharacterError(i);
        }
      }
      const at = 3 * count++;
      words[at] = wordStart;
      words[at + 1] = i;
      words[at + 2] = flags;
    }
    this.count = count;
    return count;
  }

  /** Start offset of word `n` of the last scan. */
  start(n: number): number {
    return this.words[3 * n] ?? 0;
  }

  /** End offset (exclusive) of word `n` of the last scan. */
  end(n: number): number {
    return this.words[3 * n + 1] ?? 0;
  }

  /** Flag bits (`WORD_QUOTED`, `WORD_ESCAPED`) of word `n` of the last scan. */
  flags(n: number): number {
    return this.words[3 * n + 2] ?? 0;
  }
}

/** The value of a word as iptables-restore sees it: quotes removed, escapes inside quotes resolved. */
export function wordValue(raw: string): string {
  let out = '';
  let inQuote = false;
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === QUOTE) {
      out += raw.slice(from, i);
      from = i + 1;
      inQuote = !inQuote;
    } else if (inQuote && c === BACKSLASH) {
      out += raw.slice(from, i);
      // Keep the escaped character, whatever it is.
      from = i + 1;
      i++;
    }
  }
  return out + raw.slice(from);
}
