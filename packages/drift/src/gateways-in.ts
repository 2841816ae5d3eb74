import type { KubeOvnResources } from '@natscope/api';

/**
 * The gateways the objects describe, sorted: every VpcNatGateway and every gateway an IptablesEIP's `spec.natGwDp`
 * names (the join the controller uses). Labels on NAT rules are claims, not the join, so they do not add names.
 */
export function gatewaysIn(resources: KubeOvnResources): string[] {
  const names = new Set<string>();
  for (const gateway of resources.gateways) names.add(gateway.metadata.name);
  for (const eip of resources.eips) if (eip.spec.natGwDp) names.add(eip.spec.natGwDp);
  return [...names].sort();
}
