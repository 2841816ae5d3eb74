import { KUBE_OVN_KINDS, type KubeOvnKind } from '@natscope/api';
import { type ListedResources, ListingBuilder } from './listing-builder.js';

/**
 * The objects the API server listed (each kind's `items`, whole), validated as ListingBuilder reads them, reusing
 * the previous listing's objects whose uid and resourceVersion are unchanged.
 */
export function listedResources(
  lists: Partial<Record<KubeOvnKind, readonly unknown[]>>,
  previous?: ListedResources,
): ListedResources {
  const builder = new ListingBuilder(previous);
  for (const kind of KUBE_OVN_KINDS) builder.add(kind, lists[kind] ?? []);
  return builder.finish();
}
