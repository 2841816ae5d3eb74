import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { fixtureExec, gatewayPod, type KubeSim } from '@natscope/kube-sim';
import {
  ApiError,
  GatewayDetail,
  GatewayDiff,
  GatewayList,
  GatewayTrace,
  HistoryPage,
  HistoryStatus,
  ReadingDiff,
} from '@natscope/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../http/app.js';
import type { Collector } from '../collector/collector.js';
import { backendMarker } from '../collector/gateway-command.js';
import { HistoryRecorder } from '../history/history-recorder.js';
import { HistoryStore } from '../history/history-store.js';
import type { HistoryAccess } from '../history/history-access.js';
import { collectorFor, startFleet } from '../test-support/fixture-fleet.js';
import type { KubeClient } from '../kube/kube-client.js';

// The history API over real readings: kube-sim serves a gateway whose rules change between polls (a floating IP
// moved to another VM, then the pod unreadable for a poll, then back), the collector reads it with client-node, and
// the store keeps it in real SQLite in a temporary folder.

const diffFixture = (name: string): string =>
  readFileSync(new URL(`../../../../packages/natgw/fixtures/diff/${name}.txt`, import.meta.url), 'utf8');
const BEFORE = diffFixture('fip-moved-v116-legacy.before');
const AFTER = diffFixture('fip-moved-v116-legacy.after');
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const base = '/api/gateways/kube-system/gw1';

let sim: KubeSim;
let client: KubeClient;
let collector: Collector;
let store: HistoryStore;
let dir: string;
let clock = T0;
let app: ReturnType<typeof createApp>;
let times: number[] = [];

/** The app over the collector, with this history (none: a server without history). */
function appWith(s?: HistoryStore, recorder?: HistoryRecorder): ReturnType<typeof createApp> {
  const history: HistoryAccess | undefined =
    s && recorder ? { store: s, reason: null, changes: recorder, retentionDays: 14, retentionMb: null } : undefined;
  return createApp({
    collector,
    source: 'kubernetes',
    context: 'test',
    webDist: null,
    log: () => undefined,
    now: () => clock,
    ...(history ? { history } : {}),
  });
}

async function poll(pod: Parameters<KubeSim['setPod']>[0], at: number): Promise<void> {
  sim.setPod(pod);
  clock = at;
  await collector.refresh();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'natscope-history-api-'));
  const fleet = await startFleet({
    pods: [gatewayPod({ gateway: 'gw1', exec: fixtureExec(backendMarker('legacy') + BEFORE) })],
  });
  sim = fleet.sim;
  client = fleet.client;
  collector = collectorFor(client, { execTimeoutMs: 3000, now: () => clock });
  store = HistoryStore.open({ dir, retentionDays: 14, retentionMb: null, now: () => clock });
  const recorder = new HistoryRecorder({ store, gateways: () => collector.list(), now: () => clock });
  collector.subscribe(recorder.listener);
  await collector.refresh(); // T0: the first reading
  await poll(gatewayPod({ gateway: 'gw1', exec: fixtureExec(backendMarker('legacy') + BEFORE) }), T0 + 10_000); // counters only
  await poll(gatewayPod({ gateway: 'gw1', exec: fixtureExec(backendMarker('legacy') + AFTER) }), T0 + 20_000); // FIP moved
  await poll(gatewayPod({ gateway: 'gw1', fault: 'forbidden' }), T0 + 30_000); // unreadable
  await poll(gatewayPod({ gateway: 'gw1', exec: fixtureExec(backendMarker('legacy') + AFTER) }), T0 + 40_000); // back
  times = [T0, T0 + 20_000];
  app = appWith(store, recorder);
});

