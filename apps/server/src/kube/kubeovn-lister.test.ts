import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { KUBE_OVN_KINDS, type KubeOvnKind } from '@natscope/api';
import { gatewayCrds, startKubeSim, type KubeSim } from '@natscope/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeOvnListError, listKubeOvnObjects } from './kubeovn-lister.js';

// The lister through the real client-node against kube-sim: the five kinds in pages, as the API server pages a list.
let sim: KubeSim;
let api: CustomObjectsApi;
const crds = gatewayCrds({
  gateway: 'gw1',
  eips: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ name: `eip${n}`, v4ip: `192.168.100.${n}` })),
  fips: [1, 2, 3].map((n) => ({ name: `fip${n}`, eip: `eip${n}`, internalIp: `10.0.1.${n}` })),
});

beforeAll(async () => {
  sim = await startKubeSim({ pods: [], crds });
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  api = kc.makeApiClient(CustomObjectsApi);
});

afterAll(async () => {
  await sim.close();
});

describe('listKubeOvnObjects', () => {
  it('hands on every object once, each kind in order, a page at a time', async () => {
    const pages: [KubeOvnKind, string[]][] = [];
    const before = sim.requests.length;
    await listKubeOvnObjects(
      api,
      sim.url,
      5000,
      (kind, items) => pages.push([kind, items.map((i) => (i as { metadata: { name: string } }).metadata.name)]),
      3,
    );
    const of = (kind: KubeOvnKind) => pages.filter(([k]) => k === kind);
    expect(of('IptablesEIP').map(([, names]) => names)).toEqual([
      ['eip1', 'eip2', 'eip3'],
      ['eip4', 'eip5', 'eip6'],
      ['eip7'],
    ]);
    expect(of('IptablesFIPRule').map(([, names]) => names)).toEqual([['fip1', 'fip2', 'fip3']]);
    expect(of('VpcNatGateway').flatMap(([, names]) => names)).toEqual(['gw1']);
    const lists = sim.requests.slice(before).filter((r) => r.path === '/apis/kubeovn.io/v1/iptables-eips');
    expect(lists.map((r) => new URLSearchParams(r.query).get('limit'))).toEqual(['3', '3', '3']);
    expect(lists.map((r) => new URLSearchParams(r.query).has('continue'))).toEqual([false, true, true]);
    expect(new Set(pages.map(([k]) => k))).toEqual(new Set(KUBE_OVN_KINDS));
  });

  it('fails as forbidden, naming the RBAC, when a kind may not be listed', async () => {
    sim.setForbiddenCrds(['iptables-snat-rules']);
    try {
      const err = await listKubeOvnObjects(api, sim.url, 5000, () => {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KubeOvnListError);
      expect((err as KubeOvnListError).reason).toBe('forbidden');
      expect((err as KubeOvnListError).message).toMatch(/may not list iptables-snat-rules\.kubeovn\.io .*ClusterRole/s);
    } finally {
      sim.setForbiddenCrds([]);
    }
  });
});
