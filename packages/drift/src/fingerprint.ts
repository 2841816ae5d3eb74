/**
 * A 64-bit digest of a sequence of texts (FNV-1a in two lanes with different offsets), as 16 hex digits: distinct
 * inputs do not collide in practice, and a key this short is cheap to keep and compare for every gateway.
 */
export function fingerprint(parts: Iterable<string>): string {
  let a = 0x811c9dc5;
  let b = 0x6c62272e;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0x1f, 0x01000193); // a separator, so ["ab","c"] and ["a","bc"] differ
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
