/**
 * How a byte that is not part of valid UTF-8 is carried in a dump's text: the lone low surrogate
 * U+DC00 + byte (U+DC80–U+DCFF), as Python's `surrogateescape` does (PEP 383). Valid UTF-8 never decodes
 * to a lone surrogate, so the text alone says which characters were such bytes: `encodeDump` needs no side
 * table, JSON carries them as `\udce9`, and a Latin-1 `é` (byte 0xE9) stays distinct from a UTF-8 `é`
 * (0xC3 0xA9).
 */
export const NON_UTF8_BASE = 0xdc00;

// With the u flag a surrogate pair is one code point, so these match escaped bytes only, never half a pair.
/** Every escaped byte in a text (global: use with `matchAll`/`replace`). */
export const NON_UTF8_BYTES = /[\udc80-\udcff]/gu;
const ANY_NON_UTF8 = /[\udc80-\udcff]/u;

/** Whether `text` holds a byte that was not UTF-8. */
export function hasNonUtf8(text: string): boolean {
  return ANY_NON_UTF8.test(text);
}

/** `text` with each byte that is not UTF-8 shown as `\xNN` (`caf\xe9`), for summaries and the UI. */
export function escapeNonUtf8(text: string): string {
  if (!hasNonUtf8(text)) return text;
  return text.replace(NON_UTF8_BYTES, (c) => `\\x${(c.charCodeAt(0) - NON_UTF8_BASE).toString(16).padStart(2, '0')}`);
}
