import { hasNonUtf8, NON_UTF8_BASE, NON_UTF8_BYTES } from './non-utf8.js';

/** The bytes of a decoded (or printed) dump: the inverse of `decodeDump`, escaped bytes back as single bytes. */
export function encodeDump(text: string): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  if (!hasNonUtf8(text)) return encoder.encode(text);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let from = 0;
  for (const match of text.matchAll(NON_UTF8_BYTES)) {
    if (match.index > from) parts.push(encoder.encode(text.slice(from, match.index)));
    parts.push(Uint8Array.of(text.charCodeAt(match.index) - NON_UTF8_BASE));
    from = match.index + 1;
  }
  if (from < text.length) parts.push(encoder.encode(text.slice(from)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
