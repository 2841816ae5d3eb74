/**
 * Interface matches (`-i`/`-o`) as sets of names. iptables treats a trailing `+` as a prefix wildcard
 * (`eth+` is every name starting with `eth`; a lone `+` is every interface), and `!` as the complement.
 */

/** A `-i`/`-o` match: `prefix` with `wildcard` for `eth+`, the exact name otherwise. */
export interface InterfaceSet {
  name: string; // without the '+'
  wildcard: boolean;
  negated: boolean;
}

/** Reads `eth0`, `eth+`, `+` with its negation. */
export function parseInterface(value: string, negated: boolean): InterfaceSet {
  const wildcard = value.endsWith('+');
  return { name: wildcard ? value.slice(0, -1) : value, wildcard, negated };
}

type Pattern = { name: string; wildcard: boolean };

function patternContains(outer: Pattern, inner: Pattern): boolean {
  if (outer.wildcard) return inner.name.startsWith(outer.name);
  return !inner.wildcard && inner.name === outer.name;
}

function patternsDisjoint(a: Pattern, b: Pattern): boolean {
  if (!a.wildcard && !b.wildcard) return a.name !== b.name;
  if (a.wildcard && b.wildcard) return !a.name.startsWith(b.name) && !b.name.startsWith(a.name);
  const [exact, wild] = a.wildcard ? [b, a] : [a, b];
  return !exact.name.startsWith(wild.name);
}

/** True when every packet accepted by `inner` (null: any interface) is also accepted by `outer` (null: any). */
export function interfaceCovers(outer: InterfaceSet | null, inner: InterfaceSet | null): boolean {
  if (outer === null) return true;
  const everything = outer.wildcard && outer.name === '';
  if (inner === null) return everything && !outer.negated;
  if (!outer.negated) return everything || (!inner.negated && patternContains(outer, inner));
  // outer is "not P": inner must avoid P entirely.
  return inner.negated ? patternContains(inner, outer) : patternsDisjoint(outer, inner);
}

/** `eth0`, `eth+`, `!net1`: the text iptables printed. */
export function formatInterface(set: InterfaceSet): string {
  return `${set.negated ? '!' : ''}${set.name}${set.wildcard ? '+' : ''}`;
}
