/**
 * Groups small integer ids (0, 1, 2, … as the caller numbers its items) by a 32-bit hash, keeping each group in
 * the order the ids were added. Callers walk a group with `first` and `next` and compare their own keys, since
 * different keys may share a hash.
 *
 * Everything lives in typed arrays (open addressing over the distinct hashes, a `next` link per id): on 100,000
 * items this is much cheaper than a `Map` from hash to array, which allocates an array per key and, for hashes
 * outside V8's small-integer range, a heap number per key as well.
 */
export class HashChains {
  // Slot arrays: the hash, and the first and last id of its group plus one (0: empty slot).
  #hashes = new Int32Array(16);
  #heads = new Int32Array(16);
  #tails = new Int32Array(16);
  #used = 0;
  #next = new Int32Array(16);

  /** The first id added under `hash`, or -1. */
  first(hash: number): number {
    const mask = this.#heads.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const head = this.#heads[slot]!;
      if (head === 0) return -1;
      if (this.#hashes[slot] === hash) return head - 1;
    }
  }

  /** The id added under the same hash after `id`, or -1. */
  next(id: number): number {
    return this.#next[id]! - 1;
  }

  /** Adds `id` at the end of `hash`'s group. Each id is added once. */
  add(hash: number, id: number): void {
    if (id >= this.#next.length) this.#next = grown(this.#next, id + 1);
    this.#next[id] = 0;
    if (2 * (this.#used + 1) > this.#heads.length) this.#rehash(2 * this.#heads.length);
    const mask = this.#heads.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const head = this.#heads[slot]!;
      if (head === 0) {
        this.#hashes[slot] = hash;
        this.#heads[slot] = id + 1;
        this.#tails[slot] = id + 1;
        this.#used++;
        return;
      }
      if (this.#hashes[slot] === hash) {
        this.#next[this.#tails[slot]! - 1] = id + 1;
        this.#tails[slot] = id + 1;
        return;
      }
    }
  }

  #rehash(size: number): void {
    const hashes = this.#hashes;
    const heads = this.#heads;
    const tails = this.#tails;
    this.#hashes = new Int32Array(size);
    this.#heads = new Int32Array(size);
    this.#tails = new Int32Array(size);
    const mask = size - 1;
    for (let old = 0; old < heads.length; old++) {
      if (heads[old] === 0) continue;
      let slot = hashes[old]! & mask;
      while (this.#heads[slot] !== 0) slot = (slot + 1) & mask;
      this.#hashes[slot] = hashes[old]!;
      this.#heads[slot] = heads[old]!;
      this.#tails[slot] = tails[old]!;
    }
  }
}

function grown(array: Int32Array<ArrayBuffer>, least: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(least, 2 * array.length));
  bigger.set(array);
  return bigger;
}
