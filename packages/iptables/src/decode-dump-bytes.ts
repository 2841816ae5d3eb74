import { NON_UTF8_BASE } from './non-utf8.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The text of a dump's bytes with nothing lost and nothing checked: valid UTF-8 as characters, each other byte
 * as U+DC00 + byte (`NON_UTF8_BASE`). For a transport that must not throw (the server's exec output, stderr);
 * `decodeDump` is this plus the check for control bytes.
 */
export function decodeDumpBytes(bytes: Uint8Array): string {
  // Almost every dump is valid UTF-8 (mostly ASCII): one native decode, no scan.
  try {
    return strict.decode(bytes);
  } catch {
    return decodeWithEscapes(bytes);
  }
}

// Valid runs go through the native decoder; each byte that starts no valid sequence becomes one escape.
function decodeWithEscapes(bytes: Uint8Array): string {
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    // ASCII, nearly all of a dump, without a call per byte.
    if ((bytes[i] as number) < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (i > runStart) parts.push(lenient.decode(bytes.subarray(runStart, i)));
    parts.push(String.fromCharCode(NON_UTF8_BASE + (bytes[i] as number)));
    i++;
    runStart = i;
  }
  if (i > runStart) parts.push(lenient.decode(bytes.subarray(runStart, i)));
  return parts.join('');
}

/** The length of the well-formed UTF-8 sequence at `i` (Unicode's table 3-7), or 0 when there is none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  // 0xED 0xA0–0xBF would be a surrogate, which UTF-8 may not encode.
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
