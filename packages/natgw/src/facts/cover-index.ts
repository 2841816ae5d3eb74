import { HashChains } from './hash-chains.js';
import { prefixMask } from '../packet-sets/ipv4.js';
import { DESTINATION, ORIGINAL_DESTINATION, SOURCE, spaceCovers } from '../packet-sets/match-space.js';
import { type DumpFacts, NO_PORT, PORT_SET } from './dump-facts.js';

/** Counts the full match-space comparisons a lookup makes, so tests can see the index prune. */
export interface CoverStats {
  comparisons: number;
}

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

// A bucket key, as int32 fields: source, destination and original destination (each masked base and prefix
// length; 0/0 for none), protocol number, port code. Entries with equal keys form a bucket.
const KEY = 8;

function keyHash(keys: Int32Array, k: number): number {
  let h = 0x2545f491;
  for (let i = k; i < k + KEY; i++) h = mix(h, keys[i]!);
  return h;
}

/**
 * Finds, for a rule, the earliest earlier rule whose matches cover it: the index behind `rule-shadowed`,
 * `duplicate-rule` and `fip-shadows-dnat`. Entries and queries are rules of one dump, named by their `DumpFacts`
 * id; among several covering entries the one added first wins (the one packets hit first).
 *
 * Entries are bucketed by their source prefix, destination prefix, conntrack original destination, protocol
 * and destination port (one port, "any", or "set" for ranges and lists), hashed into one 32-bit key. A lookup
 * walks the query's prefix ancestors in each address dimension, trying only the prefix lengths present in the
 * index (usually one or two per dimension: Kube-OVN rules are /32s, CIDRs or absent), with the query's own
 * protocol and port plus the "any" buckets. Only entries in those buckets are compared in full (their match
 * spaces made then), and each bucket is scanned in order and stops at its first cover. Keys come from the facts'
 * rows and buckets are chains of entry numbers (`HashChains`), so an entry costs no objects of its own.
 *
 * Complexity: O(n · (L + k)) for n rules, where L is the number of bucket lookups (the product of the lengths
 * present per dimension, at most 33³ · 2 · 3, in practice a handful) and k the entries compared per lookup:
 * entries that share the query's prefixes, protocol and port key yet do not cover it (they differ in interface,
 * mark, source port or a port set). On Kube-OVN chains k is close to 0, so the analysis is linear; no all-pairs
 * scan is ever made.
 */
export class CoverIndex {
  readonly #facts: DumpFacts;
  readonly #buckets = new HashChains();
  // Per entry (0, 1, 2… in the order added): its rule id and its key.
  readonly #ids: number[] = [];
  #keys = new Int32Array(KEY * 64);
  readonly #lengths = [new Lengths(), new Lengths(), new Lengths()];
  // Entries with a negated address or protocol: a negated address covers only through containment arithmetic,
  // not ancestry, so these (rare: Kube-OVN never writes one) are compared on every lookup.
  readonly #irregular: number[] = [];
  // The bucket key being looked up.
  readonly #query = new Int32Array(KEY);
  readonly #stats: CoverStats | undefined;

  /** `stats`, when given, is incremented on every full comparison. */
  constructor(facts: DumpFacts, stats?: CoverStats) {
    this.#facts = facts;
    this.#stats = stats;
  }

