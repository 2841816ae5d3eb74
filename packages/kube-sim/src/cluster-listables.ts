import { humanDuration } from './human-duration.js';
import { readJsonPath, type KubeOvnResource } from './kubeovn-crds.js';
import type { Listable, ListKind } from './list-response.js';
import type { ServedMeta } from './object-versions.js';
import type { KubeOvnObject, SimPod } from './types.js';

/** A cluster-assigned identity for an object the test did not give one. */
export interface AssignedMeta {
  uid: string;
  creationTimestamp: string;
}

const META_FIELDS = ['metadata.name', 'metadata.namespace'];

/** How namespaces list. */
export const NAMESPACE_LIST: ListKind = {
  listKind: 'NamespaceList',
  apiVersion: 'v1',
  itemsCarryType: false,
  supportedFields: META_FIELDS,
  columns: [
    { name: 'Name', type: 'string', format: 'name' },
    { name: 'Status', type: 'string', description: 'The status of the namespace' },
    { name: 'Age', type: 'string' },
  ],
};

/** A namespace (always Active) as lists see it. */
export function namespaceListable(name: string, meta: AssignedMeta, now: number): Listable {
  const labels = { 'kubernetes.io/metadata.name': name };
  return {
    key: name,
    object: {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name, uid: meta.uid, resourceVersion: '1', creationTimestamp: meta.creationTimestamp, labels },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
    labels,
    fields: { 'metadata.name': name, 'metadata.namespace': '' },
    cells: [name, 'Active', humanDuration(now - Date.parse(meta.creationTimestamp))],
  };
}

/** How a kubeovn.io resource lists: its List kind and the CRD's printer columns after Name (no Age: the CRDs declare columns). */
export function crListKind(resource: KubeOvnResource): ListKind {
  return {
    listKind: `${resource.kind}List`,
    apiVersion: 'kubeovn.io/v1',
    itemsCarryType: true,
    supportedFields: META_FIELDS,
    columns: [
      { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.' },
      ...resource.columns.map((c) => ({ name: c.name, type: c.type })),
    ],
  };
}

/** A kubeovn.io CR as lists see it, with apiVersion/kind and the metadata the server owns. */
export function crListable(resource: KubeOvnResource, cr: KubeOvnObject, meta: ServedMeta): Listable {
  const object = {
    apiVersion: 'kubeovn.io/v1',
    kind: resource.kind,
    metadata: {
      name: cr.metadata.name,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      generation: meta.generation,
      creationTimestamp: meta.creationTimestamp,
      ...(cr.metadata.labels ? { labels: cr.metadata.labels } : {}),
      ...(cr.metadata.annotations ? { annotations: cr.metadata.annotations } : {}),
      ...(cr.metadata.finalizers ? { finalizers: cr.metadata.finalizers } : {}),
    },
    spec: cr.spec,
    ...(cr.status ? { status: cr.status } : {}),
  };
  return {
    key: cr.metadata.name,
    object,
    labels: cr.metadata.labels,
    fields: { 'metadata.name': cr.metadata.name, 'metadata.namespace': '' },
    cells: [cr.metadata.name, ...resource.columns.map((c) => readJsonPath(object, c.jsonPath) ?? null)],
  };
}

/**
 * One VpcNatGateway per gateway that the pods name (annotation `ovn.kubernetes.io/vpc_nat_gw`), with vpc,
 * subnet and lanIp read from the pods' Kube-OVN annotations: the CRs a cluster with those pods would hold.
 */
export function derivedGateways(pods: Iterable<SimPod>): KubeOvnObject[] {
  const byName = new Map<string, SimPod[]>();
  for (const pod of pods) {
    const gw = pod.annotations?.['ovn.kubernetes.io/vpc_nat_gw'];
    if (gw) byName.set(gw, [...(byName.get(gw) ?? []), pod]);
  }
  return [...byName].map(([name, gwPods]) => {
    const first = gwPods[0] as SimPod;
    const a = first.annotations ?? {};
    return {
      metadata: { name },
      spec: {
        vpc: a['ovn.kubernetes.io/logical_router'] ?? 'vpc1',
        subnet: a['ovn.kubernetes.io/logical_switch'] ?? 'net1',
        lanIp: a['ovn.kubernetes.io/ip_address'] ?? first.podIP ?? '10.0.1.254',
        selector: ['kubernetes.io/os: linux'],
        externalSubnets: ['ovn-vpc-external-network'],
        namespace: first.namespace,
        ...(gwPods.length > 1 ? { replicas: gwPods.length } : {}),
      },
      status: { ready: gwPods.every((p) => p.phase === 'Running' && p.ready), replicas: gwPods.length },
    };
  });
}
