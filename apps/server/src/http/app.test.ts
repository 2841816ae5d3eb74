import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Router } from 'express';
import request from 'supertest';
import { fixtureExec, gatewayPod, haGatewayPods, type KubeSim } from '@natscope/kube-sim';
import { AddressIndex, ApiError, GatewayDetail, GatewayList } from '@natscope/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import type { Collector } from '../collector/collector.js';
import { backendMarker, GATEWAY_COMMAND } from '../collector/gateway-command.js';
import { CollectionTotals } from '../views/collection-totals.js';
import { KubeClient } from '../kube/kube-client.js';
import { collectorAfterOutage, collectorFor, execArgvs, fixture, startFleet } from '../test-support/fixture-fleet.js';

// HTTP-level tests: supertest on createApp, the collector reading kube-sim through the real client-node.
// Every JSON response is validated with the packages/api schemas.

let sim: KubeSim;
let collector: Collector;
let app: ReturnType<typeof createApp>;
const logged: string[] = [];
let haPods: string[] = [];

beforeAll(async () => {
  const ha = haGatewayPods({
    gateway: 'edge',
    namespace: 'tenant-b',
    each: (i) => ({
      exec: fixtureExec(
        backendMarker('nft') + fixture(i === 0 ? 's5-tenant-master-nft.txt' : 's8-vm-fips-v114-nft.txt'),
      ),
    }),
  });
  haPods = ha.map((p) => p.name).sort();
  const fleet = await startFleet({
    pods: [
      gatewayPod({
        gateway: 'tenant-a',
        exec: fixtureExec(backendMarker('legacy') + fixture('s5-tenant-v116-legacy.txt')),
      }),
      gatewayPod({ gateway: 'locked', namespace: 'tenant-b', fault: 'forbidden' }),
      // A gateway name no path can ask for, to check label escaping in /metrics.
      {
        ...gatewayPod({ gateway: 'weird', exec: fixtureExec(fixture('s3-fip-v114-nft.txt')) }),
        annotations: { 'ovn.kubernetes.io/vpc_nat_gw': 'we"ird\\gw\nx' },
      },
      ...ha,
    ],
  });
  sim = fleet.sim;
  collector = collectorFor(fleet.client, { execTimeoutMs: 3000 });
  const totals = new CollectionTotals(collector); // before the first pass, as main.ts wires it
  await collector.refresh();
  const boom = Router().get('/boom', () => {
    throw new Error('secret internals at /etc/natscope');
  });
  app = createApp({
    collector,
    source: 'kubernetes',
    context: 'test-ctx',
    webDist: null,
    log: (l) => logged.push(l),
    extraApiRouters: [boom],
    totals,
  });
});

afterAll(async () => {
  await collector.stop();
  await sim.close();
});

function expectApiError(body: unknown, code: string): ApiError {
  const parsed = ApiError.parse(body);
  expect(parsed.error.code).toBe(code);
  expect(JSON.stringify(body)).not.toMatch(/ at .*\.(ts|js):\d+/); // no stack frames, ever
  return parsed;
}

