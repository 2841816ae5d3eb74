import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDumpBytes, encodeDump } from '@natscope/iptables';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanCounters } from '../collector/scan-counters.js';
import { HistoryError } from './history-error.js';
import { HISTORY_FILE, HistoryStore, type HistoryBatch, type HistoryStoreOptions } from './history-store.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../../packages/natgw/fixtures/diff/${name}.txt`, import.meta.url), 'latin1');
const BEFORE = fixture('fip-moved-v116-legacy.before');
const AFTER = fixture('fip-moved-v116-legacy.after');
const DAY = 86_400_000;

let dir: string;
let clock: number;
const stores: HistoryStore[] = [];

function open(options: Partial<HistoryStoreOptions> = {}): HistoryStore {
  const store = HistoryStore.open({ dir, retentionDays: 14, retentionMb: null, now: () => clock, ...options });
  stores.push(store);
  return store;
}

function reading(raw: string, at: number, pod = 'vpc-nat-gw-gw1-0'): HistoryBatch {
  const scan = scanCounters(raw, 'legacy\n');
  return {
    readings: [{ namespace: 'ns1', gateway: 'gw1', pod, at, shape: scan.shape, backend: 'legacy', stderr: '', raw }],
    samples: [{ namespace: 'ns1', gateway: 'gw1', pod, at, counters: scan.counters }],
    statuses: [],
    drifts: [],
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'natscope-history-'));
  clock = Date.UTC(2026, 11, 1, 9, 0, 0);
});

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HistoryStore', () => {
  it('gives back a reading as the exact bytes the pod printed, counters and header times included', () => {
    const store = open();
    store.write(reading(BEFORE, clock));
    const [event] = store.events('ns1', 'gw1', { limit: 10 });
    expect(event).toMatchObject({ kind: 'reading', pod: 'vpc-nat-gw-gw1-0', change: 'first' });
    expect(store.reading('ns1', 'gw1', event?.id ?? 0)?.raw).toBe(BEFORE);
    expect(store.reading('ns2', 'gw1', event?.id ?? 0)).toBeNull();
  });

  it('keeps the bytes of a reading that are not UTF-8, and tells two such readings apart', () => {
    const odd = readFileSync(
      new URL('../../../../packages/iptables/fixtures/odd-bytes-v116-legacy.txt', import.meta.url),
    );
    const raw = decodeDumpBytes(odd); // as the collector reads the pod: a Latin-1 0xe9 is U+DCE9
    // The same dump with the Latin-1 é (0xe9) of its comment turned into è (0xe8): one byte apart, both not UTF-8.
    const other = raw.replace('caf\udce9', 'caf\udce8');
    expect(other).not.toBe(raw);
    const store = open();
    store.write(reading(raw, clock));
    store.write(reading(other, clock + 10_000));
    const [last, first] = store.events('ns1', 'gw1', { limit: 10 });
    expect(last).toMatchObject({ change: 'rules' });
    expect(Buffer.from(encodeDump(store.reading('ns1', 'gw1', first?.id ?? 0)?.raw ?? ''))).toEqual(odd);
    expect(store.reading('ns1', 'gw1', last?.id ?? 0)?.raw).toBe(other);
  });

  it('keeps its readings, statuses and last rule change across a restart', () => {
    const first = open();
    first.write(reading(BEFORE, clock));
    first.write({
      readings: [],
      samples: [],
      statuses: [
        { namespace: 'ns1', gateway: 'gw1', at: clock + 5000, status: 'error', code: 'exec-timeout', message: 'slow' },
      ],
      drifts: [],
    });
    first.write(reading(AFTER, clock + 10_000));
    first.close();

    const again = open();
    const events = again.events('ns1', 'gw1', { limit: 10 });
    expect(events.map((e) => e.kind)).toEqual(['reading', 'status', 'reading']);
    expect(events[0]).toMatchObject({ change: 'rules', at: clock + 10_000 });
    expect(again.reading('ns1', 'gw1', events[0]?.id ?? 0)?.raw).toBe(AFTER);
    const known = again.lastKnown();
    expect(known.shapes.get('ns1/gw1/vpc-nat-gw-gw1-0')).toBe(scanCounters(AFTER, 'legacy\n').shape);
    expect(known.statuses.get('ns1/gw1')).toBe('error');
    expect(known.ruleChanges.get('ns1/gw1')).toBe(clock + 10_000);
  });

  it('stores a text once however many readings have it', () => {
    const store = open();
    for (let i = 0; i < 5; i++) store.write(reading(i % 2 ? AFTER : BEFORE, clock + i * 1000));
    store.close();
    const db = readFileSync(join(dir, HISTORY_FILE));
    expect(db.length).toBeGreaterThan(0);
    const again = open();
    expect(again.events('ns1', 'gw1', { limit: 10 })).toHaveLength(5);
  });

  it('pages newest first with a cursor and a time window', () => {
    const store = open();
    for (let i = 0; i < 5; i++) store.write(reading(i % 2 ? AFTER : BEFORE, clock + i * 1000));
    const page1 = store.events('ns1', 'gw1', { limit: 2 });
    const page2 = store.events('ns1', 'gw1', { limit: 2, before: page1[1]?.id ?? 0 });
    expect([...page1, ...page2].map((e) => e.at)).toEqual([4, 3, 2, 1].map((i) => clock + i * 1000));
    expect(store.events('ns1', 'gw1', { limit: 10, since: clock + 1000, until: clock + 2000 })).toHaveLength(2);
  });

  it('decodes a counter sample from its keyframe and the deltas after it', () => {
    const store = open();
    const scan = scanCounters(BEFORE, '');
    for (let i = 0; i < 5; i++) {
      const counters = scan.counters.map((c) => c + i * 7);
      store.write({
        readings: [],
        samples: [{ namespace: 'ns1', gateway: 'gw1', pod: 'p', at: clock + i * 60_000, counters }],
        statuses: [],
        drifts: [],
      });
    }
    const sample = store.counterSample('ns1', 'gw1', 'p', clock + 3 * 60_000 + 5);
    expect(sample?.at).toBe(clock + 3 * 60_000);
    expect(Array.from(sample?.counters ?? [])).toEqual(Array.from(scan.counters.map((c) => c + 21)));
  });

  it('prunes what is older than the retention, but keeps each pod’s latest reading', () => {
    const store = open({ retentionDays: 1 });
    store.write(reading(BEFORE, clock - 3 * DAY, 'old-pod'));
    store.write(reading(BEFORE, clock - 2 * DAY));
    store.write(reading(AFTER, clock - 2 * DAY + 1000));
    store.write(reading(BEFORE, clock - 1000));
    store.prune();
    const events = store.events('ns1', 'gw1', { limit: 10 });
    expect(events.map((e) => [e.kind === 'reading' ? e.pod : '', e.at])).toEqual([
      ['vpc-nat-gw-gw1-0', clock - 1000],
      ['old-pod', clock - 3 * DAY],
    ]);
  });

  it('prunes the oldest history first to stay under the size limit', () => {
    const store = open({ retentionMb: 0.25 });
    // Different texts (a comment each) so that every reading costs its own compressed text.
    for (let i = 0; i < 400; i++) {
      const raw = BEFORE.replace(
        '-j DNAT --to-destination 10.0.1.5',
        `-m comment --comment "r${i} ${'x'.repeat(200)}${i * 7919}" -j DNAT --to-destination 10.0.1.5`,
      );
      store.write(reading(raw, clock - (400 - i) * 60_000));
    }
    expect(store.usedBytes()).toBeGreaterThan(0.25 * 1024 * 1024);
    store.prune();
    expect(store.usedBytes()).toBeLessThanOrEqual(0.25 * 1024 * 1024);
    const left = store.events('ns1', 'gw1', { limit: 1000 });
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(400);
    // The newest were kept.
    expect(left[0]?.at).toBe(clock - 60_000);
  });

  it('refuses a data dir it cannot create, in one line', () => {
    writeFileSync(join(dir, 'a-file'), '');
    let error: unknown;
    try {
      open({ dir: join(dir, 'a-file', 'history') });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(HistoryError);
    expect((error as HistoryError).fault).toBe('unwritable');
    expect((error as HistoryError).message).toBe(
      `cannot write the data dir ${join(dir, 'a-file', 'history')} (ENOTDIR): set NATSCOPE_DATA_DIR or --data-dir to a folder natscope may write`,
    );
  });

  it('says so when another natscope has the database', () => {
    open();
    expect(() => open()).toThrow(
      new HistoryError(
        'locked',
        `the history ${join(dir, HISTORY_FILE)} is in use by another natscope (database locked); give this one its own --data-dir`,
      ),
    );
  });

  it('sets a corrupt file aside and starts a new one, saying so', () => {
    writeFileSync(join(dir, HISTORY_FILE), 'this is not a database, '.repeat(400));
    const lines: string[] = [];
    const store = open({ log: (line) => lines.push(line) });
    const aside = readdirSync(dir).filter((f) => f.startsWith(`${HISTORY_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(store.state()).toMatchObject({
      enabled: true,
      reason: expect.stringContaining('was corrupt and was set aside'),
    });
    expect(lines).toHaveLength(1);
    store.write(reading(BEFORE, clock));
    expect(store.events('ns1', 'gw1', { limit: 10 })).toHaveLength(1);
  });

  it('turns history off, with the reason and one log line, when the disk is full, and keeps answering', () => {
    const lines: string[] = [];
    // A page limit is how SQLite sees a full disk: the write that needs one more page fails with SQLITE_FULL.
    const store = open({ log: (line) => lines.push(line), maxPageCount: 20 });
    for (let i = 0; i < 50 && store.state().enabled; i++) {
      store.write(reading(BEFORE.replace('10.0.1.5', `10.0.${i}.5`), clock + i));
    }
    expect(store.state()).toMatchObject({
      enabled: false,
      reason: expect.stringMatching(/^history is off: the disk holding .* is full/),
    });
    expect(lines).toEqual([`natscope: ${store.state().reason ?? ''}`]);
    expect(store.events('ns1', 'gw1', { limit: 10 })).toEqual([]);
    store.write(reading(BEFORE, clock + 100));
    expect(lines).toHaveLength(1);
  });
});
