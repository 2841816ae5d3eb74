import { Input } from './input.js';
import { decodeDumpBytes } from './decode-dump-bytes.js';
import { hasNonUtf8, NON_UTF8_BASE, NON_UTF8_BYTES } from './non-utf8.js';

// What iptables-save never prints: control characters but tab and LF, and CR only before LF (CRLF pastes
// are accepted by the parser). Checked here for the whole input so the error names the first such byte,
// whichever line it is on. One character class (no alternation) keeps the scan near memchr speed; a CR, rare,
// is looked for apart (see firstControl).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

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

/**
 * Reads iptables-save output as the kernel keeps it: valid UTF-8 as characters, every other byte kept
 * exactly (as `NON_UTF8_BASE` says), so `encodeDump(print(parse(text)))` gives back the input's bytes.
 * A string is taken as already decoded (escaped bytes in it are reported the same way).
 *
 * Throws `IptablesSyntaxError` at the first control byte iptables-save never prints (NUL, a stray CR, …):
 * such input is binary data or a damaged paste, not a dump with an odd comment.
 */
export function decodeDump(input: Uint8Array | string, file = '<input>'): DecodedDump {
  const text = typeof input === 'string' ? input : decodeDumpBytes(input);
  const at = firstControl(text);
  if (at !== -1) throw new Input(text, file).controlCharacterError(at);
  return { text, nonUtf8: nonUtf8Bytes(text) };
}

// The offset of the first control character or CR that ends no line, or -1.
function firstControl(text: string): number {
  const control = CONTROL.exec(text)?.index ?? -1;
  const end = control === -1 ? text.length : control;
  for (let cr = text.indexOf('\r'); cr !== -1 && cr < end; cr = text.indexOf('\r', cr + 1)) {
    if (text.charCodeAt(cr + 1) !== 0x0a) return cr;
  }
  return control;
}

function nonUtf8Bytes(text: string): NonUtf8Byte[] {
  if (!hasNonUtf8(text)) return [];
  const input = new Input(text, '');
  return [...text.matchAll(NON_UTF8_BYTES)].map((m) => {
    const { line, column } = input.position(m.index);
    return { offset: m.index, line, column, byte: text.charCodeAt(m.index) - NON_UTF8_BASE };
  });
}
