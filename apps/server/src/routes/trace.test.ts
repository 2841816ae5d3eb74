import request from 'supertest';
import { fixtureExec, gatewayPod, type KubeSim } from '@natscope/kube-sim';
import { ApiError, GatewayTrace } from '@natscope/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../http/app.js';
import type { Collector } from '../collector/collector.js';
import { backendMarker } from '../collector/gateway-command.js';
import { collectorFor, fixture, startFleet } from '../test-support/fixture-fleet.js';

// The trace route over real readings: kube-sim serves the fixtures, the collector reads them with client-node.

let sim: KubeSim;
let collector: Collector;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const fleet = await startFleet({
    pods: [
      gatewayPod({
        gateway: 'tenant-a',
        exec: fixtureExec(backendMarker('legacy') + fixture('s5-tenant-v116-legacy.txt')),
      }),
      gatewayPod({ gateway: 'locked', namespace: 'tenant-b', fault: 'forbidden' }),
    ],
  });
  sim = fleet.sim;
  collector = collectorFor(fleet.client, { execTimeoutMs: 3000 });
  await collector.refresh();
  app = createApp({ collector, source: 'kubernetes', context: 'test', webDist: null, log: () => undefined });
});

afterAll(async () => {
  await collector.stop();
  await sim.close();
});

const url = '/api/gateways/kube-system/tenant-a/trace';

function apiError(body: unknown, code: string): string {
  const parsed = ApiError.parse(body);
  expect(parsed.error.code).toBe(code);
  expect(JSON.stringify(body)).not.toMatch(/ at .*\.(ts|js):\d+/);
  return parsed.error.message;
}

describe('GET /api/gateways/:namespace/:name/trace', () => {
  it("traces a hairpin connection through the gateway's latest reading", async () => {
    const res = await request(app)
      .get(url)
      .query({
        inInterface: 'eth0',
        src: '10.0.1.7',
        dst: '192.168.100.10',
        protocol: 'tcp',
        sport: '40000',
        dport: '8080',
      })
      .expect(200)
      .expect('Content-Type', /json/);
    const body = GatewayTrace.parse(res.body);
    expect(body.verdict).toBe(
      'DNAT to 10.0.1.30:80 in SHARED_DNAT rule 2; SNAT to 192.168.100.10 in HAIRPIN_SNAT rule 1; leaves by eth0',
    );
    expect(body).toMatchObject({
      namespace: 'kube-system',
      name: 'tenant-a',
      pod: 'vpc-nat-gw-tenant-a-0',
      fate: 'forwarded',
    });
    expect(Date.parse(body.collectedAt)).not.toBeNaN();
    expect(body.steps.some((s) => s.chain === 'HAIRPIN_SNAT' && s.result === 'nat')).toBe(true);
  });

  it('defaults to a TCP packet arriving on net1', async () => {
    const res = await request(app)
      .get(url)
      .query({ src: '203.0.113.7', dst: '192.168.100.12', dport: '2222' })
      .expect(200);
    expect(GatewayTrace.parse(res.body).verdict).toBe(
      'DNAT to 10.0.2.20:22 in SHARED_DNAT rule 1; no SNAT; leaves by eth0',
    );
  });

  it('refuses bad or unknown parameters with 400 and says which', async () => {
    const bad = async (query: Record<string, string>, mention: RegExp) => {
      const res = await request(app).get(url).query(query).expect(400);
      expect(apiError(res.body, 'bad-request')).toMatch(mention);
    };
    await bad({ dst: '192.168.100.12' }, /src/);
    await bad({ src: '1.2.3', dst: '192.168.100.12' }, /src/);
    await bad({ src: '1.2.3.4', dst: '192.168.100.12', dport: '0x16' }, /dport: must be a port number/);
    await bad({ src: '1.2.3.4', dst: '192.168.100.12', protocol: 'sctp' }, /protocol/);
    await bad(
      { src: '1.2.3.4', dst: '192.168.100.12', inInterface: 'eth0; rm -rf /' },
      /inInterface: must be an interface name/,
    );
    await bad({ src: '1.2.3.4', dst: '192.168.100.12', port: '22' }, /unknown query parameter "port"/);
  });

  it('answers 404 for an unknown gateway or pod', async () => {
    const res = await request(app)
      .get('/api/gateways/kube-system/nope/trace')
      .query({ src: '1.2.3.4', dst: '5.6.7.8' })
      .expect(404);
    apiError(res.body, 'not-found');
    await request(app).get(url).query({ src: '1.2.3.4', dst: '5.6.7.8', pod: 'other-0' }).expect(404);
  });

  it('answers 409 for a gateway that has never been read', async () => {
    const res = await request(app)
      .get('/api/gateways/tenant-b/locked/trace')
      .query({ src: '1.2.3.4', dst: '5.6.7.8' })
      .expect(409);
    expect(apiError(res.body, 'no-reading')).toMatch(
      /tenant-b\/vpc-nat-gw-locked-0 has not been read successfully yet/,
    );
  });
});
