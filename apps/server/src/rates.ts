import type { Counters, InspectReport } from '@natscope/api';

/** A reading's rule counters, keyed by table, chain, rule text and occurrence (duplicates are real: F3, F4). */
export interface CounterSnapshot {
  at: number; // ms since the epoch
  counters: Map<string, Counters>;
}

/**
 * Fills `rate` on every rule of `report` with packets and bytes per second since `previous`, matching rules
 * by table + chain + rule text (so a rule inserted above does not shift the others' rates). A rule that is
 * new, has no counters, or whose counters went down (the pod restarted, or someone zeroed them) gets null.
 * Returns this reading's snapshot for the next call.
 */
export function fillRates(report: InspectReport, at: number, previous: CounterSnapshot | null): CounterSnapshot {
  const counters = new Map<string, Counters>();
  const seconds = previous ? (at - previous.at) / 1000 : 0;
  for (const table of report.tables) {
    for (const chain of table.chains) {
      const seen = new Map<string, number>();
      for (const rule of chain.rules) {
        const n = (seen.get(rule.text) ?? 0) + 1;
        seen.set(rule.text, n);
        const key = `${table.name}\u0000${chain.name}\u0000${rule.text}\u0000${n}`;
        if (rule.counters) counters.set(key, rule.counters);
        const before = previous?.counters.get(key);
        if (!rule.counters || !before || seconds <= 0 || rule.counters.packets < before.packets || rule.counters.bytes < before.bytes) {
          rule.rate = null;
        } else {
          rule.rate = {
            packetsPerSecond: (rule.counters.packets - before.packets) / seconds,
            bytesPerSecond: (rule.counters.bytes - before.bytes) / seconds,
          };
        }
      }
    }
  }
  return { at, counters };
}
