import type { HistoryEntry } from '@natscope/api';

/** A reading on the strip: where (0–1 from the window's start), and what it was. */
export interface TimelineMark {
  id: number;
  at: string;
  pod: string;
  change: 'first' | 'rules' | 'stderr';
  x: number;
}

/** A stretch where the gateway could not be read: from its `error` entry to the `ok` after it (or now). */
export interface TimelineSpan {
  from: number;
  to: number;
  message: string;
}

/** The strip of a gateway's timeline between `since` and `until` (ms): readings as marks, unreadable spans. */
export function timelineLayout(
  entries: readonly HistoryEntry[],
  since: number,
  until: number,
): { marks: TimelineMark[]; spans: TimelineSpan[] } {
  const width = Math.max(1, until - since);
  const place = (t: number) => Math.min(1, Math.max(0, (t - since) / width));
  // Oldest first: spans open at an error and close at the next recovery.
  const ordered = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
  const marks: TimelineMark[] = [];
  const spans: TimelineSpan[] = [];
  let open: { at: number; message: string } | null = null;
  for (const e of ordered) {
    const t = Date.parse(e.at);
    if (e.kind === 'reading') marks.push({ id: e.id, at: e.at, pod: e.pod, change: e.change, x: place(t) });
    if (e.kind === 'status' && e.status === 'error' && open === null)
      open = { at: t, message: e.error?.message ?? 'unreadable' };
    if (e.kind === 'status' && e.status === 'ok' && open !== null) {
      spans.push({ from: place(open.at), to: place(t), message: open.message });
      open = null;
    }
  }
  if (open !== null) spans.push({ from: place(open.at), to: 1, message: open.message });
  return { marks, spans };
}

/** The reading kept just before `id` of the same pod (what a "compare" diffs it with), or null. */
export function readingBefore(entries: readonly HistoryEntry[], id: number): number | null {
  const readings = entries.filter((e): e is Extract<HistoryEntry, { kind: 'reading' }> => e.kind === 'reading');
  const self = readings.find((e) => e.id === id);
  if (!self) return null;
  const older = readings.filter((e) => e.pod === self.pod && e.id < id).sort((a, b) => b.id - a.id);
  return older[0]?.id ?? null;
}
