import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriftReport } from '@natscope/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CollectError } from '../collector/collect-error.js';
import type { GatewayState, PodState } from '../collector/gateway-state.js';
import { scanCounters } from '../collector/scan-counters.js';
import { bareGateway, bareReading } from '../test-support/bare-reading.js';
import { HistoryRecorder } from './history-recorder.js';
import { HistoryStore } from './history-store.js';

// The recorder between a collector's events and real SQLite: what a pass leaves in the history.

const dump = readFileSync(
  new URL('../../../../packages/natgw/fixtures/diff/counters-only-v116-nft.before.txt', import.meta.url),
  'utf8',
);
const later = readFileSync(
  new URL('../../../../packages/natgw/fixtures/diff/counters-only-v116-nft.after.txt', import.meta.url),
  'utf8',
);
const T0 = Date.UTC(2026, 11, 1, 9);

let dir: string;
let clock: number;
let store: HistoryStore;
let pod: PodState;
let gw: GatewayState;
let drift: DriftReport;
let recorder: HistoryRecorder;

/** One pass of the collector over the gateway: its pod read (or failing), its status, the pass's end. */
function pass(at: number, raw: string | CollectError): void {
  clock = at;
  const before = pod.error ? 'error' : pod.good ? 'ok' : 'pending';
  if (typeof raw === 'string') {
    pod.good = bareReading(raw, at, 'nft');
    pod.error = null;
    recorder.listener({ type: 'reading', gateway: gw, pod, reading: pod.good });
  } else {
    pod.error = raw;
    recorder.listener({ type: 'error', gateway: gw, pod, error: raw });
  }
  const after = pod.error ? 'error' : 'ok';
  if (after !== before) recorder.listener({ type: 'status', gateway: gw, before, after });
  recorder.listener({ type: 'pass', stats: { durationMs: 1, gateways: 1, pods: 1, failed: pod.error ? 1 : 0 } });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'natscope-recorder-'));
  clock = T0;
  store = HistoryStore.open({ dir, retentionDays: 14, retentionMb: null, now: () => clock });
  ({ gw, pod } = bareGateway('ns1', 'gw1'));
  drift = { gateway: 'gw1', status: 'in-sync', drifts: [], resources: [] };
  recorder = new HistoryRecorder({ store, gateways: () => [gw], drift: { podReport: () => drift }, now: () => clock });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HistoryRecorder', () => {
  it('keeps a reading only when the rules change, and counters at most once a minute', () => {
    for (let s = 0; s < 180; s += 10) pass(T0 + s * 1000, s < 120 ? dump : later);
    const kinds = store.events('ns1', 'gw1', { limit: 100 }).map((e) => e.kind);
    // The two dumps differ only in counters: one reading; the status once; the drift once.
    expect(kinds.filter((k) => k === 'reading')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'status')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'drift')).toHaveLength(1);
    // Samples at 0, 60 and 120 s: the last one has the later counters.
    const at120 = store.counterSample('ns1', 'gw1', 'vpc-nat-gw-gw1-0', T0 + 179_000);
    expect(at120?.at).toBe(T0 + 120_000);
    expect(Array.from(at120?.counters ?? [])).toEqual(Array.from(scanCounters(later, '').counters));
    expect(store.counterSample('ns1', 'gw1', 'vpc-nat-gw-gw1-0', T0 + 59_000)?.at).toBe(T0);
  });

  it('says when a gateway became unreadable and why, and when it recovered', () => {
    pass(T0, dump);
    pass(T0 + 10_000, new CollectError('exec-timeout', 'ns1/vpc-nat-gw-gw1-0: no answer within 10 s'));
    pass(T0 + 20_000, new CollectError('exec-timeout', 'ns1/vpc-nat-gw-gw1-0: no answer within 10 s'));
    pass(T0 + 30_000, dump);
    const statuses = store.events('ns1', 'gw1', { limit: 100 }).filter((e) => e.kind === 'status');
    expect(statuses.map((e) => (e.kind === 'status' ? [e.status, e.code, e.at - T0] : []))).toEqual([
      ['ok', null, 30_000],
      ['error', 'exec-timeout', 10_000],
      ['ok', null, 0],
    ]);
  });

  it('keeps every change of the drift findings', () => {
    pass(T0, dump);
    drift = {
      ...drift,
      status: 'drifted',
      drifts: [
        { code: 'rule-missing', severity: 'error', message: 'gone', resource: null, eip: '192.168.100.11', rules: [] },
      ],
    };
    pass(T0 + 10_000, dump);
    pass(T0 + 20_000, dump);
    const drifts = store.events('ns1', 'gw1', { limit: 100 }).filter((e) => e.kind === 'drift');
    expect(drifts.map((e) => (e.kind === 'drift' ? e.status : ''))).toEqual(['drifted', 'in-sync']);
  });

  it('gives the gateway’s last rule change, also to the next recorder after a restart', () => {
    pass(T0, dump);
    expect(recorder.lastRuleChange('ns1', 'gw1')).toBe(T0);
    store.close();
    store = HistoryStore.open({ dir, retentionDays: 14, retentionMb: null, now: () => clock });
    recorder = new HistoryRecorder({ store, gateways: () => [gw], now: () => clock });
    expect(recorder.lastRuleChange('ns1', 'gw1')).toBe(T0);
    expect(recorder.lastRuleChange('ns1', 'other')).toBeNull();
  });
});
