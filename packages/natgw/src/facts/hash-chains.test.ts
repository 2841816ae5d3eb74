import { describe, expect, it } from 'vitest';
import { HashChains } from './hash-chains.js';

function group(chains: HashChains, hash: number): number[] {
  const ids: number[] = [];
  for (let id = chains.first(hash); id !== -1; id = chains.next(id)) ids.push(id);
  return ids;
}

describe('hash chains', () => {
  it('groups ids by hash in the order they were added', () => {
    const chains = new HashChains();
    const hashes = [7, -3, 7, 0x7fffffff, -3, 7, -0x80000000];
    hashes.forEach((hash, id) => chains.add(hash, id));
    expect(group(chains, 7)).toEqual([0, 2, 5]);
    expect(group(chains, -3)).toEqual([1, 4]);
    expect(group(chains, 0x7fffffff)).toEqual([3]);
    expect(group(chains, -0x80000000)).toEqual([6]);
    expect(chains.first(8)).toBe(-1);
  });

  it('keeps hashes that share a slot apart, across growth', () => {
    // Multiples of 2^20 all start probing at slot 0 until the table is larger than that.
    const chains = new HashChains();
    const n = 50_000;
    for (let id = 0; id < n; id++) chains.add((id % 1000) * (1 << 20), id);
    for (const h of [0, 1, 500, 999]) {
      const ids = group(chains, h * (1 << 20));
      expect(ids).toHaveLength(n / 1000);
      expect(ids.every((id, i) => id === h + i * 1000)).toBe(true);
    }
    expect(chains.first(1000 * (1 << 20))).toBe(-1);
  });
});
