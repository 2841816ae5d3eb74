/**
 * A deterministic pseudo-random number generator (mulberry32) returning numbers in [0, 1).
 *
 * For the fuzz test and the benchmark's dump generator: the same seed gives the same sequence, so a
 * failing case or a benchmark input can be reproduced exactly. Not for anything that needs real randomness.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
