import { createHash } from 'node:crypto';
import type { ExecHandler, PodFault, SimPod } from './types.js';

/** What distinguishes one gateway pod; everything else takes Kube-OVN's defaults. */
export interface GatewayPodOptions {
  gateway: string;
  /** Default `kube-system`, the controller's namespace. */
  namespace?: string;
  /** Pod name; default `vpc-nat-gw-<gateway>-0` (the StatefulSet's only pod). */
  name?: string;
  /** Put a `bfdd` sidecar first, as HA gateways with BFD do (so a client that does not name the container lands in it). */
  bfdd?: boolean;
  phase?: SimPod['phase'];
  ready?: boolean;
  restartCount?: number;
  vpc?: string;
  subnet?: string;
  lanIp?: string;
  exec?: ExecHandler;
  fault?: PodFault;
  creationTimestamp?: string;
  nodeName?: string | null;
  /** Extra labels (merged over the gateway's). */
  labels?: Record<string, string>;
}

const shortHash = (text: string, length: number): string =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

/**
 * A pod shaped like the one Kube-OVN's controller creates for a VpcNatGateway: labels
 * `app=vpc-nat-gw-<gw>` and `ovn.kubernetes.io/vpc-nat-gw=true`, annotation `ovn.kubernetes.io/vpc_nat_gw=<gw>`,
 * the Multus and IPAM annotations, and container `vpc-nat-gw` (after `bfdd` when asked).
 */
export function gatewayPod(opts: GatewayPodOptions): SimPod {
  const gw = opts.gateway;
  const name = opts.name ?? `vpc-nat-gw-${gw}-0`;
  const lanIp = opts.lanIp ?? '10.0.1.254';
  const statefulSetLabels: Record<string, string> = opts.name
    ? {}
    : {
        'controller-revision-hash': `vpc-nat-gw-${gw}-${shortHash(gw, 10)}`,
        'statefulset.kubernetes.io/pod-name': name,
        'apps.kubernetes.io/pod-index': '0',
      };
  return {
    namespace: opts.namespace ?? 'kube-system',
    name,
    labels: { app: `vpc-nat-gw-${gw}`, 'ovn.kubernetes.io/vpc-nat-gw': 'true', ...statefulSetLabels, ...opts.labels },
    annotations: {
      'ovn.kubernetes.io/vpc_nat_gw': gw,
      'k8s.v1.cni.cncf.io/networks': 'kube-system/ovn-vpc-external-network',
      'ovn.kubernetes.io/logical_switch': opts.subnet ?? 'net1',
      'ovn.kubernetes.io/logical_router': opts.vpc ?? 'vpc1',
      'ovn.kubernetes.io/ip_address': lanIp,
      'ovn.kubernetes.io/vpc_nat_gw_init': 'true',
    },
    phase: opts.phase ?? 'Running',
    ready: opts.ready ?? (opts.phase === undefined || opts.phase === 'Running'),
    containers: opts.bfdd ? ['bfdd', 'vpc-nat-gw'] : ['vpc-nat-gw'],
    restartCount: opts.restartCount ?? 0,
    podIP: lanIp,
    ...(opts.creationTimestamp ? { creationTimestamp: opts.creationTimestamp } : {}),
    ...(opts.nodeName !== undefined ? { nodeName: opts.nodeName } : {}),
    ...(opts.exec ? { exec: opts.exec } : {}),
    ...(opts.fault ? { fault: opts.fault } : {}),
  };
}

/**
 * The pods of an HA gateway (Kube-OVN master, `spec.replicas > 1`): a Deployment's pods with random-looking
 * names `vpc-nat-gw-<gw>-<hash>-<suffix>`, each with the `bfdd` sidecar listed first. Per-pod options
 * (exec, fault, phase…) come from `each(index)`.
 */
export function haGatewayPods(
  opts: Omit<GatewayPodOptions, 'name' | 'bfdd'> & {
    replicas?: number;
    each?: (index: number) => Partial<GatewayPodOptions>;
  },
): SimPod[] {
  const replicas = opts.replicas ?? 2;
  const templateHash = shortHash(`${opts.gateway}/template`, 10);
  return Array.from({ length: replicas }, (_, i) => {
    const suffix = shortHash(`${opts.gateway}/${i}`, 5).replace(/[0-9]/g, (d) => 'bcdfghjklm'[Number(d)] as string);
    const { each, replicas: _replicas, ...base } = opts;
    return gatewayPod({
      ...base,
      ...each?.(i),
      name: `vpc-nat-gw-${opts.gateway}-${templateHash}-${suffix}`,
      bfdd: true,
      labels: { 'pod-template-hash': templateHash, ...opts.labels },
    });
  });
}
