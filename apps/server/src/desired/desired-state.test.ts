import { readFileSync } from 'node:fs';
import { GatewayDetail, GatewayList, KUBE_OVN_RESOURCES, type KubeOvnResources } from '@natscope/api';
import { readResources } from '@natscope/drift';
import { driftFixture, driftFixturePath } from '@natscope/drift/fixtures';
import { parse } from '@natscope/iptables';
import {
  fixtureExec,
  gatewayCrds,
  gatewayPod,
  haGatewayPods,
  mergeCrds,
  type KubeOvnObject,
  type KubeSim,
  type SimCrds,
} from '@natscope/kube-sim';
import { inspect } from '@natscope/natgw';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisPool } from '../analysis/analysis-pool.js';
import type { Collector } from '../collector/collector.js';
import { backendMarker } from '../collector/gateway-command.js';
import { createApp } from '../http/app.js';
import { crdSpecFromReport } from '../demo/crd-spec-from-report.js';
import { collectorFor, fixture, startFleet } from '../test-support/fixture-fleet.js';
import { type Comparer, DesiredState } from './desired-state.js';

// Desired vs actual through the real client-node against kube-sim: the five kinds listed once per pass, each
// gateway compared in the worker threads, served in the fleet, the detail and /metrics.

/** A drift fixture's dump, as the gateway command prints it, and its objects as kube-sim serves them. */
function driftCase(name: string): { exec: ReturnType<typeof fixtureExec>; crds: SimCrds; resources: KubeOvnResources } {
  const c = driftFixture(name);
  const dump = readFileSync(driftFixturePath(c.dump), 'utf8');
  const { resources } = readResources(readFileSync(driftFixturePath(c.resources), 'utf8'), c.resources);
  type Read = {
    metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
    spec: object;
    status?: object;
  };
  const sim = (objects: Read[]): KubeOvnObject[] =>
    objects.map(({ metadata: { name, labels, annotations }, spec, status }) => ({
      metadata: { name, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
      spec: { ...spec },
      ...(status ? { status: { ...status } } : {}),
    }));
  const crds: SimCrds = {
    [KUBE_OVN_RESOURCES.VpcNatGateway]: sim(resources.gateways),
    [KUBE_OVN_RESOURCES.IptablesEIP]: sim(resources.eips),
    [KUBE_OVN_RESOURCES.IptablesFIPRule]: sim(resources.fips),
    [KUBE_OVN_RESOURCES.IptablesDnatRule]: sim(resources.dnats),
    [KUBE_OVN_RESOURCES.IptablesSnatRule]: sim(resources.snats),
  };
  return { exec: fixtureExec(backendMarker(c.backend === 'nft' ? 'nft' : 'legacy') + dump), crds, resources };
}

let sim: KubeSim;
let collector: Collector;
let desired: DesiredState;
const pool = new AnalysisPool({ size: 1 });
const logged: string[] = [];

async function pass(): Promise<void> {
  await collector.refresh();
  await desired.settled();
}

const fleet = async () => GatewayList.parse((await request(app()).get('/api/gateways').expect(200)).body);
const detail = async () =>
  GatewayDetail.parse((await request(app()).get('/api/gateways/kube-system/gw1').expect(200)).body);
const metrics = async () => (await request(app()).get('/metrics').expect(200)).text;
const app = () => createApp({ collector, drift: desired, source: 'kubernetes', context: 'test', webDist: null });

beforeAll(async () => {
  const inSync = driftCase('in-sync-v116-legacy');
  let client;
  ({ sim, client } = await startFleet({
    pods: [gatewayPod({ gateway: 'gw1', exec: inSync.exec })],
    crds: inSync.crds,
  }));
  collector = collectorFor(client, { pool });
  desired = new DesiredState({
    collector,
    cluster: client,
    comparer: pool,
    timeoutMs: 2000,
    log: (l) => logged.push(l),
  });
  collector.subscribe(desired.listener);
  await pass();
});

afterAll(async () => {
  await collector.stop();
  await pool.close();
  await sim.close();
});

describe('DesiredState through client-node and kube-sim', () => {
  it('serves an in-sync gateway as in sync in the fleet, with each object beside its rules in the detail', async () => {
    const row = (await fleet()).gateways[0];
    expect(row?.drift).toEqual({ status: 'in-sync', counts: { error: 0, warning: 0, info: 0 } });
    const { drift } = await detail();
    expect(drift.status).toBe('in-sync');
    expect(drift.listedAt).not.toBeNull();
    const fip = drift.resources.find((r) => r.kind === 'IptablesFIPRule');
    expect(fip?.rules.map((r) => r.chain).sort()).toEqual(['EXCLUSIVE_DNAT', 'EXCLUSIVE_SNAT']);
    expect(fip?.yaml).toContain(`name: ${fip?.name}`);
    expect(await metrics()).toContain(
      'natscope_desired_state{namespace="kube-system",gateway="gw1",status="in-sync"} 1',
    );
  });

  it('lists the five kinds once per pass, not once per gateway', async () => {
    const before = sim.requests.length;
    await pass();
    const lists = sim.requests.slice(before).filter((r) => r.path.startsWith('/apis/kubeovn.io/v1/'));
    expect(lists.map((r) => r.path).sort()).toEqual(
      Object.values(KUBE_OVN_RESOURCES)
        .map((p) => `/apis/kubeovn.io/v1/${p}`)
        .sort(),
    );
  });

  it('compares again when the rules or the objects change, and says what drifted', async () => {
    const moved = driftCase('fip-moved-v115-nft');
    sim.setCrds(moved.crds);
    sim.setExecHandler(moved.exec, { namespace: 'kube-system', name: 'vpc-nat-gw-gw1-0' });
    await pass();
    const row = (await fleet()).gateways[0];
    expect(row?.drift.status).toBe('drifted');
    expect(row?.drift.counts.error).toBeGreaterThan(0);
    const { drift } = await detail();
    const differs = drift.drifts.find((d) => d.code === 'rule-differs');
    expect(differs?.resource).toEqual({ kind: 'IptablesFIPRule', name: 'fip-vm1' });
    expect(await metrics()).toMatch(
      /natscope_drift_findings\{namespace="kube-system",gateway="gw1",pod="vpc-nat-gw-gw1-0",code="rule-differs",severity="error"\} 1/,
    );
    expect(await metrics()).toContain(
      'natscope_desired_state{namespace="kube-system",gateway="gw1",status="drifted"} 1',
    );
  });
});

describe('DesiredState on an HA gateway', () => {
  it('calls the gateway drifted when one pod lost its rules, and serves each pod its own comparison', async () => {
    const inSync = driftCase('in-sync-v116-legacy');
    const lost = driftCase('restarted-init-only-v116-legacy');
    const pods = haGatewayPods({ gateway: 'gw1', each: (i) => ({ exec: i === 0 ? inSync.exec : lost.exec }) });
    const { sim: haSim, client } = await startFleet({ pods, crds: inSync.crds });
    const haPool = new AnalysisPool({ size: 1 });
    const c = collectorFor(client, { pool: haPool });
    const d = new DesiredState({ collector: c, cluster: client, comparer: haPool, timeoutMs: 2000 });
    c.subscribe(d.listener);
    try {
      await c.refresh();
      await d.settled();
      const haApp = createApp({ collector: c, drift: d, source: 'kubernetes', context: 'test', webDist: null });
      const list = GatewayList.parse((await request(haApp).get('/api/gateways').expect(200)).body);
      expect(list.gateways[0]?.drift.status).toBe('drifted');
      const [first, second] = pods.map((p) => p.name).sort();
      const podDrift = async (pod: string | undefined) =>
        GatewayDetail.parse((await request(haApp).get(`/api/gateways/kube-system/gw1?pod=${pod}`).expect(200)).body)
          .drift;
      const drifts = [await podDrift(first), await podDrift(second)];
      expect(drifts.map((x) => x.status).sort()).toEqual(['drifted', 'in-sync']);
      expect(drifts.find((x) => x.status === 'drifted')?.drifts.some((f) => f.code === 'rule-missing')).toBe(true);
    } finally {
      await c.stop();
      await haPool.close();
      await haSim.close();
    }
  });
});

describe('DesiredState on a fleet whose objects change little', () => {
  // Three gateways, each with the objects its own dump implies (in sync), as the demo and the fleet bench build them.
  const dumps = {
    gw1: 's5-tenant-v116-legacy.txt',
    gw2: 's8-vm-fips-v114-nft.txt',
    gw3: 'f3-dnat-uppercase-v116-nft.txt',
  } as const;
  const crdsFor = (edit: (crds: ReturnType<typeof mergeCrds>) => void = () => {}) => {
    const crds = mergeCrds(
      ...Object.entries(dumps).map(([gateway, file]) =>
        gatewayCrds(crdSpecFromReport(gateway, inspect(parse(fixture(file))))),
      ),
    );
    edit(crds);
    return crds;
  };

  it('validates and compares nothing again for a listing that did not change, and only the changed gateway for one that did', async () => {
    const pods = Object.entries(dumps).map(([gateway, file]) =>
      gatewayPod({ gateway, exec: fixtureExec(fixture(file)) }),
    );
    const { sim: fleetSim, client } = await startFleet({ pods, crds: crdsFor() });
    const fleetPool = new AnalysisPool({ size: 1 });
    const sent: string[] = [];
    // The pool as DesiredState sees it, recording which gateway each comparison was for and how many objects it got.
    const comparer: Comparer = {
      keepReports: () => fleetPool.keepReports(),
      compare: (job) => {
        sent.push(
          `${job.gateway}:${job.resources.fips.length + job.resources.dnats.length + job.resources.snats.length}`,
        );
        return fleetPool.compare(job);
      },
    };
    const c = collectorFor(client, { pool: fleetPool });
    const d = new DesiredState({ collector: c, cluster: client, comparer, timeoutMs: 2000 });
    c.subscribe(d.listener);
    const run = async () => {
      await c.refresh();
      await d.settled();
    };
    const reports = () => c.list().map((gw) => d.podReport(gw, gw.pods[0]!));
    try {
      await run();
      const objects = Object.values(crdsFor()).reduce((n, list) => n + list.length, 0);
      expect(d.stats).toEqual({ listings: 1, changed: 1, validated: objects, compared: 3 });
      expect(reports().map((r) => r.status)).toEqual(['in-sync', 'in-sync', 'in-sync']);
      // Each worker got its gateway's objects only, not the fleet's.
      const own = (gateway: string) => {
        const crds = crdsFor();
        return ['iptables-fip-rules', 'iptables-dnat-rules', 'iptables-snat-rules'].reduce(
          (n, plural) =>
            n +
            (crds[plural as keyof typeof crds] ?? []).filter((o) => o.metadata.name.startsWith(`${gateway}-`)).length,
          0,
        );
      };
      expect(sent.sort()).toEqual(['gw1', 'gw2', 'gw3'].map((gw) => `${gw}:${own(gw)}`));

      const before = reports();
      await run();
      expect(d.stats).toEqual({ listings: 2, changed: 1, validated: objects, compared: 3 });
      expect(reports()).toEqual(before);
      reports().forEach((r, i) => expect(r).toBe(before[i]));

      // One floating IP of gw2 moved in its object: one object validated, only gw2 compared again (and drifted).
      fleetSim.setCrds(
        crdsFor((crds) => {
          const fip = crds['iptables-fip-rules'].find((f) => f.metadata.name === 'gw2-fip01')!;
          fip.spec = { ...fip.spec, internalIp: '10.99.0.9' };
        }),
      );
      await run();
      expect(d.stats).toEqual({ listings: 3, changed: 2, validated: objects + 1, compared: 4 });
      const after = reports();
      expect(after.map((r) => r.status)).toEqual(['in-sync', 'drifted', 'in-sync']);
      expect(after[0]).toBe(before[0]);
      expect(after[2]).toBe(before[2]);
      expect(after[1]?.drifts.map((f) => `${f.code} ${f.resource?.name ?? '-'}`)).toEqual(['rule-differs gw2-fip01']);
      // The detail's YAML is the object as compared: the moved address.
      const gw2 = c.list()[1]!;
      expect(d.podDrift(gw2, gw2.pods[0]!).resources.find((r) => r.name === 'gw2-fip01')?.yaml).toContain('10.99.0.9');
    } finally {
      await c.stop();
      await fleetPool.close();
      await fleetSim.close();
    }
  });
});
