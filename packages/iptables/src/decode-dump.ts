import { Input } from './input.js';
import { hasNonUtf8, NON_UTF8_BASE, NON_UTF8_BYTES } from './non-utf8.js';

// What iptables-save never prints: control characters but tab and LF, and CR only before LF (CRLF pastes
// are accepted by the parser). Checked here for the whole input so the error names the first such byte,
// whichever line it is on.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)/;

/** Where a byte that is not UTF-8 sits: 1-based line and column, in the decoded text's UTF-16 units. */
export interface NonUtf8Byte {
  offset: number;
  line: number;
  column: number;
  /** The byte itself, 0x80–0xFF. */
  byte: number;
}

/** A dump's bytes as text for `parse`, and the bytes that were not UTF-8. */
export interface DecodedDump {
  text: string;
  nonUtf8: NonUtf8Byte[];
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reads iptables-save output as the kernel keeps it: valid UTF-8 as characters, every other byte kept
 * exactly (as `NON_UTF8_BASE` says), so `encodeDump(print(parse(text)))` gives back the input's bytes.
 * A string is taken as already decoded (escaped bytes in it are reported the same way).
 *
 * Throws `IptablesSyntaxError` at the first control byte iptables-save never prints (NUL, a stray CR, …):
 * such input is binary data or a damaged paste, not a dump with an odd comment.
 */
export function decodeDump(input: Uint8Array | string, file = '<input>'): DecodedDump {
  const text = typeof input === 'string' ? input : decodeBytes(input);
  const control = CONTROL.exec(text);
  if (control) {
    const at = new Input(text, file);
    throw at.controlCharacterError(control.index);
  }
  return { text, nonUtf8: nonUtf8Bytes(text) };
}

function nonUtf8Bytes(text: string): NonUtf8Byte[] {
  if (!hasNonUtf8(text)) return [];
  const input = new Input(text, '');
  return [...text.matchAll(NON_UTF8_BYTES)].map((m) => {
    const { line, column } = input.position(m.index);
    return { offset: m.index, line, column, byte: text.charCodeAt(m.index) - NON_UTF8_BASE };
  });
}

function decodeBytes(bytes: Uint8Array): string {
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
