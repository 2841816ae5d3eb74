import { fixtureExec, gatewayPod, haGatewayPods, type KubeSim } from '@natscope/kube-sim';
import { GatewaySummary, InspectReport } from '@natscope/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analyser } from '../analysis/analyse-dump.js';
import { AnalysisPool } from '../analysis/analysis-pool.js';
import type { Collector, GatewayState } from './collector.js';
import { gatewaySummary, podSummary } from '../views/gateway-summary.js';
import { gatewayExec } from '../demo/demo-cluster.js';
import { AnalysedReadings } from '../analysis/analysed-readings.js';
import { backendMarker, GATEWAY_COMMAND } from './gateway-command.js';
import type { GatewayCluster } from '../kube/gateway-cluster.js';
import type { KubeClient } from '../kube/kube-client.js';
import { collectorAfterOutage, collectorFor, execArgvs, fixture, startFleet } from '../test-support/fixture-fleet.js';
import { NO_DRIFT_SOURCE } from '../views/drift-source.js';

const readings = new AnalysedReadings();

// The collector reading a fleet through the real client-node and kube-sim (real https, real WebSocket exec).

const TIMEOUT_MS = 1500;
let sim: KubeSim;
let client: KubeClient;
let collector: Collector;
let clock = 1_800_000_000_000;
const now = (): number => clock;

const tenant = fixture('s5-tenant-v116-legacy.txt');

beforeAll(async () => {
  ({ sim, client } = await startFleet({
    pods: [
      gatewayPod({ gateway: 'tenant-a', exec: gatewayExec(tenant, { backend: 'legacy', startedAt: clock, now }) }),
      gatewayPod({
        gateway: 'vm',
        namespace: 'tenant-b',
        exec: fixtureExec(backendMarker('nft') + fixture('s8-vm-fips-v114-nft.txt')),
      }),
      gatewayPod({
        gateway: 'flaky',
        exec: fixtureExec(backendMarker('legacy') + fixture('s4-port-forwards-v114-legacy.txt')),
      }),
      gatewayPod({ gateway: 'garbage', fault: 'garbage' }),
      gatewayPod({
        gateway: 'exit',
        exec: fixtureExec('', { stderr: 'bash: iptables-legacy-save: Permission denied\n', exitCode: 126 }),
      }),
      gatewayPod({ gateway: 'hang', fault: 'hang' }),
      gatewayPod({ gateway: 'locked', namespace: 'tenant-b', fault: 'forbidden' }),
      gatewayPod({ gateway: 'drop', exec: fixtureExec(tenant), fault: 'drop' }),
      gatewayPod({ gateway: 'pending', phase: 'Pending', nodeName: null }),
      { ...gatewayPod({ gateway: 'odd' }), containers: ['nginx'] },
      ...haGatewayPods({
        gateway: 'ha',
        namespace: 'tenant-b',
        each: (i) => ({
          exec: fixtureExec(
            backendMarker('nft') + fixture(i === 0 ? 's5-tenant-master-nft.txt' : 's5-tenant-v116-nft.txt'),
          ),
        }),
      }),
      // Not a gateway: the selector must leave it alone.
      gatewayPod({ gateway: 'unrelated', labels: { 'ovn.kubernetes.io/vpc-nat-gw': 'false' } }),
    ],
  }));
  collector = collectorFor(client, { execTimeoutMs: TIMEOUT_MS, now });
  await collector.refresh();
});

afterAll(async () => {
  await collector.stop();
  await sim.close();
});

function gw(namespace: string, name: string): GatewayState {
  const g = collector.get(namespace, name);
  if (!g) throw new Error(`no gateway ${namespace}/${name}`);
  return g;
}

const summary = (namespace: string, name: string): GatewaySummary =>
  GatewaySummary.parse(gatewaySummary(gw(namespace, name), clock, NO_DRIFT_SOURCE));

/** The report of a gateway's first pod as the detail API serves it (validated). */
async function report(namespace: string, name: string): Promise<InspectReport> {
  const pod = gw(namespace, name).pods[0];
  if (!pod?.good) throw new Error(`no reading of ${namespace}/${name}`);
  return InspectReport.parse(JSON.parse(await readings.detailJson(`${namespace}/${pod.info.name}`, pod.good)));
}

