import { HashChains } from './hash-chains.js';
import { type Cidr, prefixMask } from './ipv4.js';
import { type AddressSet, type MatchSpace, spaceCovers } from './match-space.js';
import { singlePort } from './port-set.js';

/** One rule in the index: its match space, its order, and whatever the caller wants back. */
export interface CoverEntry<T> {
  space: MatchSpace;
  /** Evaluation order; among several covering entries the lowest wins (the one packets hit first). */
  order: number;
  value: T;
}

/** Counts the full match-space comparisons a lookup makes, so tests can see the index prune. */
export interface CoverStats {
  comparisons: number;
}

const ANY: Cidr = { base: 0, length: 0 };
const PORT_ANY = -1;
const PORT_SET = -2;

/** The prefix lengths present in one address dimension, ascending; an ancestor walk tries only these. */
class Lengths {
  readonly list: number[] = [];

  add(length: number): void {
    if (this.list.includes(length)) return;
    this.list.push(length);
    this.list.sort((a, b) => a - b);
  }
}

// 32-bit hash mixing (a murmur-style step): bucket keys are int32 numbers, so a lookup allocates nothing.
function mix(hash: number, value: number): number {
  const h = Math.imul(hash ^ value, 0x9e3779b1);
  return h ^ (h >>> 15);
}

function masked(cidr: Cidr, length: number): number {
  return (cidr.base & prefixMask(length)) | 0;
}

// An entry's bucket key, as int32 fields: source, destination and original destination (each masked base and
// prefix length), protocol number, port code. Entries with equal keys form a bucket.
const KEY = 8;

// A negated address covers only through containment arithmetic, not ancestry, so such entries (rare: Kube-OVN
// never writes one) go to a side list scanned for every lookup.
function indexable(address: AddressSet | null): Cidr | null {
  if (address === null) return ANY;
  return address.negated ? null : address;
}

// For a lookup, a negated address in the query can only be covered by an unrestricted entry (/0).
function queryPrefix(address: AddressSet | null): Cidr {
  return address === null || address.negated ? ANY : address;
}

function portCode(space: MatchSpace): number {
  if (space.destinationPorts === null) return PORT_ANY;
  return singlePort(space.destinationPorts) ?? PORT_SET;
}

/**
 * Finds, for a rule, the earliest earlier rule whose matches cover it: the index behind `rule-shadowed`,
 * `duplicate-rule` and `fip-shadows-dnat`.
 *
 * Entries are bucketed by their source prefix, destination prefix, conntrack original destination, protocol
 * and destination port (one port, "any", or "set" for ranges and lists), hashed into one 32-bit key. A lookup
 * walks the query's prefix ancestors in each address dimension, trying only the prefix lengths present in the
 * index (usually one or two per dimension: Kube-OVN rules are /32s, CIDRs or absent), with the query's own
 * protocol and port plus the "any" buckets. Only entries in those buckets are compared in full, and each bucket
 * is scanned in order and stops at its first cover. Keys, orders and values sit in flat arrays and buckets are
 * chains of entry ids (`HashChains`), so an entry costs no objects of its own.
 *
 * Complexity: O(n · (L + k)) for n rules, where L is the number of bucket lookups (the product of the lengths
 * present per dimension, at most 33³ · 2 · 3, in practice a handful) and k the entries compared per lookup:
 * entries that share the query's prefixes, protocol and port key yet do not cover it (they differ in interface,
 * mark, source port or a port set). On Kube-OVN chains k is close to 0, so the analysis is linear; no all-pairs
 * scan is ever made.
 */
export class CoverIndex<T> {
  readonly #buckets = new HashChains();
  #keys = new Int32Array(KEY * 64);
  readonly #spaces: MatchSpace[] = [];
  readonly #orders: number[] = [];
  readonly #values: T[] = [];
  #count = 0;
  readonly #protocols = new Map<string, number>([['', 0]]);
  readonly #srcLengths = new Lengths();
  readonly #dstLengths = new Lengths();
  readonly #origLengths = new Lengths();
  readonly #irregular: number[] = [];
  // The bucket key being looked up.
  readonly #query = new Int32Array(KEY);
  readonly #stats: CoverStats | undefined;

  /** `stats`, when given, is incremented on every full comparison. */
  constructor(stats?: CoverStats) {
    this.#stats = stats;
  }

