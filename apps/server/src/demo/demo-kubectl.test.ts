/**
 * The demo's kubeovn.io objects as the real kubectl (1.32) sees them: what a user of the demo's kubeconfig would
 * paste into `natscope --crs`, read back with @natscope/drift's readResources, is each gateway's demo objects.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeOvnObject, KubeOvnResources } from '@natscope/api';
import { readResources } from '@natscope/drift';
import { runKubectl, type KubectlRun } from '@natscope/kube-sim/run-kubectl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crdsAsResources } from '../test-support/crds-as-resources.js';
import { DEMO_GATEWAYS, demoCrds, startDemoCluster } from './demo-cluster.js';

const ALL_FIVE = 'vpc-nat-gateways,iptables-eips,iptables-fip-rules,iptables-dnat-rules,iptables-snat-rules';

let dir: string;
let demo: Awaited<ReturnType<typeof startDemoCluster>>;
const kubectl = (args: string[]): Promise<KubectlRun> => runKubectl(dir, args);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'natscope-demo-kubectl-'));
  demo = await startDemoCluster();
  await writeFile(join(dir, 'kubeconfig'), demo.kubeconfig);
}, 30_000);

afterAll(async () => {
  await demo?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every object, in kind order. */
const all = (r: KubeOvnResources): KubeOvnObject[] => [...r.gateways, ...r.eips, ...r.fips, ...r.dnats, ...r.snats];

/** The objects of each gateway, joined as the controller joins them: EIPs by spec.natGwDp, rules by their EIP's. */
function perGateway(objects: readonly KubeOvnObject[]): Map<string, KubeOvnObject[]> {
  const gatewayOfEip = new Map(
    objects.flatMap((o) => (o.kind === 'IptablesEIP' ? [[o.metadata.name, o.spec.natGwDp ?? '']] : [])),
  );
  const out = new Map<string, KubeOvnObject[]>();
  for (const o of objects) {
    const gateway =
      o.kind === 'VpcNatGateway'
        ? o.metadata.name
        : o.kind === 'IptablesEIP'
          ? (o.spec.natGwDp ?? '')
          : (gatewayOfEip.get(o.spec.eip ?? '') ?? '');
    out.set(gateway, [...(out.get(gateway) ?? []), o]);
  }
  return out;
}

/** What the API server owns in an object's metadata. */
interface ServerMeta {
  uid: unknown;
  resourceVersion: unknown;
  generation: unknown;
  creationTimestamp: unknown;
}

/** The object without what the API server owns in its metadata, to compare with what the demo wrote; and that part. */
function split(o: KubeOvnObject): { object: KubeOvnObject; meta: ServerMeta } {
  const { uid, resourceVersion, generation, creationTimestamp, ...metadata } = o.metadata;
  return { object: { ...o, metadata }, meta: { uid, resourceVersion, generation, creationTimestamp } };
}

// Lists come in etcd's key order: by name (byte order), whatever order the demo wrote them in.
const byName = (a: KubeOvnObject, b: KubeOvnObject): number =>
  a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
const inListOrder = (r: KubeOvnResources): KubeOvnObject[] =>
  [r.gateways, r.eips, r.fips, r.dnats, r.snats].flatMap((list: KubeOvnObject[]) => [...list].sort(byName));

// The demo's own objects by gateway (a stalled update's generation is in them: the server's to serve, checked below).
const expected = new Map(
  DEMO_GATEWAYS.map((gw) => [gw.name, inListOrder(crdsAsResources(demoCrds(gw))).map((o) => split(o).object)]),
);

describe('kubectl get on the demo cluster', () => {
  it.each(['yaml', 'json'])("prints, as -o %s, every gateway's demo objects and nothing else", async (format) => {
    const run = await kubectl(['get', ALL_FIVE, '-o', format]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    if (format === 'yaml')
      expect(run.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: kubeovn\.io\/v1\n {2}kind: VpcNatGateway\n/);
    const { resources, notes } = readResources(run.stdout, `kubectl.${format}`);
    expect(notes).toEqual([]);
    const read = all(resources).map(split);
    const seen = perGateway(read.map((r) => r.object));
    expect([...seen.keys()].sort()).toEqual(DEMO_GATEWAYS.map((g) => g.name).sort());
    for (const gw of DEMO_GATEWAYS)
      expect({ gateway: gw.name, objects: seen.get(gw.name) }).toEqual({
        gateway: gw.name,
        objects: expected.get(gw.name),
      });

    // What the server filled in: a uid each, a resourceVersion each, the time of creation; generation 1, except the
    // port forward whose spec changed after it was programmed.
    expect(new Set(read.map((r) => r.meta.uid)).size).toBe(read.length);
    for (const { object, meta } of read) {
      const key = `${object.kind}/${object.metadata.name}`;
      expect({ key, ...meta }).toEqual({
        key,
        uid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        resourceVersion: expect.stringMatching(/^[1-9]\d*$/),
        generation: key === 'IptablesDnatRule/busy-dnat-https' ? 2 : 1,
        creationTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      });
    }
  });

  it('prints the same objects as YAML and as JSON, with the same resourceVersions', async () => {
    const [yaml, json] = await Promise.all([
      kubectl(['get', ALL_FIVE, '-o', 'yaml']),
      kubectl(['get', ALL_FIVE, '-o', 'json']),
    ]);
    expect(readResources(yaml.stdout, 'kubectl.yaml')).toEqual(readResources(json.stdout, 'kubectl.json'));
  });

  it("prints Kube-OVN's printer columns for the floating IPs", async () => {
    const run = await kubectl(['get', 'iptables-fip-rules']);
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header?.split(/\s+/)).toEqual(['NAME', 'EIP', 'V4IP', 'INTERNALIP', 'V6IP', 'READY', 'NATGWDP']);
    expect(rows).toHaveLength([...expected.values()].flat().filter((o) => o.kind === 'IptablesFIPRule').length);
    // The moved floating IP: the new VM in its spec, the EIP's address, ready, its gateway (V6ip is empty).
    expect(rows).toContainEqual(
      expect.stringMatching(/^vm-farm-fip01\s+vm-farm-eip01\s+192\.168\.100\.40\s+10\.0\.1\.16\s+true\s+vm-farm$/),
    );
  });
});