describe('Collector.refresh', () => {
  it('finds every gateway by label selector in every namespace, and only those', () => {
    expect(collector.list().map((g) => `${g.namespace}/${g.name}`)).toEqual([
      'kube-system/drop',
      'kube-system/exit',
      'kube-system/flaky',
      'kube-system/garbage',
      'kube-system/hang',
      'kube-system/odd',
      'kube-system/pending',
      'kube-system/tenant-a',
      'tenant-b/ha',
      'tenant-b/locked',
      'tenant-b/vm',
    ]);
  });

  it('reads a healthy gateway: backend, counts, diagnostics and addresses from its report', () => {
    const s = summary('kube-system', 'tenant-a');
    expect(s.error, JSON.stringify(s.error)).toBeUndefined();
    expect(s).toMatchObject({
      status: 'ok',
      backend: 'legacy',
      stale: false,
      ageSeconds: 0,
      collectedAt: new Date(clock).toISOString(),
    });
    expect(s.counts).toEqual({ fip: 1, dnat: 2, snat: 2, hairpin: 3, rules: 18 });
    expect(gw('kube-system', 'tenant-a').pods[0]?.good?.analysis.addresses).toEqual(
      expect.arrayContaining(['192.168.100.10', '192.168.100.11', '10.0.1.5', '10.0.1.0/24']),
    );
    expect(s.error).toBeUndefined();
    expect(summary('tenant-b', 'vm')).toMatchObject({ status: 'ok', backend: 'nft' });
  });

  it('keeps the raw dump without the backend marker, and a report that validates', async () => {
    const good = gw('kube-system', 'tenant-a').pods[0]?.good;
    expect(good?.raw.startsWith('# Generated by iptables-save')).toBe(true);
    expect(good?.raw).not.toContain('#natscope-backend');
    expect((await report('kube-system', 'tenant-a')).mappings.length).toBe(8);
  });

  it('times out a hanging exec within the configured timeout', () => {
    const s = summary('kube-system', 'hang');
    expect(s.error?.code).toBe('exec-timeout');
    expect(s.error?.message).toContain('kube-system/vpc-nat-gw-hang-0');
    expect(s.status).toBe('error');
    const pod = gw('kube-system', 'hang').pods[0];
    expect(pod?.durationSeconds).toBeGreaterThanOrEqual(0); // the fake clock does not move; wall time is asserted below
  });

  it('does not let one hanging gateway hold up the others: a full pass ends soon after the timeout', async () => {
    const t0 = Date.now();
    await collector.refresh();
    expect(Date.now() - t0).toBeLessThan(TIMEOUT_MS + 1500);
  });

  it('reports a refused exec as exec-forbidden with the RBAC it needs', () => {
    const s = summary('tenant-b', 'locked');
    expect(s.error?.code).toBe('exec-forbidden');
    expect(s.error?.message).toMatch(
      /tenant-b\/vpc-nat-gw-locked-0: exec forbidden .*needs "get" and "create" on "pods\/exec" in namespace tenant-b/,
    );
  });

  it('reports a non-zero exit as exec-failed with the exit code and stderr', () => {
    const s = summary('kube-system', 'exit');
    expect(s.error).toEqual({
      code: 'exec-failed',
      message:
        'kube-system/vpc-nat-gw-exit-0: the gateway command exited with code 126: bash: iptables-legacy-save: Permission denied',
    });
    expect(gw('kube-system', 'exit').pods[0]?.error?.stderr).toBe('bash: iptables-legacy-save: Permission denied\n');
  });

  it('reports output that is not iptables-save as parse-failed at file:line:column', () => {
    const s = summary('kube-system', 'garbage');
    expect(s.error?.code).toBe('parse-failed');
    expect(s.error?.message).toMatch(/kube-system\/vpc-nat-gw-garbage-0:\d+:\d+: /);
  });

  it('reports a dropped exec stream as exec-failed', () => {
    expect(summary('kube-system', 'drop').error?.code).toBe('exec-failed');
  });

  it('reports a pod that is not Running as pod-not-running without exec-ing into it', () => {
    const s = summary('kube-system', 'pending');
    expect(s.error?.code).toBe('pod-not-running');
    expect(s.error?.message).toContain('kube-system/vpc-nat-gw-pending-0 is Pending');
    expect(s.pods).toEqual([{ name: 'vpc-nat-gw-pending-0', phase: 'Pending', ready: false }]);
    expect(sim.requests.some((r) => r.path.includes('vpc-nat-gw-pending-0/exec'))).toBe(false);
  });

  it('reports a pod without the vpc-nat-gw container as container-missing', () => {
    const s = summary('kube-system', 'odd');
    expect(s.error?.code).toBe('container-missing');
    expect(s.error?.message).toContain('(it has: nginx)');
  });

  it('reads every pod of an HA gateway through its vpc-nat-gw container, past the bfdd sidecar', () => {
    const ha = gw('tenant-b', 'ha');
    expect(ha.pods).toHaveLength(2);
    for (const pod of ha.pods) {
      expect(pod.info.containers).toEqual(['bfdd', 'vpc-nat-gw']);
      expect(pod.error).toBeNull();
      expect(pod.good?.analysis.backend).toBe('nft');
    }
    expect(ha.pods[0]?.good?.raw).not.toBe(ha.pods[1]?.good?.raw);
    const execs = sim.requests.filter((r) => r.path.includes('/pods/vpc-nat-gw-ha-'));
    expect(execs.every((r) => new URLSearchParams(r.query).get('container') === 'vpc-nat-gw')).toBe(true);
  });

  it('only ever runs the fixed gateway argv', () => {
    const argvs = execArgvs(sim);
    expect(argvs.length).toBeGreaterThan(10);
    for (const argv of argvs) expect(argv).toEqual([...GATEWAY_COMMAND]);
  });

  it('fills per-second rates from the previous good reading of the same pod', async () => {
    const before = await report('kube-system', 'tenant-a');
    expect(before.tables.flatMap((t) => t.chains.flatMap((c) => c.rules)).every((r) => r.rate === null)).toBe(true);
    clock += 10_000;
    await collector.refresh();
    const after = await report('kube-system', 'tenant-a');
    let moving = 0;
    for (const [ti, table] of after.tables.entries()) {
      for (const [ci, chain] of table.chains.entries()) {
        for (const [ri, rule] of chain.rules.entries()) {
          const old = before.tables[ti]?.chains[ci]?.rules[ri]?.counters;
          if (!rule.counters || !old) continue;
          expect(rule.rate?.packetsPerSecond).toBeCloseTo((rule.counters.packets - old.packets) / 10, 6);
          expect(rule.rate?.bytesPerSecond).toBeCloseTo((rule.counters.bytes - old.bytes) / 10, 6);
          if ((rule.rate?.packetsPerSecond ?? 0) > 0) moving++;
        }
      }
    }
    expect(moving).toBeGreaterThan(3);
    expect(summary('kube-system', 'tenant-a').ageSeconds).toBe(0);
  });

  it('reuses the analysis while only counters move, and analyses again when the rules change', async () => {
    const pod = gw('kube-system', 'tenant-a').pods[0];
    const analysis = pod?.good?.analysis;
    const counters = pod?.good?.counters;
    clock += 10_000;
    await collector.refresh();
    expect(pod?.good?.analysis).toBe(analysis); // the same object: no parse, no inspect
    expect(pod?.good?.counters).not.toEqual(counters);
    const simPod = sim.getPod('kube-system', 'vpc-nat-gw-tenant-a-0');
    if (!simPod) throw new Error('pod missing');
    const changed = tenant
      .replace('--to-destination 10.0.1.5', '--to-destination 10.0.1.6')
      .replace('-s 10.0.1.5/32', '-s 10.0.1.6/32');
    sim.setPod({ ...simPod, exec: gatewayExec(changed, { backend: 'legacy', startedAt: clock - 20_000, now }) });
    clock += 10_000;
    await collector.refresh();
    expect(pod?.good?.analysis).not.toBe(analysis);
    expect(pod?.good?.analysis.addresses).toContain('10.0.1.6');
    const after = await report('kube-system', 'tenant-a');
    expect(after.mappings.find((m) => m.kind === 'fip')).toMatchObject({ internalIp: '10.0.1.6' });
    // Rates still come from the previous reading, matched by rule text: the changed FIP rule has none.
    const nat = after.tables.find((t) => t.name === 'nat');
    expect(nat?.chains.find((c) => c.name === 'EXCLUSIVE_DNAT')?.rules[0]?.rate).toBeNull();
    expect(nat?.chains.find((c) => c.name === 'SHARED_SNAT')?.rules[0]?.rate?.packetsPerSecond).toBeGreaterThan(0);
    sim.setPod(simPod);
    await collector.refresh();
  });

  it('keeps serving the last good reading, marked stale with its age and the new error, after a later failure', async () => {
    const flaky = gw('kube-system', 'flaky');
    const goodAt = flaky.pods[0]?.good?.at;
    const before = summary('kube-system', 'flaky');
    expect(before).toMatchObject({ status: 'ok', stale: false });
    const pod = sim.getPod('kube-system', 'vpc-nat-gw-flaky-0');
    if (!pod) throw new Error('pod missing');
    sim.setPod({ ...pod, fault: { exitCode: 1, stderr: 'iptables-save: unable to initialize table nat\n' } });
    clock += 5_000;
    await collector.refresh();
    const after = summary('kube-system', 'flaky');
    expect(after).toMatchObject({
      status: 'error',
      stale: true,
      ageSeconds: 5,
      collectedAt: before.collectedAt,
      counts: before.counts,
    });
    expect(after.error?.code).toBe('exec-failed');
    expect(flaky.pods[0]?.good?.at).toBe(goodAt);
    sim.setPod(pod); // healthy again: fresh and not stale
    await collector.refresh();
    expect(summary('kube-system', 'flaky')).toMatchObject({ status: 'ok', stale: false, ageSeconds: 0 });
  });

  it('shows a half-broken HA gateway as an error naming the failing pod, while each pod keeps its own view', async () => {
    const ha = gw('tenant-b', 'ha');
    const second = ha.pods[1]?.info.name ?? '';
    const pod = sim.getPod('tenant-b', second);
    if (!pod) throw new Error('pod missing');
    sim.setPod({ ...pod, fault: 'hang' });
    await collector.refresh();
    const row = summary('tenant-b', 'ha');
    expect(row.status).toBe('error');
    expect(row.error?.message).toContain(second);
    expect(podSummary(ha, ha.pods[0], clock, NO_DRIFT_SOURCE).status).toBe('ok');
    expect(podSummary(ha, ha.pods[1], clock, NO_DRIFT_SOURCE)).toMatchObject({ status: 'error', stale: true });
    sim.setPod(pod);
  });

  it('drops gateways whose pods are gone and picks up new ones on the next pass', async () => {
    sim.deletePod('kube-system', 'vpc-nat-gw-odd-0');
    sim.setPod(
      gatewayPod({ gateway: 'late', namespace: 'tenant-c', exec: fixtureExec(fixture('s3-fip-v114-nft.txt')) }),
    );
    await collector.refresh();
    expect(collector.get('kube-system', 'odd')).toBeUndefined();
    expect(summary('tenant-c', 'late')).toMatchObject({ status: 'ok', backend: 'nft', counts: { fip: 1 } });
  });
});

