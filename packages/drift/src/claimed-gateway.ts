import { KUBE_OVN_LABELS } from '@natscope/api';

/** What a FIP/DNAT/SNAT object lets its metadata.labels and status carry. */
interface Claiming {
  metadata: { labels?: Record<string, string> | undefined };
  status?: { natGwDp?: string | undefined } | undefined;
}

/**
 * The gateway a NAT rule object says it is on: its `ovn.kubernetes.io/vpc-nat-gw-name` label, else `status.natGwDp`,
 * else null. A claim, not the join (that is its EIP's `spec.natGwDp`); the comparison says when the two disagree.
 */
export function claimedGateway(object: Claiming): string | null {
  return object.metadata.labels?.[KUBE_OVN_LABELS.gateway] || object.status?.natGwDp || null;
}