describe('GET /api/healthz', () => {
  it('says ok', async () => {
    const res = await request(app).get('/api/healthz').expect(200).expect('Content-Type', /json/);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('says ok even when the cluster is gone', async () => {
    const { collector: c } = await collectorAfterOutage();
    const res = await request(createApp({ collector: c, source: 'kubernetes', context: 'x', webDist: null }))
      .get('/api/healthz')
      .expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('GET /api/gateways', () => {
  it('lists every gateway with the GatewayList schema, source and context', async () => {
    const res = await request(app)
      .get('/api/gateways')
      .expect(200)
      .expect('Content-Type', /application\/json/);
    const list = GatewayList.parse(res.body);
    expect(list.source).toBe('kubernetes');
    expect(list.context).toBe('test-ctx');
    expect(list.error).toBeUndefined();
    expect(list.gateways.map((g) => `${g.namespace}/${g.name}`)).toEqual([
      'kube-system/tenant-a',
      'kube-system/we"ird\\gw\nx',
      'tenant-b/edge',
      'tenant-b/locked',
    ]);
    const tenant = list.gateways[0];
    expect(tenant).toMatchObject({
      status: 'ok',
      backend: 'legacy',
      stale: false,
      counts: { fip: 1, dnat: 2, snat: 2, hairpin: 3 },
    });
    expect(list.gateways[3]).toMatchObject({ status: 'error', error: { code: 'exec-forbidden' } });
    expect(list.gateways[2]?.pods.map((p) => p.name)).toEqual(haPods);
  });

  it('answers a repeated request with 304 while nothing changed (ETag), and 200 once a second passed', async () => {
    let clock = Date.now();
    const fixed = createApp({ collector, source: 'kubernetes', context: 'test-ctx', webDist: null, now: () => clock });
    const first = await request(fixed).get('/api/gateways').set('Accept-Encoding', 'identity').expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    await request(fixed).get('/api/gateways').set('Accept-Encoding', 'identity').set('If-None-Match', etag).expect(304);
    clock += 60_000; // every ageSeconds moves
    const later = await request(fixed)
      .get('/api/gateways')
      .set('Accept-Encoding', 'identity')
      .set('If-None-Match', etag)
      .expect(200);
    expect(later.headers.etag).not.toBe(etag);
  });

  it('compresses the list for clients that accept gzip', async () => {
    const plain = await request(app).get('/api/gateways').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await request(app).get('/api/gateways').set('Accept-Encoding', 'gzip, deflate').expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('Accept-Encoding');
    expect(GatewayList.parse(zipped.body)).toEqual(GatewayList.parse(plain.body));
  });

  it('says why the list is old when the listing fails', async () => {
    const { collector: c } = await collectorAfterOutage();
    const res = await request(createApp({ collector: c, source: 'kubernetes', context: 'x', webDist: null }))
      .get('/api/gateways')
      .expect(200);
    const list = GatewayList.parse(res.body);
    expect(list.error?.code).toBe('cluster-unreachable');
    expect(list.gateways[0]).toMatchObject({ name: 'gw1', stale: true, error: { code: 'cluster-unreachable' } });
  });

  it('rejects unknown query parameters with a clear 400', async () => {
    const res = await request(app).get('/api/gateways?namespace=$(id)').expect(400);
    expect(expectApiError(res.body, 'bad-request').error.message).toBe('unknown query parameter "namespace"');
  });
});

describe('GET /api/addresses', () => {
  it('lists the addresses each gateway maps, in fleet order, and keeps them out of the fleet list', async () => {
    const index = AddressIndex.parse(
      (await request(app).get('/api/addresses').expect(200).expect('Content-Type', /json/)).body,
    );
    const list = GatewayList.parse((await request(app).get('/api/gateways').expect(200)).body);
    expect(index.gateways.map((g) => `${g.namespace}/${g.name}`)).toEqual(
      list.gateways.map((g) => `${g.namespace}/${g.name}`),
    );
    const tenant = index.gateways[0];
    expect(tenant?.addresses).toEqual(
      expect.arrayContaining(['192.168.100.10', '192.168.100.11', '10.0.1.5', '10.0.1.0/24']),
    );
    // Numeric order: 10.0.1.0/24 (VPC) before 192.168.100.10 (EIP).
    expect(tenant?.addresses.indexOf('10.0.1.0/24')).toBeLessThan(tenant?.addresses.indexOf('192.168.100.10') ?? -1);
    expect(index.gateways.find((g) => g.name === 'locked')?.addresses).toEqual([]);
    const raw = (await request(app).get('/api/gateways').set('Accept-Encoding', 'identity').expect(200)).text;
    expect(raw).not.toContain('addresses');
  });

  it("answers 304 while no gateway's rules changed, across refreshes that only move counters", async () => {
    // Its own collector: refreshing the shared one would change the error counts other tests read.
    const own = collectorFor(KubeClient.fromKubeconfig(sim.kubeconfig), { execTimeoutMs: 3000 });
    await own.refresh();
    const served = createApp({ collector: own, source: 'kubernetes', context: 'x', webDist: null });
    const first = await request(served).get('/api/addresses').set('Accept-Encoding', 'identity').expect(200);
    const etag = first.headers.etag as string;
    await own.refresh();
    await request(served)
      .get('/api/addresses')
      .set('Accept-Encoding', 'identity')
      .set('If-None-Match', etag)
      .expect(304);
    const zipped = await request(served).get('/api/addresses').set('Accept-Encoding', 'gzip').expect(200);
    await own.stop();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(AddressIndex.parse(zipped.body)).toEqual(AddressIndex.parse(first.body));
  });

  it('rejects query parameters', async () => {
    const res = await request(app).get('/api/addresses?q=10.0.0.1').expect(400);
    expect(expectApiError(res.body, 'bad-request').error.message).toBe('unknown query parameter "q"');
  });
});

describe('GET /api/gateways/:namespace/:name', () => {
  it('serves the default pod with its report, raw dump and stderr (GatewayDetail)', async () => {
    const res = await request(app).get('/api/gateways/kube-system/tenant-a').expect(200);
    const detail = GatewayDetail.parse(res.body);
    expect(detail).toMatchObject({
      source: 'kubernetes',
      context: 'test-ctx',
      pod: 'vpc-nat-gw-tenant-a-0',
      status: 'ok',
      stderr: '',
    });
    expect(detail.raw).toBe(fixture('s5-tenant-v116-legacy.txt'));
    expect(detail.report?.backend).toBe('legacy');
    expect(detail.report?.mappings).toHaveLength(8);
    expect(detail.report?.tables.map((t) => t.name)).toEqual(['nat', 'mangle']);
  });

  it('picks an HA pod with ?pod=NAME and defaults to the first Running pod', async () => {
    const first = GatewayDetail.parse((await request(app).get('/api/gateways/tenant-b/edge').expect(200)).body);
    expect(first.pod).toBe(haPods[0]);
    const second = GatewayDetail.parse(
      (await request(app).get(`/api/gateways/tenant-b/edge?pod=${haPods[1]}`).expect(200)).body,
    );
    expect(second.pod).toBe(haPods[1]);
    expect(second.raw).not.toBe(first.raw);
  });

  it('serves a gateway that cannot be read with its error and a null report', async () => {
    const detail = GatewayDetail.parse((await request(app).get('/api/gateways/tenant-b/locked').expect(200)).body);
    expect(detail).toMatchObject({ status: 'error', report: null, raw: '', error: { code: 'exec-forbidden' } });
  });

  it('answers an unknown gateway or pod with a JSON 404', async () => {
    expectApiError((await request(app).get('/api/gateways/kube-system/nope').expect(404)).body, 'not-found');
    const res = await request(app).get('/api/gateways/tenant-b/edge?pod=vpc-nat-gw-edge-0').expect(404);
    expect(expectApiError(res.body, 'not-found').error.message).toContain(`its pods: ${haPods.join(', ')}`);
  });

  it.each([
    '/api/gateways/kube-system/..%2F..%2Fetc%2Fpasswd',
    '/api/gateways/$(reboot)/tenant-a',
    '/api/gateways/kube-system/tenant-a;rm%20-rf%20~',
    '/api/gateways/kube-system/%60id%60',
    '/api/gateways/KUBE-SYSTEM/tenant-a',
    `/api/gateways/kube-system/${'a'.repeat(300)}`,
    '/api/gateways/kube-system/tenant-a%00',
    '/api/gateways/kube-system/tenant-a?pod=$(id)',
    '/api/gateways/kube-system/tenant-a?pod=a&pod=b',
    '/api/gateways/kube-system/tenant-a?pod[x]=1',
    '/api/gateways/kube-system/tenant-a?pod=vpc-nat-gw-tenant-a-0&command=sh',
    '/api/gateways/kube-system/tenant-a?container=bfdd',
  ])('rejects hostile input with a 400 and never runs anything: %s', async (path) => {
    const execsBefore = execArgvs(sim).length;
    const res = await request(app).get(path).expect(400).expect('Content-Type', /json/);
    expectApiError(res.body, 'bad-request');
    expect(execArgvs(sim).length).toBe(execsBefore);
  });

  it('answers a malformed URL escape with a JSON 400, not a stack trace', async () => {
    const res = await request(app).get('/api/gateways/kube-system/%E0%A4%A').expect(400);
    expectApiError(res.body, 'bad-request');
  });

  it('never lets request data reach the argv: every exec the sim saw is the fixed command', () => {
    for (const argv of execArgvs(sim)) expect(argv).toEqual([...GATEWAY_COMMAND]);
  });
});

describe('errors and unknown routes', () => {
  it('answers unknown API paths and other methods with a JSON 404', async () => {
    expectApiError((await request(app).get('/api/nope').expect(404)).body, 'not-found');
    expectApiError((await request(app).post('/api/gateways').expect(404)).body, 'not-found');
    expectApiError((await request(app).delete('/api/gateways/kube-system/tenant-a').expect(404)).body, 'not-found');
  });

  it('turns an internal error into a JSON 500 that hides the details and logs them', async () => {
    const res = await request(app).get('/api/boom').expect(500);
    expect(expectApiError(res.body, 'internal').error.message).not.toContain('secret');
    expect(logged.some((l) => l.includes('secret internals'))).toBe(true);
  });
});

describe('security headers', () => {
  it.each(['/api/gateways', '/api/nope', '/', '/metrics'])('sets them on %s', async (path) => {
    const res = await request(app).get(path);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('GET /metrics', () => {
  it('exposes collection, mapping counters and diagnostics in the Prometheus text format', async () => {
    const res = await request(app)
      .get('/metrics')
      .expect(200)
      .expect('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    const text = res.text;
    expect(text).toContain('# TYPE natscope_mapping_packets_total counter');
    expect(text).toContain('natscope_cluster_up 1');
    expect(text).toMatch(
      /^natscope_collection_duration_seconds\{namespace="kube-system",gateway="tenant-a",pod="vpc-nat-gw-tenant-a-0"\} [\d.]+$/m,
    );
    expect(text).toContain(
      'natscope_collection_errors_total{namespace="tenant-b",gateway="locked",pod="vpc-nat-gw-locked-0",code="exec-forbidden"} 1',
    );
    expect(text).toContain(
      'natscope_collection_success{namespace="tenant-b",gateway="locked",pod="vpc-nat-gw-locked-0"} 0',
    );
    expect(text).toMatch(
      /^natscope_mapping_packets_total\{namespace="kube-system",gateway="tenant-a",pod="vpc-nat-gw-tenant-a-0",kind="fip",eip="192\.168\.100\.11",internal="10\.0\.1\.5"\} \d+$/m,
    );
    expect(text).toMatch(
      /kind="dnat",eip="192\.168\.100\.12",internal="10\.0\.2\.20:22",protocol="tcp",port="2222"\} \d+$/m,
    );
    expect(text).toContain('gateway="we\\"ird\\\\gw\\nx"');
  });

  it('counts each mapping as the sum of its rules, as the report does', async () => {
    const text = (await request(app).get('/metrics')).text;
    const detail = GatewayDetail.parse((await request(app).get('/api/gateways/kube-system/tenant-a').expect(200)).body);
    const mappings = detail.report?.mappings ?? [];
    // Guards against comparing nothing: the fixture has every kind, and counters that are not all zero.
    expect(new Set(mappings.map((m) => m.kind))).toEqual(new Set(['fip', 'dnat', 'snat', 'hairpin']));
    expect(mappings.filter((m) => m.kind === 'dnat' && m.counters.packets > 0)).not.toEqual([]);
    const sample = (family: string, labels: string): number | undefined => {
      const line = text
        .split('\n')
        .find((l) => l.startsWith(`${family}{namespace="kube-system",gateway="tenant-a"`) && l.includes(labels));
      return line === undefined ? undefined : Number(line.split(' ').pop());
    };
    for (const m of mappings) {
      const internal =
        m.kind === 'fip'
          ? m.internalIp
          : m.kind === 'dnat'
            ? `${m.internalIp}:${m.internalPort}`
            : m.kind === 'snat'
              ? m.internalCidr
              : '';
      const labels = `kind="${m.kind}",eip="${m.eip}",internal="${internal}"`;
      expect(sample('natscope_mapping_packets_total', labels), labels).toBe(m.counters.packets);
      expect(sample('natscope_mapping_bytes_total', labels), labels).toBe(m.counters.bytes);
    }
  });

  it('has one HELP and TYPE per family and no duplicate series', async () => {
    const lines = (await request(app).get('/metrics')).text.trim().split('\n');
    const series = lines.filter((l) => !l.startsWith('#')).map((l) => l.slice(0, l.lastIndexOf(' ')));
    expect(new Set(series).size).toBe(series.length);
    const types = lines.filter((l) => l.startsWith('# TYPE')).map((l) => l.split(' ')[2]);
    expect(new Set(types).size).toBe(types.length);
    for (const l of lines.filter((x) => !x.startsWith('#'))) expect(l).toMatch(/^[a-z_]+(\{.*\})? -?[\d.e+-]+$/);
  });
});

describe('the web app', () => {
  it('says how to build it when there is no build', async () => {
    const res = await request(app).get('/gateways/kube-system/tenant-a').expect(200).expect('Content-Type', /html/);
    expect(res.text).toContain('pnpm --filter @natscope/web run build');
  });

  it('serves the build with an SPA fallback for deep links, and JSON for /api', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'natscope-web-'));
    try {
      mkdirSync(join(dist, 'assets'));
      writeFileSync(
        join(dist, 'index.html'),
        '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1.js"></script>',
      );
      writeFileSync(join(dist, 'assets', 'app-1.js'), 'console.log(1)');
      const web = createApp({ collector, source: 'kubernetes', context: 'c', webDist: dist });
      expect((await request(web).get('/').expect(200)).text).toContain('id="root"');
      expect((await request(web).get('/gateways/kube-system/tenant-a?view=graph').expect(200)).text).toContain(
        'id="root"',
      );
      const asset = await request(web)
        .get('/assets/app-1.js')
        .expect(200)
        .expect('Content-Type', /javascript/);
      expect(asset.headers['cache-control']).toContain('immutable');
      expectApiError((await request(web).get('/api/unknown').expect(404)).body, 'not-found');
      GatewayList.parse((await request(web).get('/api/gateways').expect(200)).body);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
