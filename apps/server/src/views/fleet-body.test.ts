import { gunzipSync } from 'node:zlib';
import { fixtureExec, gatewayPod, type KubeSim } from '@natscope/kube-sim';
import { GatewayList } from '@natscope/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../collector/collector.js';
import { gatewaySummary } from './gateway-summary.js';
import { backendMarker } from '../collector/gateway-command.js';
import { FleetBody } from './fleet-body.js';
import { collectorAfterOutage, collectorFor, fixture, startFleet } from '../test-support/fixture-fleet.js';
import { NO_DRIFT_SOURCE } from './drift-source.js';

let sim: KubeSim;
let collector: Collector;
const clock = 1_700_000_000_000;

beforeAll(async () => {
  const fleet = await startFleet({
    pods: [
      gatewayPod({ gateway: 'a', exec: fixtureExec(backendMarker('legacy') + fixture('s5-tenant-v116-legacy.txt')) }),
      gatewayPod({ gateway: 'b', namespace: 'tenant-b', fault: 'forbidden' }),
      gatewayPod({ gateway: 'c', phase: 'Pending', nodeName: null }),
    ],
  });
  sim = fleet.sim;
  collector = collectorFor(fleet.client, { now: () => clock });
  await collector.refresh();
});

afterAll(async () => {
  await sim.close();
});

const parse = (b: Buffer): GatewayList => GatewayList.parse(JSON.parse(b.toString('utf8')));

describe('FleetBody', () => {
  it('builds exactly what serialising every summary would, ages included', () => {
    const fleet = new FleetBody(collector, { source: 'kubernetes', context: 'ctx' }, NO_DRIFT_SOURCE);
    for (const later of [0, 999, 1000, 61_500]) {
      const now = clock + later;
      const expected = {
        source: 'kubernetes',
        context: 'ctx',
        gateways: collector.list().map((g) => gatewaySummary(g, now, NO_DRIFT_SOURCE)),
      };
      expect(parse(fleet.get(now).body)).toEqual(expected);
    }
    expect(parse(fleet.get(clock + 61_500).body).gateways[0]?.ageSeconds).toBe(61);
  });

  it('serves the same build while nothing changes within a second, and a gzip of it', () => {
    const fleet = new FleetBody(collector, { source: 'kubernetes', context: 'ctx' }, NO_DRIFT_SOURCE);
    const first = fleet.get(clock + 100);
    expect(fleet.get(clock + 900)).toBe(first);
    expect(fleet.get(clock + 1100)).not.toBe(first);
    expect(gunzipSync(first.gzip()).equals(first.body)).toBe(true);
    expect(first.gzip()).toBe(first.gzip());
  });

  it('rebuilds at most every 250 ms while the collector changes', async () => {
    const fleet = new FleetBody(collector, { source: 'kubernetes', context: 'ctx' }, NO_DRIFT_SOURCE);
    const before = fleet.get(clock + 10);
    await collector.refresh();
    expect(fleet.get(clock + 100)).toBe(before); // changed, but built 90 ms ago
    const after = fleet.get(clock + 300);
    expect(after).not.toBe(before);
    expect(after.etag).not.toBe(before.etag);
  });

  it('says why the listing failed', async () => {
    const { collector: c } = await collectorAfterOutage();
    const list = parse(new FleetBody(c, { source: 'demo', context: 'demo' }, NO_DRIFT_SOURCE).get(Date.now()).body);
    expect(list.error?.code).toBe('cluster-unreachable');
    expect(list.gateways[0]?.stale).toBe(true);
  });
});
