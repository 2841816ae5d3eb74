// Shared by the server's integration tests: real fixtures, a real kube-sim, the real client-node.
import { readFileSync } from 'node:fs';
import { fixtureExec, gatewayPod, startKubeSim, type KubeSim, type KubeSimOptions } from '@natscope/kube-sim';
import { Collector, type CollectorOptions } from '../collector/collector.js';
import { KubeClient } from '../kube/kube-client.js';

const FIXTURES = new URL('../../../../packages/iptables/fixtures/', import.meta.url);

/** A dump from packages/iptables/fixtures. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** A kube-sim with `pods` and a KubeClient (real client-node) pointed at it. */
export async function startFleet(opts: KubeSimOptions): Promise<{ sim: KubeSim; client: KubeClient }> {
  const sim = await startKubeSim(opts);
  return { sim, client: KubeClient.fromKubeconfig(sim.kubeconfig) };
}

/** A collector over `client` with test-friendly defaults (short timeout, every namespace). */
export function collectorFor(client: KubeClient, opts: Partial<CollectorOptions> = {}): Collector {
  return new Collector({
    cluster: client,
    namespaces: [],
    selector: 'ovn.kubernetes.io/vpc-nat-gw=true',
    execTimeoutMs: 1000,
    concurrency: 8,
    pollMs: 60_000,
    ...opts,
  });
}

/** The exec requests the sim received, as argv lists (to prove what reached a pod). */
export function execArgvs(sim: KubeSim): string[][] {
  return sim.requests
    .filter((r) => r.path.endsWith('/exec'))
    .map((r) => new URLSearchParams(r.query).getAll('command'));
}

/**
 * A collector that read one gateway (s3-fip-v114-nft) and then lost its API server: the state a cluster
 * outage leaves behind. Its kube-sim is already closed.
 */
export async function collectorAfterOutage(): Promise<{ collector: Collector; server: string }> {
  const fleet = await startFleet({
    pods: [gatewayPod({ gateway: 'gw1', exec: fixtureExec(fixture('s3-fip-v114-nft.txt')) })],
  });
  const collector = collectorFor(fleet.client);
  await collector.refresh();
  if (collector.fleetError) throw new Error('the first listing should work');
  await fleet.sim.close();
  await collector.refresh();
  return { collector, server: fleet.sim.url };
}
