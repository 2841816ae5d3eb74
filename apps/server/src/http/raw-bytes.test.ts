import { readFileSync } from 'node:fs';
import request from 'supertest';
import { fixtureExec, gatewayPod, type KubeSim } from '@natscope/kube-sim';
import { GatewayDetail } from '@natscope/api';
import { encodeDump } from '@natscope/iptables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import type { Collector } from '../collector/collector.js';
import { backendMarker } from '../collector/gateway-command.js';
import { collectorFor, startFleet } from '../test-support/fixture-fleet.js';

// A gateway whose comments and a chain name are not UTF-8 (built with real iptables: odd-bytes-v116-legacy),
// served as bytes by kube-sim and read through the real client-node: `raw` must give back those bytes.
const DUMP = readFileSync(new URL('../../../../packages/iptables/fixtures/odd-bytes-v116-legacy.txt', import.meta.url));

let sim: KubeSim;
let collector: Collector;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const fleet = await startFleet({
    pods: [
      gatewayPod({ gateway: 'odd', exec: fixtureExec(Buffer.concat([Buffer.from(backendMarker('legacy')), DUMP])) }),
    ],
  });
  sim = fleet.sim;
  collector = collectorFor(fleet.client, { execTimeoutMs: 3000 });
  await collector.refresh();
  app = createApp({ collector, source: 'kubernetes', context: 'test-ctx', webDist: null, log: () => undefined });
});

afterAll(async () => {
  await collector.stop();
  await sim.close();
});

describe('GET /api/gateways/:namespace/:name of a gateway with bytes that are not UTF-8', () => {
  it('serves raw with each such byte as \\udcXX, which encodeDump turns back into the bytes the pod printed', async () => {
    const res = await request(app).get('/api/gateways/kube-system/odd').expect(200);
    expect(res.text).toContain('caf\\udce9 audit'); // the JSON itself, before any parse
    const detail = GatewayDetail.parse(res.body);
    expect(detail.status).toBe('ok');
    expect(Buffer.from(encodeDump(detail.raw)).equals(DUMP)).toBe(true);
    expect(detail.raw).not.toContain('\ufffd');
  });

  it('reads every mapping, says where the bytes are, and shows them escaped in the rule text', async () => {
    const detail = GatewayDetail.parse((await request(app).get('/api/gateways/kube-system/odd').expect(200)).body);
    expect(detail.report?.mappings).toHaveLength(8);
    expect(detail.report?.diagnostics.filter((d) => d.code === 'non-utf8-text').map((d) => d.severity)).toEqual([
      'info',
      'info',
      'info',
      'info',
    ]);
    const rules = detail.report?.tables.flatMap((t) => t.chains.flatMap((c) => c.rules)) ?? [];
    expect(rules.find((r) => r.line === 16)?.text).toContain('--comment "caf\\xe9 audit"');
  });
});
