import type { GatewayDiff, Mapping, ReadingRef } from '@natscope/api';
import { diff, mappingKey } from '@natscope/natgw';
import type { AnalysedReadings } from '../analysis/analysed-readings.js';
import type { HistoryStore, StoredReading } from '../history/history-store.js';
import { analysedStored } from './stored-detail.js';

/** Past this many kept readings between the two, each change is dated by `to` alone (a reading is analysed per step). */
const MAX_STEPS = 50;
/** The timeline entries read to find them (readings, statuses and drift findings of the gateway in the range). */
const EVENTS_LIMIT = 1000;

/**
 * `GET …/diff`: Contract 6 from `from` to `to`, and when each mapping change was seen. The diff itself compares the two
 * readings only; the dates walk the pod's kept readings between them (each one a change of its rules), so "floating IP
 * removed at 02:58:03" names the reading that removed it, not merely the end of the range.
 */
export function gatewayDiff(
  store: HistoryStore,
  readings: AnalysedReadings,
  from: StoredReading,
  to: StoredReading,
): GatewayDiff {
  const before = analysedStored(readings, from);
  const after = analysedStored(readings, to);
  const d = diff(
    { mappings: before.report.mappings, diagnostics: before.report.diagnostics, tables: before.dump.tables },
    { mappings: after.report.mappings, diagnostics: after.report.diagnostics, tables: after.dump.tables },
  );
  // The two ends are analysed already: the walk reuses them rather than scanning their text again.
  const known = new Map([
    [from.id, before.report.mappings],
    [to.id, after.report.mappings],
  ]);
  const seen = changeTimes(
    store,
    (stored) => known.get(stored.id) ?? analysedStored(readings, stored).report.mappings,
    from,
    to,
  );
  const when = (m: Mapping) => iso(seen.get(mappingKey(m)) ?? to.at);
  return {
    ...d,
    namespace: from.namespace,
    name: from.gateway,
    from: ref(from),
    to: ref(to),
    changedAt: {
      added: d.mappings.added.map(when),
      removed: d.mappings.removed.map(when),
      changed: d.mappings.changed.map((c) => when(c.after)),
    },
  };
}

/**
 * Per mapping identity, the time of the last step from `from` to `to` that changed it. Empty (every change dated by
 * `to`) when there is no kept reading between the two, which is exact then, or too many to walk.
 */
function changeTimes(
  store: HistoryStore,
  mappingsOf: (stored: StoredReading) => readonly Mapping[],
  from: StoredReading,
  to: StoredReading,
): Map<string, number> {
  const seen = new Map<string, number>();
  if (from.pod !== to.pod || from.id >= to.id) return seen;
  // Statuses and drift findings share the timeline: a page that fills its limit may have left readings out.
  const events = store.events(from.namespace, from.gateway, { since: from.at, until: to.at, limit: EVENTS_LIMIT });
  const between = events
    .filter((e) => e.kind === 'reading' && e.pod === from.pod && e.id > from.id && e.id < to.id)
    .map((e) => e.id)
    .reverse();
  if (between.length === 0 || between.length > MAX_STEPS || events.length === EVENTS_LIMIT) return seen;
  let previous = from;
  for (const id of [...between, to.id]) {
    const next = id === to.id ? to : store.reading(from.namespace, from.gateway, id);
    if (!next) continue;
    // A step's dates need its mappings alone: no tables, so the rule multisets are not built per step.
    const step = diff(
      { mappings: mappingsOf(previous), diagnostics: [], tables: [] },
      { mappings: mappingsOf(next), diagnostics: [], tables: [] },
    );
    for (const m of [...step.mappings.added, ...step.mappings.removed, ...step.mappings.changed.map((c) => c.after)])
      seen.set(mappingKey(m), next.at);
    previous = next;
  }
  return seen;
}

function ref(stored: StoredReading): ReadingRef {
  return { id: stored.id, at: iso(stored.at), pod: stored.pod };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
