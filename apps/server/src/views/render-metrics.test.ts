import { fixtureExec, gatewayPod, type KubeSim } from '@natscope/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../collector/collector.js';
import { backendMarker } from '../collector/gateway-command.js';
import { collectorFor, fixture, startFleet } from '../test-support/fixture-fleet.js';
import { CollectionTotals } from './collection-totals.js';
import { NO_DRIFT_SOURCE } from './drift-source.js';
import { renderMetrics } from './render-metrics.js';

// /metrics' state sets of gateways read through kube-sim and the real client-node.

let sim: KubeSim;
let collector: Collector;
let text: string;

beforeAll(async () => {
  const fleet = await startFleet({
    pods: [
      gatewayPod({
        gateway: 'tenant',
        exec: fixtureExec(backendMarker('legacy') + fixture('s5-tenant-v116-legacy.txt')),
      }),
      gatewayPod({
        gateway: 'restarted',
        exec: fixtureExec(backendMarker('legacy') + fixture('restarted-empty-legacy.txt')),
      }),
      gatewayPod({ gateway: 'locked', fault: 'forbidden' }),
    ],
  });
  sim = fleet.sim;
  collector = collectorFor(fleet.client, { execTimeoutMs: 3000 });
  const totals = new CollectionTotals(collector);
  await collector.refresh();
  text = renderMetrics(collector, totals, NO_DRIFT_SOURCE, Date.now());
});

afterAll(async () => {
  await collector.stop();
  await sim.close();
});

/** The samples of one family for one gateway, as `{label value: sample value}`. */
function stateSet(family: string, label: string, gateway: string): Record<string, number> {
  const samples: Record<string, number> = {};
  const pattern = new RegExp(
    `^${family}\\{namespace="kube-system",gateway="${gateway}",${label}="([a-z-]+)"\\} (\\d+)$`,
    'gm',
  );
  for (const m of text.matchAll(pattern)) samples[m[1] ?? ''] = Number(m[2]);
  return samples;
}

describe('renderMetrics: health and reading', () => {
  it('exposes each gateway’s health as a state set: 1 for the current value, 0 for every other', () => {
    expect(stateSet('natscope_gateway_health', 'health', 'tenant')).toEqual({
      healthy: 1,
      degraded: 0,
      broken: 0,
      unknown: 0,
    });
    // Read fine, yet no EIP works: natscope_collection_success says 1, the health says broken.
    expect(stateSet('natscope_gateway_health', 'health', 'restarted')).toEqual({
      healthy: 0,
      degraded: 0,
      broken: 1,
      unknown: 0,
    });
    expect(text).toContain(
      'natscope_collection_success{namespace="kube-system",gateway="restarted",pod="vpc-nat-gw-restarted-0"} 1',
    );
    expect(stateSet('natscope_gateway_health', 'health', 'locked')).toEqual({
      healthy: 0,
      degraded: 0,
      broken: 0,
      unknown: 1,
    });
  });

  it('exposes each gateway’s reading state likewise', () => {
    expect(stateSet('natscope_gateway_reading', 'reading', 'tenant')).toEqual({
      ok: 1,
      error: 0,
      pending: 0,
      stale: 0,
    });
    expect(stateSet('natscope_gateway_reading', 'reading', 'locked')).toEqual({
      ok: 0,
      error: 1,
      pending: 0,
      stale: 0,
    });
  });

  it('declares both families once, as gauges', () => {
    expect(text.match(/^# TYPE natscope_gateway_health gauge$/gm)).toHaveLength(1);
    expect(text.match(/^# TYPE natscope_gateway_reading gauge$/gm)).toHaveLength(1);
  });
});
