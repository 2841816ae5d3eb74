import { fixtureExec, gatewayPod, haGatewayPods, type KubeSim, type SimPod } from '@natscope/kube-sim';
import { GatewaySummary, isProblem } from '@natscope/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector, GatewayState } from '../collector/collector.js';
import { backendMarker } from '../collector/gateway-command.js';
import { collectorAfterOutage, collectorFor, fixture, startFleet } from '../test-support/fixture-fleet.js';
import { NO_DRIFT_SOURCE, type DriftSource } from './drift-source.js';
import { gatewaySummary, podSummary } from './gateway-summary.js';

// The reading, health and headline of real gateways read through kube-sim and the real client-node.

let sim: KubeSim;
let collector: Collector;
const legacy = (name: string) => fixtureExec(backendMarker('legacy') + fixture(name));
/** An HA pair whose first pod by name (the one its fleet row shows) is a healthy tenant, the other `standby`. */
const haPair = (gateway: string, standby: Pick<SimPod, 'exec' | 'fault'>): SimPod[] =>
  haGatewayPods({ gateway, namespace: 'tenant-ha' })
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((pod, i) => ({ ...pod, ...(i === 0 ? { exec: legacy('s5-tenant-v116-legacy.txt') } : standby) }));

beforeAll(async () => {
  const fleet = await startFleet({
    pods: [
      gatewayPod({ gateway: 'tenant', exec: legacy('s5-tenant-v116-legacy.txt') }),
      // The pod restarted and nat-gateway.sh init did not run again: the exec works, no EIP does.
      gatewayPod({ gateway: 'restarted', exec: legacy('restarted-empty-legacy.txt') }),
      gatewayPod({ gateway: 'half-fip', exec: legacy('fip-half-dnat-v114-legacy.txt') }),
      gatewayPod({ gateway: 'shadowed', exec: legacy('s6-overlapping-snat-v116-legacy.txt') }),
      gatewayPod({ gateway: 'locked', fault: 'forbidden' }),
      ...haPair('standby-lost-rules', { exec: legacy('restarted-empty-legacy.txt') }),
      ...haPair('standby-locked', { fault: 'forbidden' }),
    ],
  });
  sim = fleet.sim;
  collector = collectorFor(fleet.client, { execTimeoutMs: 3000 });
  await collector.refresh();
});

afterAll(async () => {
  await collector.stop();
  await sim.close();
});

function gw(name: string, namespace = 'kube-system'): GatewayState {
  const g = collector.get(namespace, name);
  if (!g) throw new Error(`no gateway ${namespace}/${name}`);
  return g;
}

/** The fleet row of `namespace/name` in collector `c`, validated. */
function rowIn(
  c: Collector,
  name: string,
  namespace = 'kube-system',
  drift: DriftSource = NO_DRIFT_SOURCE,
): GatewaySummary {
  const g = c.get(namespace, name);
  if (!g) throw new Error(`no gateway ${namespace}/${name}`);
  return GatewaySummary.parse(gatewaySummary(g, Date.now(), drift));
}

const row = (name: string, namespace?: string, drift?: DriftSource): GatewaySummary =>
  rowIn(collector, name, namespace, drift);

describe('a gateway summary’s reading, health and headline', () => {
  it('says a tenant gateway was read and is healthy', () => {
    expect(row('tenant')).toMatchObject({ status: 'ok', reading: 'ok', health: 'healthy', headline: 'read · healthy' });
    expect(isProblem(row('tenant'))).toBe(false);
  });

  it('says a pod that lost its rules is broken, though its reading worked (status stays ok for old clients)', () => {
    const s = row('restarted');
    expect(s).toMatchObject({
      status: 'ok',
      stale: false,
      reading: 'ok',
      health: 'broken',
      headline: 'read · broken: not initialised',
    });
    expect(s.diagnostics.error).toBe(1);
    expect(isProblem(s)).toBe(true);
  });

  it('names the leading finding and counts it', () => {
    expect(row('half-fip')).toMatchObject({ health: 'broken', headline: 'read · broken: half a floating IP' });
    expect(row('shadowed')).toMatchObject({ health: 'degraded', headline: 'read · degraded: 2 rules shadowed' });
  });

  it('says a gateway that cannot be read failed and why, its health unknown', () => {
    expect(row('locked')).toMatchObject({
      status: 'error',
      reading: 'error',
      health: 'unknown',
      headline: 'read failed: exec forbidden (RBAC) · health unknown',
    });
  });

  it('tells a stale reading from a failed one, and keeps the health of the older reading shown', async () => {
    const { collector: c } = await collectorAfterOutage();
    const s = rowIn(c, 'gw1');
    expect(s).toMatchObject({ status: 'error', stale: true, reading: 'stale', health: 'healthy' });
    expect(s.headline).toBe('read failed: cluster unreachable (older reading shown) · healthy');
    await c.stop();
  });

  it('says pending, health unknown, until the first attempt at a pod ends', async () => {
    const slow = await startFleet({
      pods: [gatewayPod({ gateway: 'slow', exec: legacy('s5-tenant-v116-legacy.txt'), fault: { delayMs: 400 } })],
    });
    const c = collectorFor(slow.client, { execTimeoutMs: 3000 });
    try {
      const pass = c.refresh();
      while (!c.get('kube-system', 'slow')) await new Promise((r) => setTimeout(r, 10));
      const before = rowIn(c, 'slow');
      expect(before).toMatchObject({
        status: 'pending',
        reading: 'pending',
        health: 'unknown',
        headline: 'not read yet · health unknown',
      });
      expect(isProblem(before)).toBe(false);
      await pass;
      expect(rowIn(c, 'slow').headline).toBe('read · healthy');
    } finally {
      await c.stop();
      await slow.sim.close();
    }
  });

  it('makes an HA gateway’s row broken when its other pod lost its rules, naming that pod; the pod itself stays healthy', () => {
    const g = gw('standby-lost-rules', 'tenant-ha');
    const [active, standby] = g.pods;
    const s = row('standby-lost-rules', 'tenant-ha');
    expect(s).toMatchObject({
      status: 'ok',
      reading: 'ok',
      health: 'broken',
      headline: `read · broken on ${standby?.info.name}: not initialised`,
    });
    // The counts stay the pod shown's: the health says more than they do.
    expect(s.diagnostics.error).toBe(0);
    expect(podSummary(g, active, Date.now(), NO_DRIFT_SOURCE)).toMatchObject({
      health: 'healthy',
      headline: 'read · healthy',
    });
    expect(podSummary(g, standby, Date.now(), NO_DRIFT_SOURCE)).toMatchObject({
      health: 'broken',
      headline: 'read · broken: not initialised',
    });
  });

  it('makes an HA gateway’s reading an error when its other pod cannot be read, naming that pod', () => {
    const standby = gw('standby-locked', 'tenant-ha').pods[1]?.info.name;
    expect(row('standby-locked', 'tenant-ha')).toMatchObject({
      status: 'error',
      reading: 'error',
      health: 'healthy',
      headline: `read failed on ${standby}: exec forbidden (RBAC) · healthy`,
    });
  });

  it('names drift beside the health, never in it', () => {
    const drifted: DriftSource = {
      ...NO_DRIFT_SOURCE,
      summary: () => ({ status: 'drifted', counts: { error: 1, warning: 0, info: 0 } }),
    };
    expect(row('tenant', undefined, drifted)).toMatchObject({
      health: 'healthy',
      headline: 'read · healthy · drifted: 1 error',
    });
    // Unknown drift (here: no comparison at all) is not named.
    expect(row('tenant').drift.status).toBe('unknown');
  });
});
