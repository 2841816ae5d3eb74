import { homedir } from 'node:os';
import request from 'supertest';
import { AddressIndex, GatewayDetail, GatewayList } from '@natscope/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../http/app.js';
import { Collector } from '../collector/collector.js';
import { loadConfig } from '../config.js';
import { connectSource, type ConnectedSource } from '../kube/connect-source.js';
import { GATEWAY_COMMAND } from '../collector/gateway-command.js';
import { gatewayExec, startDemoCluster } from './demo-cluster.js';

// The built-in demo as `pnpm start` runs it: kube-sim serving the demo fleet, read through the real client-node.

let source: ConnectedSource;
let collector: Collector;
let app: ReturnType<typeof createApp>;
let list: GatewayList;

beforeAll(async () => {
  const loaded = loadConfig(['--source', 'demo'], {});
  if (loaded.kind !== 'config') throw new Error('no config');
  source = await connectSource(loaded.config, { env: {}, home: homedir(), startDemo: startDemoCluster });
  collector = new Collector({
    cluster: source.client,
    namespaces: [],
    selector: loaded.config.selector,
    execTimeoutMs: 1500,
    concurrency: 8,
    pollMs: 60_000,
  });
  await collector.refresh();
  app = createApp({ collector, source: source.source, context: source.context, webDist: null });
  list = GatewayList.parse((await request(app).get('/api/gateways').expect(200)).body);
}, 30_000);

afterAll(async () => {
  await collector.stop();
  await source.close();
});

const row = (name: string) => {
  const g = list.gateways.find((x) => x.name === name);
  if (!g) throw new Error(`no demo gateway ${name}`);
  return g;
};

async function detail(namespace: string, name: string, pod?: string): Promise<GatewayDetail> {
  const path = `/api/gateways/${namespace}/${name}${pod ? `?pod=${pod}` : ''}`;
  return GatewayDetail.parse((await request(app).get(path).expect(200)).body);
}

describe('the built-in demo', () => {
  it('says it is the demo', () => {
    expect(list).toMatchObject({ source: 'demo', context: 'demo' });
  });

  it('has at least six gateways in two namespaces with both backends', () => {
    expect(list.gateways.length).toBeGreaterThanOrEqual(6);
    expect(new Set(list.gateways.map((g) => g.namespace))).toEqual(new Set(['kube-system', 'tenant-b']));
    const backends = new Set(list.gateways.filter((g) => g.status === 'ok').map((g) => g.backend));
    expect(backends).toEqual(new Set(['legacy', 'nft']));
  });

  it('has a busy tenant', async () => {
    expect(row('busy').counts.rules).toBeGreaterThan(150);
    const index = AddressIndex.parse((await request(app).get('/api/addresses').expect(200)).body);
    expect(index.gateways.find((g) => g.name === 'busy')?.addresses.length).toBeGreaterThan(50);
  });

  it('has shadowed SNAT and a half-deleted floating IP among its diagnostics', async () => {
    expect((await detail('tenant-b', 'overlap')).report?.diagnostics.map((d) => d.code)).toContain('rule-shadowed');
    expect((await detail('tenant-b', 'half-fip')).report?.diagnostics.map((d) => d.code)).toContain('fip-asymmetric');
  });

  it('has an HA gateway with two pods that run bfdd beside vpc-nat-gw', async () => {
    const ha = row('edge-ha');
    expect(ha.pods).toHaveLength(2);
    const second = await detail('kube-system', 'edge-ha', ha.pods[1]?.name);
    expect(second.status).toBe('ok');
    expect(
      collector.get('kube-system', 'edge-ha')?.pods.every((p) => p.info.containers.join() === 'bfdd,vpc-nat-gw'),
    ).toBe(true);
  });

  it('has a gateway that times out and one whose exec is forbidden', () => {
    expect(row('stuck').error?.code).toBe('exec-timeout');
    expect(row('locked').error?.code).toBe('exec-forbidden');
  });

  it('shows the legacy-tables warning of a gateway read with the wrong backend', async () => {
    const d = await detail('tenant-b', 'split-brain');
    expect(d.stderr).toContain('iptables-legacy tables present');
    expect(d.report?.diagnostics.map((x) => x.code)).toContain('legacy-tables-present');
  });

  it('advances its counters between polls, so rates move', async () => {
    const before = await detail('tenant-b', 'busy');
    await new Promise((r) => setTimeout(r, 1100));
    await collector.refresh();
    const after = await detail('tenant-b', 'busy');
    const packets = (d: GatewayDetail) => d.report?.mappings.reduce((n, m) => n + m.counters.packets, 0) ?? 0;
    expect(packets(after)).toBeGreaterThan(packets(before));
    const rates =
      after.report?.tables.flatMap((t) => t.chains.flatMap((c) => c.rules.map((r) => r.rate?.packetsPerSecond ?? 0))) ??
      [];
    expect(Math.max(...rates)).toBeGreaterThan(0);
  });
});

describe('gatewayExec', () => {
  it('answers only the fixed gateway argv in the vpc-nat-gw container', async () => {
    // A comment byte that is not UTF-8 (U+DC00 + byte in the text) goes out as that byte, as from a pod.
    const exec = gatewayExec('*nat\n# caf\udce9\nCOMMIT\n', { backend: 'legacy', startedAt: 0 });
    const base = { namespace: 'ns', pod: 'p', tty: false, signal: new AbortController().signal };
    await expect(exec({ ...base, container: 'vpc-nat-gw', command: [...GATEWAY_COMMAND] })).toMatchObject({
      stdout: Buffer.from('#natscope-backend=legacy\n*nat\n# caf\xe9\nCOMMIT\n', 'latin1'),
      exitCode: 0,
    });
    await expect(exec({ ...base, container: 'vpc-nat-gw', command: ['sh', '-c', 'cat /etc/shadow'] })).toMatchObject({
      exitCode: 126,
    });
    await expect(exec({ ...base, container: 'bfdd', command: [...GATEWAY_COMMAND] })).toMatchObject({ exitCode: 126 });
  });
});
