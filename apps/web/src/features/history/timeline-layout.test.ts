import type { HistoryEntry } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { readingBefore, timelineLayout } from './timeline-layout.js';

const T0 = Date.parse('2026-12-07T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const reading = (id: number, minutes: number, pod = 'vpc-nat-gw-a-0'): HistoryEntry => ({
  kind: 'reading',
  id,
  at: at(minutes),
  pod,
  backend: 'legacy',
  change: id === 1 ? 'first' : 'rules',
  stderr: '',
});

describe('timelineLayout', () => {
  it('places readings along the window and spans the unreadable stretches', () => {
    const entries: HistoryEntry[] = [
      reading(4, 50),
      { kind: 'status', id: 3, at: at(40), status: 'ok', error: null },
      { kind: 'status', id: 2, at: at(20), status: 'error', error: { code: 'exec-timeout', message: 'timed out' } },
      reading(1, 0),
    ];
    const { marks, spans } = timelineLayout(entries, T0, T0 + 60 * 60_000);
    expect(marks.map((m) => [m.id, m.x])).toEqual([
      [1, 0],
      [4, 50 / 60],
    ]);
    expect(spans).toEqual([{ from: 20 / 60, to: 40 / 60, message: 'timed out' }]);
  });

  it('keeps a stretch open until now when the gateway has not recovered', () => {
    const entries: HistoryEntry[] = [
      { kind: 'status', id: 2, at: at(30), status: 'error', error: { code: 'exec-failed', message: 'gone' } },
    ];
    expect(timelineLayout(entries, T0, T0 + 60 * 60_000).spans).toEqual([{ from: 0.5, to: 1, message: 'gone' }]);
  });
});

describe('readingBefore', () => {
  it('is the same pod’s previous reading', () => {
    const entries = [reading(5, 30), reading(4, 20, 'vpc-nat-gw-a-1'), reading(2, 10), reading(1, 0)];
    expect(readingBefore(entries, 5)).toBe(2);
    expect(readingBefore(entries, 1)).toBeNull();
    expect(readingBefore(entries, 9)).toBeNull();
  });
});
