import { KUBE_OVN_KINDS, KUBE_OVN_RESOURCES, type KubeOvnResources } from '@natscope/api';
import { listedResources } from '@natscope/drift';
import type { SimCrds } from '@natscope/kube-sim';

/** kube-sim's CRs read as the server reads its listing (listedResources); throws on an object the server would leave out. */
export function crdsAsResources(crds: SimCrds): KubeOvnResources {
  const lists = Object.fromEntries(
    KUBE_OVN_KINDS.map((kind) => [kind, crds[KUBE_OVN_RESOURCES[kind] as keyof SimCrds] ?? []]),
  );
  const { resources, notes } = listedResources(lists);
  if (notes.length) throw new Error(`kube-sim CRs the server would leave out:\n${notes.join('\n')}`);
  return resources;
}
