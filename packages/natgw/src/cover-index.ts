import { type Cidr, cidrAncestor, cidrKey } from './ipv4.js';
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

/** A map keyed by prefix that also remembers which prefix lengths it holds, so lookups try only those. */
class PrefixMap<V> {
  readonly byKey = new Map<number, V>();
  lengths: number[] = [];

  get(cidr: Cidr): V | undefined {
    return this.byKey.get(cidrKey(cidr));
  }

  getOrAdd(cidr: Cidr, make: () => V): V {
    const key = cidrKey(cidr);
    let value = this.byKey.get(key);
    if (value === undefined) {
      value = make();
      this.byKey.set(key, value);
      if (!this.lengths.includes(cidr.length)) {
        this.lengths.push(cidr.length);
        this.lengths.sort((a, b) => a - b);
      }
    }
    return value;
  }

  /** The stored values whose prefix contains `cidr`: at most one per stored length, ≤ 33 map lookups. */
  *ancestors(cidr: Cidr): Generator<V> {
    for (const length of this.lengths) {
      if (length > cidr.length) break;
      const value = this.byKey.get(cidrKey(cidrAncestor(cidr, length)));
      if (value !== undefined) yield value;
    }
  }
}

type PortBuckets<T> = Map<string, CoverEntry<T>[]>; // 'any' | '<port>' | 'set'
type ProtocolBuckets<T> = Map<string, PortBuckets<T>>; // '' for any protocol
type OrigDstLevel<T> = PrefixMap<ProtocolBuckets<T>>;
type DstLevel<T> = PrefixMap<OrigDstLevel<T>>;

// A negated address covers only through containment arithmetic, not ancestry, so such entries (rare: Kube-OVN
// never writes one) go to a side list scanned for every lookup.
function indexable(address: AddressSet | null): Cidr | null {
  if (address === null) return ANY;
  return address.negated ? null : address.cidr;
}

// For a lookup, a negated address in the query can only be covered by an unrestricted entry (/0).
function queryPrefix(address: AddressSet | null): Cidr {
  return address === null || address.negated ? ANY : address.cidr;
}

function protocolKey(space: MatchSpace): string | null {
  if (space.protocol === null) return '';
  return space.protocol.negated ? null : space.protocol.value;
}

function portKey(space: MatchSpace): string {
  if (space.destinationPorts === null) return 'any';
  const port = singlePort(space.destinationPorts);
  return port === null ? 'set' : String(port);
}

/**
 * Finds, for a rule, the earliest earlier rule whose matches cover it: the index behind `rule-shadowed`,
 * `duplicate-rule` and `fip-shadows-dnat`.
 *
 * Entries are bucketed by source prefix → destination prefix → conntrack original destination →
 * protocol → destination port. A lookup walks the query's prefix ancestors at each address level, trying only
 * the prefix lengths present there (at most 33 each, usually one or two: Kube-OVN rules are /32s, CIDRs or
 * absent), then the query's own protocol and port plus the "any" buckets. Only entries in those buckets are
 * compared in full, and each bucket is scanned in order and stops at its first cover.
 *
 * Complexity: O(n · (L + k)) for n rules, where L is the number of prefix lookups (bounded by 33³, in practice a
 * handful) and k the entries compared per lookup: entries that share the query's prefixes, protocol and port
 * key yet do not cover it (they differ in interface, mark, source port or a port set). On Kube-OVN chains k is
 * close to 0, so the analysis is linear; no all-pairs scan is ever made.
 */
export class CoverIndex<T> {
  readonly #root = new PrefixMap<DstLevel<T>>();
  readonly #irregular: CoverEntry<T>[] = [];
  readonly #stats: CoverStats | undefined;

  /** `stats`, when given, is incremented on every full comparison. */
  constructor(stats?: CoverStats) {
    this.#stats = stats;
  }

  /** Adds a rule that may cover later ones (the caller decides: understood and terminal). */
  add(entry: CoverEntry<T>): void {
    const src = indexable(entry.space.source);
    const dst = indexable(entry.space.destination);
    const orig = indexable(entry.space.origDestination);
    const protocol = protocolKey(entry.space);
    if (src === null || dst === null || orig === null || protocol === null) {
      this.#irregular.push(entry);
      return;
    }
    const byDst = this.#root.getOrAdd(src, () => new PrefixMap());
    const byOrig = byDst.getOrAdd(dst, () => new PrefixMap());
    const byProtocol = byOrig.getOrAdd(orig, () => new Map());
    let byPort = byProtocol.get(protocol);
    if (!byPort) byProtocol.set(protocol, (byPort = new Map()));
    const key = portKey(entry.space);
    const bucket = byPort.get(key);
    if (bucket) bucket.push(entry);
    else byPort.set(key, [entry]);
  }

  /** The earliest entry whose space covers `space`, or null. `accept` can veto a candidate (e.g. stale marks). */
  findCover(space: MatchSpace, accept?: (entry: CoverEntry<T>) => boolean): CoverEntry<T> | null {
    if (!space.understood) return null;
    let best: CoverEntry<T> | null = null;
    const scan = (bucket: CoverEntry<T>[] | undefined): void => {
      if (!bucket) return;
      for (const entry of bucket) {
        if (best !== null && entry.order >= best.order) return; // buckets are in order: nothing earlier follows
        if (this.#stats) this.#stats.comparisons++;
        if (spaceCovers(entry.space, space) && (!accept || accept(entry))) {
          best = entry;
          return;
        }
      }
    };
    const protocols = space.protocol === null || space.protocol.negated ? [''] : ['', space.protocol.value];
    const port = space.destinationPorts === null ? null : singlePort(space.destinationPorts);
    const ports = port === null ? ['any', 'set'] : ['any', 'set', String(port)];
    for (const byDst of this.#root.ancestors(queryPrefix(space.source))) {
      for (const byOrig of byDst.ancestors(queryPrefix(space.destination))) {
        for (const byProtocol of byOrig.ancestors(queryPrefix(space.origDestination))) {
          for (const protocol of protocols) {
            const byPort = byProtocol.get(protocol);
            if (byPort) for (const key of ports) scan(byPort.get(key));
          }
        }
      }
    }
    scan(this.#irregular);
    return best;
  }
}