  /** Adds rule `id`, which may cover later rules (the caller decides: understood and terminal). */
  add(id: number): void {
    const facts = this.#facts;
    const entry = this.#ids.length;
    this.#ids.push(id);
    if (
      facts.negated(id, SOURCE) ||
      facts.negated(id, DESTINATION) ||
      facts.negated(id, ORIGINAL_DESTINATION) ||
      facts.protocolNegated(id)
    ) {
      this.#irregular.push(entry);
      return;
    }
    if ((entry + 1) * KEY > this.#keys.length) {
      const keys = new Int32Array(2 * this.#keys.length);
      keys.set(this.#keys);
      this.#keys = keys;
    }
    const keys = this.#keys;
    const k = entry * KEY;
    for (let d = 0; d < 3; d++) {
      keys[k + 2 * d] = facts.base(id, d);
      keys[k + 2 * d + 1] = facts.length(id, d);
      this.#lengths[d]!.add(facts.length(id, d));
    }
    keys[k + 6] = facts.protocol(id);
    keys[k + 7] = facts.port(id);
    this.#buckets.add(keyHash(keys, k), entry);
  }

  /**
   * The id of the earliest entry that covers rule `id`, or -1. `accept` can veto a candidate (e.g. stale marks).
   */
  findCover(id: number, accept?: (candidate: number) => boolean): number {
    const facts = this.#facts;
    if (!facts.understood(id)) return -1;
    let best = -1;
    if (this.#ids.length > this.#irregular.length) {
      const own = facts.protocolNegated(id) ? 0 : facts.protocol(id);
      const port = facts.port(id);
      const key = this.#query;
      // A negated address in the query can only be covered by an unrestricted entry (/0).
      const sources = this.#lengths[SOURCE]!;
      const destinations = this.#lengths[DESTINATION]!;
      const originals = this.#lengths[ORIGINAL_DESTINATION]!;
      const src = facts.negated(id, SOURCE) ? 0 : facts.base(id, SOURCE);
      const srcLength = facts.negated(id, SOURCE) ? 0 : facts.length(id, SOURCE);
      const dst = facts.negated(id, DESTINATION) ? 0 : facts.base(id, DESTINATION);
      const dstLength = facts.negated(id, DESTINATION) ? 0 : facts.length(id, DESTINATION);
      const orig = facts.negated(id, ORIGINAL_DESTINATION) ? 0 : facts.base(id, ORIGINAL_DESTINATION);
      const origLength = facts.negated(id, ORIGINAL_DESTINATION) ? 0 : facts.length(id, ORIGINAL_DESTINATION);
      for (const s of sources.list) {
        if (s > srcLength) break;
        key[0] = src & prefixMask(s);
        key[1] = s;
        for (const d of destinations.list) {
          if (d > dstLength) break;
          key[2] = dst & prefixMask(d);
          key[3] = d;
          for (const o of originals.list) {
            if (o > origLength) break;
            key[4] = orig & prefixMask(o);
            key[5] = o;
            for (let p = 0; p < 2; p++) {
              if (p === 1 && own === 0) break;
              key[6] = p === 0 ? 0 : own;
              key[7] = NO_PORT;
              best = this.#scanBucket(id, best, accept);
              key[7] = PORT_SET;
              best = this.#scanBucket(id, best, accept);
              if (port >= 0) {
                key[7] = port;
                best = this.#scanBucket(id, best, accept);
              }
            }
          }
        }
      }
    }
    for (const entry of this.#irregular) {
      if (best !== -1 && entry >= best) break;
      if (this.#covers(entry, id, accept)) {
        best = entry;
        break;
      }
    }
    return best === -1 ? -1 : this.#ids[best]!;
  }

  // Scans the bucket of the query key in order; stops at its first cover or once it passes the best so far.
  #scanBucket(id: number, best: number, accept: ((candidate: number) => boolean) | undefined): number {
    const query = this.#query;
    const keys = this.#keys;
    for (let entry = this.#buckets.first(keyHash(query, 0)); entry !== -1; entry = this.#buckets.next(entry)) {
      if (best !== -1 && entry >= best) return best;
      const k = entry * KEY;
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
      if (this.#covers(entry, id, accept)) return entry;
    }
    return best;
  }

  #covers(entry: number, id: number, accept: ((candidate: number) => boolean) | undefined): boolean {
    if (this.#stats) this.#stats.comparisons++;
    const candidate = this.#ids[entry]!;
    return spaceCovers(this.#facts.space(candidate), this.#facts.space(id)) && (!accept || accept(candidate));
  }
}
