/**
 * Marks as iptables writes them, in `-m mark --mark`, `-m connmark --mark` and the MARK/CONNMARK targets'
 * `--set-xmark`, `--set-mark`, `--and-mark`…: a 32-bit number in hex (`0x4000`) or decimal, with an optional
 * `/mask`. One parser, so coverage and the trace cannot read the same mark two ways.
 */

/** A mark test or assignment: `(mark & mask) == value`, or the bits `--set-xmark value/mask` writes. */
export interface MarkMask {
  value: number;
  mask: number;
}

const HEX = /^0x[0-9a-f]{1,8}$/i;
const DECIMAL = /^\d{1,10}$/;

/** A mark number (`0x4000`, `16384`); null for anything else, including numbers over 32 bits. */
export function parseMark(text: string): number | null {
  if (HEX.test(text)) return Number.parseInt(text.slice(2), 16) >>> 0;
  if (DECIMAL.test(text)) {
    const n = Number(text);
    return n <= 0xffffffff ? n : null;
  }
  return null;
}

/** `value[/mask]`; the mask defaults to every bit. Null when either part is not a mark number. */
export function parseMarkMask(text: string): MarkMask | null {
  const slash = text.indexOf('/');
  const value = parseMark(slash === -1 ? text : text.slice(0, slash));
  const mask = slash === -1 ? 0xffffffff : parseMark(text.slice(slash + 1));
  return value === null || mask === null ? null : { value, mask };
}
