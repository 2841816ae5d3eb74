import type { PodInfo } from '../kube/gateway-cluster.js';

/** A gateway and the pods that run it (one for a StatefulSet gateway, several for an HA Deployment). */
export interface GatewayPods {
  namespace: string;
  name: string;
  /** Sorted by name, so the default pod is stable from poll to poll. */
  pods: PodInfo[];
}

/** The annotation Kube-OVN puts on every gateway pod, holding the VpcNatGateway's name. */
const GATEWAY_ANNOTATION = 'ovn.kubernetes.io/vpc_nat_gw';
const APP_PREFIX = 'vpc-nat-gw-';

/**
 * Which gateway a pod belongs to: the `ovn.kubernetes.io/vpc_nat_gw` annotation, else the `app=vpc-nat-gw-<name>`
 * label (Contract 3), else the pod's own name so that a selected pod is never silently dropped.
 */
export function gatewayNameOf(pod: PodInfo): string {
  const annotated = pod.annotations[GATEWAY_ANNOTATION];
  if (annotated) return annotated;
  const app = pod.labels.app;
  if (app?.startsWith(APP_PREFIX) && app.length > APP_PREFIX.length) return app.slice(APP_PREFIX.length);
  return pod.name;
}

/** Groups listed pods into gateways, sorted by namespace then name. */
export function groupGateways(pods: readonly PodInfo[]): GatewayPods[] {
  const byKey = new Map<string, GatewayPods>();
  for (const pod of pods) {
    const name = gatewayNameOf(pod);
    const key = `${pod.namespace}/${name}`;
    let gw = byKey.get(key);
    if (!gw) {
      gw = { namespace: pod.namespace, name, pods: [] };
      byKey.set(key, gw);
    }
    gw.pods.push(pod);
  }
  const gateways = [...byKey.values()];
  for (const gw of gateways) gw.pods.sort((a, b) => compare(a.name, b.name));
  return gateways.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