afterAll(async () => {
  await collector.stop();
  await sim.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function page(query: Record<string, string> = {}): Promise<HistoryPage> {
  const res = await request(app).get(`${base}/history`).query(query).expect(200);
  return HistoryPage.parse(res.body);
}

function apiError(body: unknown, code: string): string {
  const parsed = ApiError.parse(body);
  expect(parsed.error.code).toBe(code);
  return parsed.error.message;
}

describe('GET /api/gateways/:namespace/:name/history', () => {
  it('lists rule changes and status changes, newest first; counters that moved are no entry', async () => {
    const { entries, next } = await page();
    expect(
      entries.map((e) => [
        e.kind,
        e.kind === 'status' ? e.status : e.kind === 'reading' ? e.change : '',
        Date.parse(e.at) - T0,
      ]),
    ).toEqual([
      ['status', 'ok', 40_000],
      ['status', 'error', 30_000],
      ['reading', 'rules', 20_000],
      ['status', 'ok', 0],
      ['reading', 'first', 0],
    ]);
    expect(entries[1]).toMatchObject({
      error: { code: 'exec-forbidden', message: expect.stringContaining('vpc-nat-gw-gw1-0') },
    });
    expect(next).toBeNull();
  });

  it('pages with limit and cursor, and keeps to since and until', async () => {
    const first = await page({ limit: '2' });
    expect(first.entries).toHaveLength(2);
    expect(first.next).not.toBeNull();
    const second = await page({ limit: '2', cursor: first.next ?? '' });
    const third = await page({ limit: '2', cursor: second.next ?? '' });
    expect([...first.entries, ...second.entries, ...third.entries].map((e) => e.id)).toEqual(
      (await page()).entries.map((e) => e.id),
    );
    const window = await page({
      since: new Date(T0 + 10_000).toISOString(),
      until: new Date(T0 + 30_000).toISOString(),
    });
    expect(window.entries.map((e) => e.kind)).toEqual(['status', 'reading']);
  });

  it('refuses what it does not know, saying which parameter', async () => {
    const bad = async (query: Record<string, string>, words: string) => {
      const res = await request(app).get(`${base}/history`).query(query).expect(400);
      expect(apiError(res.body, 'bad-request')).toContain(words);
    };
    await bad({ limit: '0' }, 'limit');
    await bad({ limit: '1001' }, 'limit');
    await bad({ since: 'yesterday' }, 'since');
    await bad({ cursor: "1' OR 1=1 --" }, 'cursor');
    await bad({ order: 'asc' }, 'unknown query parameter "order"');
    const res = await request(app).get('/api/gateways/kube-system/nope/history').expect(404);
    apiError(res.body, 'not-found');
  });
});

describe('GET /api/gateways/:namespace/:name/readings/:id', () => {
  it('serves a kept reading as the gateway detail it was: its raw bytes, mappings and time', async () => {
    const { entries } = await page();
    const first = entries.find((e) => e.kind === 'reading' && e.change === 'first');
    const res = await request(app)
      .get(`${base}/readings/${first?.id ?? 0}`)
      .expect(200);
    const detail = GatewayDetail.parse(res.body);
    expect(detail).toMatchObject({
      namespace: 'kube-system',
      name: 'gw1',
      pod: 'vpc-nat-gw-gw1-0',
      status: 'ok',
      health: 'healthy',
    });
    expect(detail.collectedAt).toBe(new Date(times[0] ?? 0).toISOString());
    expect(detail.raw).toBe(BEFORE);
    expect(detail.report?.mappings.find((m) => m.kind === 'fip')).toMatchObject({
      eip: '192.168.100.11',
      internalIp: '10.0.1.5',
    });
    expect(detail.drift.status).toBe('unknown');
  });

  it('answers 404 for a reading it does not keep, and 400 for what is not an id', async () => {
    apiError((await request(app).get(`${base}/readings/999999`).expect(404)).body, 'not-found');
    apiError((await request(app).get(`${base}/readings/1;DROP`).expect(400)).body, 'bad-request');
    const { entries } = await page();
    // A reading belongs to its gateway: another gateway's path does not open it.
    apiError(
      (
        await request(app)
          .get(`/api/gateways/other/gw1/readings/${entries.at(-1)?.id ?? 0}`)
          .expect(404)
      ).body,
      'not-found',
    );
  });
});

describe('GET /api/gateways/:namespace/:name/readings/:id/trace', () => {
  it('traces a packet through the rules as they were: the floating IP led to the VM it had then', async () => {
    const { entries } = await page();
    const first = entries.find((e) => e.kind === 'reading' && e.change === 'first');
    const packet = { src: '203.0.113.7', dst: '192.168.100.11', inInterface: 'net1', protocol: 'tcp', dport: '443' };
    const then = GatewayTrace.parse(
      (
        await request(app)
          .get(`${base}/readings/${first?.id ?? 0}/trace`)
          .query(packet)
          .expect(200)
      ).body,
    );
    expect(then.collectedAt).toBe(new Date(T0).toISOString());
    expect(then.final.dst).toBe('10.0.1.5');
    const now = GatewayTrace.parse((await request(app).get(`${base}/trace`).query(packet).expect(200)).body);
    expect(now.final.dst).toBe('10.0.1.6');
  });

  it('refuses a packet that is not one, as the live trace does', async () => {
    const { entries } = await page();
    const id = entries.find((e) => e.kind === 'reading')?.id ?? 0;
    apiError(
      (await request(app).get(`${base}/readings/${id}/trace`).query({ dst: '1.2.3.4' }).expect(400)).body,
      'bad-request',
    );
  });
});

describe('GET /api/gateways/:namespace/:name/diff', () => {
  it('says the floating IP moved, from a kept reading to the latest', async () => {
    const { entries } = await page();
    const first = entries.find((e) => e.kind === 'reading' && e.change === 'first');
    const res = await request(app)
      .get(`${base}/diff`)
      .query({ from: String(first?.id), to: 'latest' })
      .expect(200);
    const d = ReadingDiff.parse(res.body);
    expect(d.mappings.changed.map((c) => [c.before, c.after])).toMatchObject([
      [
        { kind: 'fip', internalIp: '10.0.1.5' },
        { kind: 'fip', internalIp: '10.0.1.6' },
      ],
    ]);
    expect(d.rules.added).toHaveLength(2);
    expect(d.rules.removed).toHaveLength(2);
    // The route names the two readings and dates the change by the reading that showed it.
    const named = GatewayDiff.parse(res.body);
    expect(named.from).toMatchObject({ id: first?.id, at: new Date(T0).toISOString(), pod: 'vpc-nat-gw-gw1-0' });
    expect(named.changedAt.changed).toEqual([new Date(T0 + 20_000).toISOString()]);
  });

  it('gives empty lists between a reading and itself, and refuses a bad pair', async () => {
    const { entries } = await page();
    const id = String(entries.find((e) => e.kind === 'reading')?.id);
    const same = ReadingDiff.parse(
      (await request(app).get(`${base}/diff`).query({ from: id, to: id }).expect(200)).body,
    );
    expect(same.mappings).toEqual({ added: [], removed: [], changed: [] });
    apiError((await request(app).get(`${base}/diff`).query({ from: id }).expect(400)).body, 'bad-request');
    apiError((await request(app).get(`${base}/diff`).query({ from: id, to: 'first' }).expect(400)).body, 'bad-request');
  });
});

describe('history in the fleet, /metrics and the status', () => {
  it('gives each gateway its last rule change', async () => {
    const list = GatewayList.parse((await request(app).get('/api/gateways').expect(200)).body);
    expect(list.gateways[0]?.lastRuleChangeAt).toBe(new Date(T0 + 20_000).toISOString());
    const metrics = (await request(app).get('/metrics').expect(200)).text;
    expect(metrics).toContain(
      `natscope_gateway_last_rule_change_timestamp_seconds{namespace="kube-system",gateway="gw1"} ${(T0 + 20_000) / 1000}`,
    );
  });

  it('says history is on', async () => {
    const status = HistoryStatus.parse((await request(app).get('/api/history/status').expect(200)).body);
    expect(status).toMatchObject({ enabled: true, reason: null, retentionDays: 14, retentionMb: null });
    expect(status.usedBytes).toBeGreaterThan(0);
  });

  it('says history is off, and why, on a server without it; the history routes answer 503', async () => {
    const off = appWith();
    const status = HistoryStatus.parse((await request(off).get('/api/history/status').expect(200)).body);
    expect(status).toMatchObject({ enabled: false, reason: 'this server was started without history' });
    apiError((await request(off).get(`${base}/history`).expect(503)).body, 'history-off');
    await request(off).get(`${base}`).expect(200);
  });

  it('after a restart goes on where it stopped: the same rules are no new entry', async () => {
    const before = (await page()).entries.length;
    store.close();
    store = HistoryStore.open({ dir, retentionDays: 14, retentionMb: null, now: () => clock });
    const recorder = new HistoryRecorder({ store, gateways: () => collector.list(), now: () => clock });
    const unsubscribe = collector.subscribe(recorder.listener);
    app = appWith(store, recorder);
    await poll(gatewayPod({ gateway: 'gw1', exec: fixtureExec(backendMarker('legacy') + AFTER) }), T0 + 50_000);
    unsubscribe();
    expect((await page()).entries).toHaveLength(before);
  });
});
