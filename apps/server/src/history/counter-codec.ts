/**
 * Counters packed small: unsigned LEB128 varints of each value's difference from a base (the previous sample of the
 * pod, whose counters only grow until a reset), so a minute of traffic on a rule costs two or three bytes, not 16.
 * A value below its base (counters reset, rules moved) is written whole behind a zero-difference escape: the
 * codec stays exact whatever the kernel does. Values are integers up to 2^53 (byte counters fit).
 */

/** Encodes `values` against `base` (of the same length; null: against zeros). */
export function encodeCounters(values: ArrayLike<number>, base: ArrayLike<number> | null): Buffer {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? 0;
    const from = base ? (base[i] ?? 0) : 0;
    // 2d: a difference d ≥ 0; 2v+1: a whole value v (below the base).
    if (value >= from) writeVarint(out, (value - from) * 2);
    else writeVarint(out, value * 2 + 1);
  }
  return Buffer.from(out);
}

/** The values `encodeCounters(values, base)` was given. */
export function decodeCounters(bytes: Uint8Array, base: ArrayLike<number> | null): Float64Array {
  const values: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let n = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = bytes[i++] ?? 0;
      n += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    const index = values.length;
    const odd = n % 2 === 1;
    const half = Math.floor(n / 2);
    const from = base ? (base[index] ?? 0) : 0;
    values.push(odd ? half : from + half);
  }
  return Float64Array.from(values);
}

function writeVarint(out: number[], n: number): void {
  // Division, not bit shifts: shifts are 32-bit, counters are not.
  while (n >= 128) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}
