import type { Input } from './input.js';
import type { Token } from './types.js';
import { WORD_QUOTED, WordScanner, wordValue } from './word-scanner.js';

const scanner = new WordScanner();

/**
 * The words of `input.text[start, end)` (one line) as tokens with values and spans.
 * Throws `IptablesSyntaxError` on an unterminated quote or a control character.
 */
export function tokenize(input: Input, start: number, end: number): Token[] {
  const count = scanner.scan(input, start, end);
  const text = input.text;
  const tokens: Token[] = new Array(count);
  for (let n = 0; n < count; n++) {
    const s = scanner.start(n);
    const e = scanner.end(n);
    const raw = text.slice(s, e);
    const quoted = (scanner.flags(n) & WORD_QUOTED) !== 0;
    tokens[n] = { value: quoted ? wordValue(raw) : raw, raw, quoted, span: input.span(s, e) };
  }
  return tokens;
}