describe('Collector with an HA pair whose pods hold the same rules', () => {
  it('analyses their shared shape once, and each pod keeps its own counters', async () => {
    const dump = backendMarker('legacy') + fixture('s5-tenant-v116-legacy.txt');
    const fleet = await startFleet({
      pods: haGatewayPods({ gateway: 'twin', each: () => ({ exec: fixtureExec(dump) }) }),
    });
    const pool = new AnalysisPool({ size: 1 });
    const shapes: string[] = [];
    const counting: Analyser = { analyse: (job) => (shapes.push(job.shape), pool.analyse(job)) };
    const c = collectorFor(fleet.client, { analyser: counting, execTimeoutMs: 3000 });
    try {
      await c.refresh();
      const pods = c.get('kube-system', 'twin')?.pods ?? [];
      expect(pods).toHaveLength(2);
      expect(pods.every((p) => p.error === null && p.good !== null)).toBe(true);
      expect(shapes).toHaveLength(1);
      expect(pods[0]?.good?.analysis.facts).toEqual(pods[1]?.good?.analysis.facts);
      expect(pods[0]?.good?.counters).not.toBe(pods[1]?.good?.counters);
    } finally {
      await c.stop();
      await pool.close();
      await fleet.sim.close();
    }
  });
});

describe('Collector when the API server goes away', () => {
  it('keeps every reading, marks it stale with cluster-unreachable, and says why the listing failed', async () => {
    const { collector: c, server } = await collectorAfterOutage();
    expect(c.fleetError?.code).toBe('cluster-unreachable');
    expect(c.fleetError?.message).toContain(server);
    const s = GatewaySummary.parse(gatewaySummary(c.list()[0] as GatewayState, Date.now(), NO_DRIFT_SOURCE));
    expect(s).toMatchObject({ name: 'gw1', status: 'error', stale: true, counts: { fip: 1 } });
    expect(s.error?.code).toBe('cluster-unreachable');
  });
});