  /**
   * Adds a rule that may cover later ones (the caller decides: understood and terminal), with its evaluation
   * order (among several covering entries the lowest wins: the one packets hit first). Orders must ascend.
   */
  add(space: MatchSpace, order: number, value: T): void {
    const id = this.#count++;
    this.#spaces.push(space);
    this.#orders.push(order);
    this.#values.push(value);
    const src = indexable(space.source);
    const dst = indexable(space.destination);
    const orig = indexable(space.origDestination);
    if (src === null || dst === null || orig === null || space.protocol?.negated) {
      this.#irregular.push(id);
      return;
    }
    const name = space.protocol?.value ?? '';
    let protocol = this.#protocols.get(name);
    if (protocol === undefined) this.#protocols.set(name, (protocol = this.#protocols.size));
    this.#srcLengths.add(src.length);
    this.#dstLengths.add(dst.length);
    this.#origLengths.add(orig.length);
    if ((id + 1) * KEY > this.#keys.length) {
      const keys = new Int32Array(2 * this.#keys.length);
      keys.set(this.#keys);
      this.#keys = keys;
    }
    const keys = this.#keys;
    const k = id * KEY;
    keys[k] = masked(src, src.length);
    keys[k + 1] = src.length;
    keys[k + 2] = masked(dst, dst.length);
    keys[k + 3] = dst.length;
    keys[k + 4] = masked(orig, orig.length);
    keys[k + 5] = orig.length;
    keys[k + 6] = protocol;
    keys[k + 7] = portCode(space);
    this.#buckets.add(keyHash(keys, k), id);
  }

  /**
   * The earliest entry whose space covers `space`, or null. `accept` can veto a candidate (e.g. stale marks).
   * The entry returned is a fresh object; the index keeps none.
   */
  findCover(space: MatchSpace, accept?: (value: T, space: MatchSpace) => boolean): CoverEntry<T> | null {
    if (!space.understood) return null;
    let best = -1;
    if (this.#count > this.#irregular.length) {
      const own = space.protocol === null || space.protocol.negated ? undefined : this.#protocols.get(space.protocol.value);
      const port = space.destinationPorts === null ? null : singlePort(space.destinationPorts);
      const src = queryPrefix(space.source);
      const dst = queryPrefix(space.destination);
      const orig = queryPrefix(space.origDestination);
      const key = this.#query;
      for (const s of this.#srcLengths.list) {
        if (s > src.length) break;
        key[0] = masked(src, s);
        key[1] = s;
        for (const d of this.#dstLengths.list) {
          if (d > dst.length) break;
          key[2] = masked(dst, d);
          key[3] = d;
          for (const o of this.#origLengths.list) {
            if (o > orig.length) break;
            key[4] = masked(orig, o);
            key[5] = o;
            for (let p = 0; p < 2; p++) {
              if (p === 1 && (own === undefined || own === 0)) break;
              key[6] = p === 0 ? 0 : own!;
              key[7] = PORT_ANY;
              best = this.#scanBucket(space, best, accept);
              key[7] = PORT_SET;
              best = this.#scanBucket(space, best, accept);
              if (port !== null) {
                key[7] = port;
                best = this.#scanBucket(space, best, accept);
              }
            }
          }
        }
      }
    }
    for (const id of this.#irregular) {
      if (best !== -1 && this.#orders[id]! >= this.#orders[best]!) break;
      if (this.#covers(id, space, accept)) {
        best = id;
        break;
      }
    }
    return best === -1 ? null : { space: this.#spaces[best]!, order: this.#orders[best]!, value: this.#values[best]! };
  }

  // Scans the bucket of the query key in order; stops at its first cover or once it passes the best so far.
  #scanBucket(space: MatchSpace, best: number, accept: ((value: T, space: MatchSpace) => boolean) | undefined): number {
    const query = this.#query;
    const keys = this.#keys;
    for (let id = this.#buckets.first(keyHash(query, 0)); id !== -1; id = this.#buckets.next(id)) {
      if (best !== -1 && this.#orders[id]! >= this.#orders[best]!) return best;
      const k = id * KEY;
      if (
        keys[k] !== query[0] ||
        keys[k + 1] !== query[1] ||
        keys[k + 2] !== query[2] ||
        keys[k + 3] !== query[3] ||
        keys[k + 4] !== query[4] ||
        keys[k + 5] !== query[5] ||
        keys[k + 6] !== query[6] ||
        keys[k + 7] !== query[7]
      ) {
        continue; // another key with the same hash
      }
      if (this.#covers(id, space, accept)) return id;
    }
    return best;
  }

  #covers(id: number, space: MatchSpace, accept: ((value: T, space: MatchSpace) => boolean) | undefined): boolean {
    if (this.#stats) this.#stats.comparisons++;
    const candidate = this.#spaces[id]!;
    return spaceCovers(candidate, space) && (!accept || accept(this.#values[id]!, candidate));
  }
}

function keyHash(keys: Int32Array, k: number): number {
  let h = 0x2545f491;
  for (let i = k; i < k + KEY; i++) h = mix(h, keys[i]!);
  return h;
}
