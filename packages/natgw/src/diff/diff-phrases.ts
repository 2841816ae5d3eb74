import type { Mapping, ReadingDiff } from '@natscope/api';
import { diagnosticPhrase } from '../checks/diagnostic-phrase.js';
import { mappingSummary } from '../mappings/mapping-phrase.js';

const KIND: Record<Mapping['kind'], string> = {
  fip: 'floating IP',
  dnat: 'port forward',
  snat: 'SNAT',
  hairpin: 'hairpin',
};

/** A mapping as a change names it: what kind it is, then how its rules read (`floating IP 192.168.100.11 ⇄ 10.0.1.5`). */
function named(m: Mapping): string {
  // A hairpin's summary already starts with its kind.
  return m.kind === 'hairpin' ? mappingSummary(m) : `${KIND[m.kind]} ${mappingSummary(m)}`;
}

/** When each mapping change was seen, already written for people, parallel to the diff's mapping lists. */
export interface DiffPhraseTimes {
  added: readonly string[];
  removed: readonly string[];
  changed: readonly string[];
}

/**
 * The changes of a diff in words, one line each, mappings first (what a person asks about: "what happened to
 * this EIP?"), then reordered chains and diagnostics. Given `times`, each mapping change ends with when it was
 * seen ("floating IP 192.168.100.11 ⇄ 10.0.1.5 removed at 02:58:03"). Rules are left to the diff's own lists; a
 * diff with no change gives no line.
 */
export function diffPhrases(d: ReadingDiff, times?: DiffPhraseTimes): string[] {
  const at = (list: readonly string[] | undefined, i: number) => (list?.[i] ? ` at ${list[i]}` : '');
  return [
    ...d.mappings.removed.map((m, i) => `${named(m)} removed${at(times?.removed, i)}`),
    ...d.mappings.added.map((m, i) => `${named(m)} added${at(times?.added, i)}`),
    ...d.mappings.changed.map(
      ({ before, after }, i) => `${named(before)} changed${at(times?.changed, i)}: now ${mappingSummary(after)}`,
    ),
    ...d.reordered.map((chain) => `${chain}: the same rules in another order`),
    ...d.diagnostics.appeared.map((x) => `${x.severity} appeared: ${diagnosticPhrase(x.code)}`),
    ...d.diagnostics.resolved.map((x) => `${x.severity} resolved: ${diagnosticPhrase(x.code)}`),
  ];
}
