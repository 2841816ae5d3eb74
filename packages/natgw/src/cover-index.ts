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

/** The exact key of a bucket; several may share a hash, so lookups compare these. */
interface Bucket<T> {
  src: number;
  srcLength: number;
  dst: number;
  dstLength: number;
  orig: number;
  origLength: number;
  protocol: number;
  port: number;
  entries: CoverEntry<T>[];
}

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
 * is scanned in order and stops at its first cover.
 *
 * Complexity: O(n · (L + k)) for n rules, where L is the number of bucket lookups (the product of the lengths
 * present per dimension, at most 33³ · 2 · 3, in practice a handful) and k the entries compared per lookup:
 * entries that share the query's prefixes, protocol and port key yet do not cover it (they differ in interface,
 * mark, source port or a port set). On Kube-OVN chains k is close to 0, so the analysis is linear; no all-pairs
 * scan is ever made.
 */
export class CoverIndex<T> {
  readonly #buckets = new Map<number, Bucket<T>[]>();
  readonly #protocols = new Map<string, number>([['', 0]]);
  readonly #srcLengths = new Lengths();
  readonly #dstLengths = new Lengths();
  readonly #origLengths = new Lengths();
  readonly #irregular: CoverEntry<T>[] = [];
  readonly #stats: CoverStats | undefined;

  /** `stats`, when given, is incremented on every full comparison. */
  constructor(stats?: CoverStats) {
    this.#stats = stats;
  }

  /** Adds a rule that may cover later ones (the caller decides: understood and terminal). */
  add(entry: CoverEntry<T>): void {
    const space = entry.space;
    const src = indexable(space.source);
    const dst = indexable(space.destination);
    const orig = indexable(space.origDestination);
    if (src === null || dst === null || orig === null || space.protocol?.negated) {
      this.#irregular.push(entry);
      return;
    }
    const name = space.protocol?.value ?? '';
    let protocol = this.#protocols.get(name);
    if (protocol === undefined) this.#protocols.set(name, (protocol = this.#protocols.size));
    this.#srcLengths.add(src.length);
    this.#dstLengths.add(dst.length);
    this.#origLengths.add(orig.length);
    const bucket: Bucket<T> = {
      src: masked(src, src.length),
      srcLength: src.length,
      dst: masked(dst, dst.length),
      dstLength: dst.length,
      orig: masked(orig, orig.length),
      origLength: orig.length,
      protocol,
      port: portCode(space),
      entries: [entry],
    };
    const hash = this.#hash(bucket);
    const chain = this.#buckets.get(hash);
    if (!chain) {
      this.#buckets.set(hash, [bucket]);
      return;
    }
    const same = this.#find(chain, bucket);
    if (same) same.entries.push(entry);
    else chain.push(bucket);
  }

  /** The earliest entry whose space covers `space`, or null. `accept` can veto a candidate (e.g. stale marks). */
  findCover(space: MatchSpace, accept?: (entry: CoverEntry<T>) => boolean): CoverEntry<T> | null {
    if (!space.understood) return null;
    let best: CoverEntry<T> | null = null;
    if (this.#buckets.size > 0) {
      const own = space.protocol === null || space.protocol.negated ? undefined : this.#protocols.get(space.protocol.value);
      const port = space.destinationPorts === null ? null : singlePort(space.destinationPorts);
      const src = queryPrefix(space.source);
      const dst = queryPrefix(space.destination);
      const orig = queryPrefix(space.origDestination);
      const key: Omit<Bucket<T>, 'entries'> = { src: 0, srcLength: 0, dst: 0, dstLength: 0, orig: 0, origLength: 0, protocol: 0, port: 0 };
      for (const s of this.#srcLengths.list) {
        if (s > src.length) break;
        key.src = masked(src, s);
        key.srcLength = s;
        for (const d of this.#dstLengths.list) {
          if (d > dst.length) break;
          key.dst = masked(dst, d);
          key.dstLength = d;
          for (const o of this.#origLengths.list) {
            if (o > orig.length) break;
            key.orig = masked(orig, o);
            key.origLength = o;
            for (let p = 0; p < 2; p++) {
              if (p === 1 && (own === undefined || own === 0)) break;
              key.protocol = p === 0 ? 0 : own!;
              key.port = PORT_ANY;
              best = this.#scan(this.#lookup(key), space, best, accept);
              key.port = PORT_SET;
              best = this.#scan(this.#lookup(key), space, best, accept);
              if (port !== null) {
                key.port = port;
                best = this.#scan(this.#lookup(key), space, best, accept);
              }
            }
          }
        }
      }
    }
    return this.#scan(this.#irregular, space, best, accept);
  }

  #hash(k: Omit<Bucket<T>, 'entries'>): number {
    let h = mix(mix(0x2545f491, k.src), k.srcLength);
    h = mix(mix(h, k.dst), k.dstLength);
    h = mix(mix(h, k.orig), k.origLength);
    return mix(mix(h, k.protocol), k.port);
  }

  #find(chain: Bucket<T>[], k: Omit<Bucket<T>, 'entries'>): Bucket<T> | undefined {
    for (const b of chain) {
      if (
        b.src === k.src &&
        b.srcLength === k.srcLength &&
        b.dst === k.dst &&
        b.dstLength === k.dstLength &&
        b.orig === k.orig &&
        b.origLength === k.origLength &&
        b.protocol === k.protocol &&
        b.port === k.port
      ) {
        return b;
      }
    }
    return undefined;
  }

  #lookup(k: Omit<Bucket<T>, 'entries'>): CoverEntry<T>[] | undefined {
    const chain = this.#buckets.get(this.#hash(k));
    return chain && this.#find(chain, k)?.entries;
  }

  // Buckets hold entries in order, so a scan stops at its first cover or once it passes the best so far.
  #scan(
    bucket: CoverEntry<T>[] | undefined,
    space: MatchSpace,
    best: CoverEntry<T> | null,
    accept: ((entry: CoverEntry<T>) => boolean) | undefined,
  ): CoverEntry<T> | null {
    if (!bucket) return best;
    for (const entry of bucket) {
      if (best !== null && entry.order >= best.order) return best;
      if (this.#stats) this.#stats.comparisons++;
      if (spaceCovers(entry.space, space) && (!accept || accept(entry))) return entry;
    }
    return best;
  }
}