describe('Collector telling the cluster client which execs are coming', () => {
  it('asks for a connection per busy slot while execs wait, none for pods it cannot exec, and none at the end', async () => {
    const dump = backendMarker('nft') + fixture('s3-fip-v114-nft.txt');
    const fleet = await startFleet({
      pods: [
        ...['a', 'b', 'c', 'd', 'e'].map((g) => gatewayPod({ gateway: g, exec: fixtureExec(dump) })),
        gatewayPod({ gateway: 'pending', phase: 'Pending', nodeName: null }),
      ],
    });
    const hints: number[] = [];
    const { client } = fleet;
    const recording: GatewayCluster = {
      listPods: (o) => client.listPods(o),
      exec: (req) => client.exec(req),
      expectExecs: (n) => {
        hints.push(n);
        client.expectExecs(n);
      },
    };
    const c = collectorFor(client, { concurrency: 2, cluster: recording });
    await c.refresh();
    // Five execs, two slots: two connections while three or more are still to start, then one, then none.
    expect(hints).toEqual([2, 2, 2, 2, 1, 0, 0]);
    expect(fleet.client.connectionStats.warm).toBeGreaterThanOrEqual(3);
    expect(
      c
        .list()
        .filter((g) => g.pods[0]?.good)
        .map((g) => g.name),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
    await c.stop();
    fleet.client.close();
    await fleet.sim.close();
  });
});
