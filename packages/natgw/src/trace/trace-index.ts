/**
 * An index over a long chain, so a trace through a 100,000-rule gateway visits only the rules that could
 * match instead of every one.
 *
 * Each rule of the chain is filed under one address it requires: its `-d` prefix, else its `-s` prefix, else
 * its `--ctorigdst` (Kube-OVN's DNAT, SNAT and hairpin rules all have one). A rule whose required address
 * does not contain the packet's cannot match, whatever its other matches say, so for a given packet the
 * candidates are the rules filed under a prefix of its address plus the rules with no such address. The
 * trace evaluates the candidates one by one, with full reasons, and reports each run of the other rules
 * as one skipped step that says why they were passed over. Short chains are not indexed: every rule gets
 * its own step there.
 */
import { intToIp, parseCidr, prefixMask, type Cidr } from '../packet-sets/ipv4.js';
import type { PacketState, TraceChain } from './trace-types.js';

/** Chains with at most this many rules are walked rule by rule. */
export const INDEX_THRESHOLD = 64;

const BY_DST = 1;
const BY_SRC = 2;
const BY_ORIGDST = 3;
const ALWAYS = 0;

/** For each prefix length present, the rule positions filed under each network of that length. */
type PrefixMap = Map<number, Map<number, number[]>>;

/** A chain's index: which rules a packet could match, and why the others cannot. */
export interface ChainIndex {
  /** 0-based positions of the rules that may match this packet, ascending. Null when it cannot tell (an unknown address). */
  candidates(pkt: PacketState): number[] | null;
  /** The reason for one run `[from, to]` (0-based, inclusive) of rules that are not candidates. */
  passedOver(from: number, to: number, pkt: PacketState): string;
}

const cache = new WeakMap<TraceChain, ChainIndex | null>();

/** The chain's index (built once per chain), or null for a chain short enough to walk rule by rule. */
export function chainIndexOf(chain: TraceChain): ChainIndex | null {
  let index = cache.get(chain);
  if (index === undefined) {
    index = chain.rules.length > INDEX_THRESHOLD ? buildIndex(chain) : null;
    cache.set(chain, index);
  }
  return index;
}

function file(map: PrefixMap, cidr: Cidr, position: number): void {
  let byBase = map.get(cidr.length);
  if (byBase === undefined) map.set(cidr.length, (byBase = new Map()));
  const list = byBase.get(cidr.base);
  if (list === undefined) byBase.set(cidr.base, [position]);
  else list.push(position);
}

function lookup(map: PrefixMap, address: number, out: number[]): void {
  for (const [length, byBase] of map) {
    const hit = byBase.get((address & prefixMask(length)) >>> 0);
    if (hit !== undefined) for (const p of hit) out.push(p);
  }
}

/** The one address a rule requires, as [dimension, prefix]; [ALWAYS, null] when it has none the index can use. */
function requiredAddress(rule: TraceChain['rules'][number]): [number, Cidr | null] {
  const d = rule.decoded;
  if (d.destination && !d.destination.negated) {
    const cidr = parseCidr(d.destination.value);
    if (cidr) return [BY_DST, cidr];
  }
  if (d.source && !d.source.negated) {
    const cidr = parseCidr(d.source.value);
    if (cidr) return [BY_SRC, cidr];
  }
  for (const match of d.matches) {
    if (match.module !== 'conntrack') continue;
    for (const option of match.options) {
      const cidr = option.name === 'ctorigdst' && !option.negated ? parseCidr(option.args[0] ?? '') : null;
      if (cidr) return [BY_ORIGDST, cidr];
    }
  }
  return [ALWAYS, null];
}

/** 27533 → '27,533' (without Intl, whose first use costs more than a whole trace). */
function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function buildIndex(chain: TraceChain): ChainIndex {
  const n = chain.rules.length;
  const maps: Record<number, PrefixMap> = { [BY_DST]: new Map(), [BY_SRC]: new Map(), [BY_ORIGDST]: new Map() };
  const always: number[] = [];
  // Running counts per dimension, so the reason for any run of passed-over rules costs O(1).
  const counts = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  chain.rules.forEach((rule, position) => {
    const [dimension, cidr] = requiredAddress(rule);
    if (cidr === null) always.push(position);
    else file(maps[dimension]!, cidr, position);
    for (let k = 0; k < 4; k++) counts[k]![position + 1] = counts[k]![position]! + (k === dimension ? 1 : 0);
  });

  return {
    candidates(pkt) {
      if (pkt.src === null || pkt.dst === null) return null;
      const out = [...always];
      lookup(maps[BY_DST]!, pkt.dst, out);
      lookup(maps[BY_SRC]!, pkt.src, out);
      if (pkt.ct.tracked) lookup(maps[BY_ORIGDST]!, pkt.ct.origDst, out);
      return out.sort((a, b) => a - b);
    },
    passedOver(from, to, pkt) {
      const count = (k: number) => counts[k]![to + 1]! - counts[k]![from]!;
      const parts: string[] = [];
      const dst = count(BY_DST);
      const src = count(BY_SRC);
      const orig = count(BY_ORIGDST);
      if (dst > 0) parts.push(`${groupDigits(dst)} by -d, which does not contain ${intToIp(pkt.dst ?? 0)}`);
      if (src > 0) parts.push(`${groupDigits(src)} by -s, which does not contain ${intToIp(pkt.src ?? 0)}`);
      if (orig > 0) {
        const why = pkt.ct.tracked
          ? `which does not contain the original destination ${intToIp(pkt.ct.origDst)}`
          : 'the packet is untracked';
        parts.push(`${groupDigits(orig)} by --ctorigdst, ${why}`);
      }
      const span = from === to ? `rule ${from + 1}` : `rules ${from + 1}-${to + 1}`;
      return `${span} skipped (${groupDigits(to - from + 1)} of them, found by the chain's address index): ${parts.join('; ')}`;
    },
  };
}
