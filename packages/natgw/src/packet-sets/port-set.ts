/**
 * Sets of TCP/UDP ports as sorted, disjoint, inclusive ranges. Negation is folded in by complementing, so a
 * `! --dport 22` match is simply the set [0..21, 23..65535] and containment needs no special cases.
 */

/** Sorted, non-overlapping, non-adjacent inclusive ranges within 0..65535. */
export type PortSet = ReadonlyArray<readonly [number, number]>;

/** Every port: what a rule without a port match accepts. */
export const ALL_PORTS: PortSet = [[0, 65535]];

const PORT = /^\d{1,5}$/;
const SINGLE_PORTS: PortSet[] = [];

function port(text: string): number | null {
  if (!PORT.test(text)) return null;
  const n = Number(text);
  return n <= 65535 ? n : null;
}

/** Sorts and merges ranges into canonical form. */
function normalise(ranges: Array<[number, number]>): PortSet {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of ranges) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/**
 * Parses what iptables-save prints for `--dport`/`--sport` (`22`, `1000:2000`, `:1024`, `1024:`) and for
 * multiport `--dports` (`22,80,8000:8080`). Returns null for anything else (service names, reversed ranges),
 * so the rule is treated as not understood.
 */
export function parsePortSet(text: string, negated = false): PortSet | null {
  if (!negated && PORT.test(text)) {
    // The common case (every Kube-OVN DNAT rule): one port, no list to split and sort, and one shared set per
    // port number (sets are read-only).
    const n = port(text);
    return n === null ? null : singlePortSet(n);
  }
  const ranges: Array<[number, number]> = [];
  for (const item of text.split(',')) {
    const colon = item.indexOf(':');
    let lo: number | null;
    let hi: number | null;
    if (colon === -1) {
      lo = hi = port(item);
    } else {
      lo = colon === 0 ? 0 : port(item.slice(0, colon));
      hi = colon === item.length - 1 ? 65535 : port(item.slice(colon + 1));
    }
    if (lo === null || hi === null || lo > hi) return null;
    ranges.push([lo, hi]);
  }
  const set = normalise(ranges);
  return negated ? complementPorts(set) : set;
}

/** The set of the one port `n` (0..65535), shared: sets are read-only. */
export function singlePortSet(n: number): PortSet {
  return (SINGLE_PORTS[n] ??= [[n, n]]);
}

/** The ports not in `set`. */
export function complementPorts(set: PortSet): PortSet {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= 65535) out.push([next, 65535]);
  return out;
}

/** The ports in both sets (two port matches on one rule must both hold). */
export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!;
    const [blo, bhi] = b[j]!;
    const lo = Math.max(alo, blo);
    const hi = Math.min(ahi, bhi);
    if (lo <= hi) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return out;
}

/** True when every port of `inner` is in `outer`. Linear in the number of ranges. */
export function portsContain(outer: PortSet, inner: PortSet): boolean {
  let i = 0;
  for (const [lo, hi] of inner) {
    while (i < outer.length && outer[i]![1] < lo) i++;
    const range = outer[i];
    if (!range || range[0] > lo || range[1] < hi) return false;
  }
  return true;
}

/** The single port of a one-port set, else null (used as an index key). */
export function singlePort(set: PortSet): number | null {
  const only = set.length === 1 ? set[0]! : null;
  return only && only[0] === only[1] ? only[0] : null;
}

/** `22`, `1000-2000`, `22,80,443`: how the readable output writes a set. */
export function formatPorts(set: PortSet): string {
  return set.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(',');
}
