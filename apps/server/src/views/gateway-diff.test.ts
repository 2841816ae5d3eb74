import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalysedReadings } from '../analysis/analysed-readings.js';
import { scanCounters } from '../collector/scan-counters.js';
import { HistoryStore, type StoredReading } from '../history/history-store.js';
import { gatewayDiff } from './gateway-diff.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../../packages/natgw/fixtures/diff/${name}.txt`, import.meta.url), 'utf8');
const BEFORE = fixture('fip-moved-v116-legacy.before');
const AFTER = fixture('fip-moved-v116-legacy.after');
// The moved floating IP's rules, and later one more rule that no mapping is made of.
const AFTER_AND_MORE = AFTER.replace(
  '-A POSTROUTING -j SNAT_FILTER\n',
  '-A POSTROUTING -j SNAT_FILTER\n[0:0] -A POSTROUTING -o lo -j RETURN\n',
);
const T0 = Date.UTC(2026, 11, 1, 2, 50, 0);
const POD = 'vpc-nat-gw-gw1-0';

let dir: string;
let store: HistoryStore;
const readings = new AnalysedReadings();

function keep(raw: string, at: number): StoredReading {
  const scan = scanCounters(raw, '');
  store.write({
    readings: [
      { namespace: 'ns1', gateway: 'gw1', pod: POD, at, shape: scan.shape, backend: 'legacy', stderr: '', raw },
    ],
    samples: [],
    statuses: [],
    drifts: [],
  });
  const id = store.latestReadingId('ns1', 'gw1', POD) ?? 0;
  const stored = store.reading('ns1', 'gw1', id);
  if (!stored) throw new Error('the reading was not kept');
  return stored;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'natscope-gateway-diff-'));
  store = HistoryStore.open({ dir, retentionDays: 14, retentionMb: null, now: () => T0 + 3_600_000 });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('gatewayDiff', () => {
  it('dates a mapping change by the kept reading that made it, not by the end of the range', () => {
    const first = keep(BEFORE, T0);
    keep(AFTER, T0 + 483_000); // 02:58:03: the floating IP moved
    const last = keep(AFTER_AND_MORE, T0 + 600_000); // 03:00:00: a rule with no mapping
    const d = gatewayDiff(store, readings, first, last);
    expect(d.mappings.changed).toMatchObject([
      { before: { kind: 'fip', internalIp: '10.0.1.5' }, after: { kind: 'fip', internalIp: '10.0.1.6' } },
    ]);
    expect(d.changedAt.changed).toEqual(['2026-12-01T02:58:03.000Z']);
    expect(d.rules.added.map((r) => r.text)).toContain('-A POSTROUTING -o lo -j RETURN');
    expect(d.from).toEqual({ id: first.id, at: '2026-12-01T02:50:00.000Z', pod: POD });
    expect(d.to).toMatchObject({ id: last.id, at: '2026-12-01T03:00:00.000Z' });
  });

  it('dates by the later reading when the two are next to each other, and names both', () => {
    const first = keep(BEFORE, T0);
    const moved = keep(AFTER, T0 + 483_000);
    const d = gatewayDiff(store, readings, first, moved);
    expect(d.changedAt.changed).toEqual(['2026-12-01T02:58:03.000Z']);
    expect(d).toMatchObject({ namespace: 'ns1', name: 'gw1' });
  });
});
