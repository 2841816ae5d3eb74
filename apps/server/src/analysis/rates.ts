import type { Counters, InspectReport } from '@natscope/api';
import type { Dump } from '@natscope/iptables';

/** A reading's rule counters, keyed by table, chain, rule text and occurrence (duplicates are real: F3, F4). */
export interface CounterSnapshot {
  at: number; // ms since the epoch
  counters: Map<string, Counters>;
}

interface KeyedRule {
  text: string;
  counters: Counters | null;
}

/** Calls `fn` with each rule's key: table + chain + rule text + which occurrence of that text in the chain. */
function eachKeyed<R extends KeyedRule>(
  tables: readonly { name: string; chains: readonly { name: string; rules: readonly R[] }[] }[],
  fn: (key: string, rule: R) => void,
): void {
  for (const table of tables) {
    for (const chain of table.chains) {
      const seen = new Map<string, number>();
      for (const rule of chain.rules) {
        const n = (seen.get(rule.text) ?? 0) + 1;
        seen.set(rule.text, n);
        fn(`${table.name}\u0000${chain.name}\u0000${rule.text}\u0000${n}`, rule);
      }
    }
  }
}

/** The counters of a parsed dump taken at `at`. */
export function counterSnapshot(dump: Dump, at: number): CounterSnapshot {
  const counters = new Map<string, Counters>();
  eachKeyed(dump.tables, (key, rule) => {
    if (rule.counters) counters.set(key, rule.counters);
  });
  return { at, counters };
}

/**
 * Fills `rate` on every rule of `report` (taken at `at`) with packets and bytes per second since `previous`,
 * matching rules by table + chain + rule text, so a rule inserted above does not shift the others' rates. A
 * rule that is new, has no counters, or whose counters went down (the pod restarted, or someone zeroed
 * them) gets null; so does every rule of a first reading.
 */
export function fillRates(report: InspectReport, at: number, previous: CounterSnapshot | null): void {
  const seconds = previous ? (at - previous.at) / 1000 : 0;
  eachKeyed(report.tables, (key, rule) => {
    const before = previous?.counters.get(key);
    if (
      !rule.counters ||
      !before ||
      seconds <= 0 ||
      rule.counters.packets < before.packets ||
      rule.counters.bytes < before.bytes
    ) {
      rule.rate = null;
      return;
    }
    rule.rate = {
      packetsPerSecond: (rule.counters.packets - before.packets) / seconds,
      bytesPerSecond: (rule.counters.bytes - before.bytes) / seconds,
    };
  });
}

/**
 * The same as fillRates for a previous reading of the same shape (only counters differ), matching rules by
 * position: `lines[i]` is the input line of counter pair i in both readings.
 */
export function fillRatesByLine(
  report: InspectReport,
  at: number,
  previous: { at: number; counters: Float64Array },
  lines: Int32Array,
): void {
  const seconds = (at - previous.at) / 1000;
  const index = new Map<number, number>();
  lines.forEach((line, i) => index.set(line, i));
  for (const table of report.tables) {
    for (const chain of table.chains) {
      for (const rule of chain.rules) {
        const i = index.get(rule.line);
        const packets = i === undefined ? undefined : previous.counters[2 * i];
        const bytes = i === undefined ? undefined : previous.counters[2 * i + 1];
        if (
          !rule.counters ||
          packets === undefined ||
          bytes === undefined ||
          seconds <= 0 ||
          rule.counters.packets < packets ||
          rule.counters.bytes < bytes
        ) {
          rule.rate = null;
          continue;
        }
        rule.rate = {
          packetsPerSecond: (rule.counters.packets - packets) / seconds,
          bytesPerSecond: (rule.counters.bytes - bytes) / seconds,
        };
      }
    }
  }
}
