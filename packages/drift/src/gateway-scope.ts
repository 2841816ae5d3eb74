import {
  type IptablesDnatRule,
  type IptablesEIP,
  type IptablesFIPRule,
  type IptablesSnatRule,
  type KubeOvnResources,
  type VpcNatGateway,
} from '@natscope/api';
import { claimedGateway } from './claimed-gateway.js';
import { gatewaysIn } from './gateways-in.js';
import { type ScopedEip, scopedEip } from './scoped-eip.js';

export type { ScopedEip } from './scoped-eip.js';

/** Why a NAT rule object's EIP gives it no address on this gateway. */
export type EipProblem =
  { kind: 'missing' } | { kind: 'other-gateway'; owner: string } | { kind: 'no-gateway' } | { kind: 'no-address' };

/** A FIP, DNAT or SNAT object of this gateway, with its EIP resolved (or why not). */
export interface ScopedRule<T> {
  object: T;
  eip: ScopedEip | null;
  problem: EipProblem | null;
  /** The gateway its `ovn.kubernetes.io/vpc-nat-gw-name` label or `status.natGwDp` names, if any. */
  claimedBy: string | null;
}

/** Every object that makes up one gateway, joined as the controller joins them. */
export interface GatewayScope {
  gateway: VpcNatGateway | null;
  eips: ScopedEip[];
  fips: ScopedRule<IptablesFIPRule>[];
  dnats: ScopedRule<IptablesDnatRule>[];
  snats: ScopedRule<IptablesSnatRule>[];
  /** Every EIP of every gateway by address, to say whose an unowned rule's EIP is. */
  eipsByAddress: Map<string, IptablesEIP>;
}

type NatObject = IptablesFIPRule | IptablesDnatRule | IptablesSnatRule;

/**
 * The objects of `gateway`: its VpcNatGateway, the IptablesEIPs whose `spec.natGwDp` names it, and the FIP/DNAT/SNAT
 * objects whose EIP is one of those (the controller programs a rule on its EIP's gateway). Also taken, with the
 * problem named: objects whose label or `status.natGwDp` claims this gateway but whose EIP is missing or another
 * gateway's, and, when the objects describe no other gateway, objects whose EIP does not exist at all.
 */
export function gatewayScope(gateway: string, resources: KubeOvnResources): GatewayScope {
  const eipsByName = new Map<string, ScopedEip>();
  const eipsByAddress = new Map<string, IptablesEIP>();
  const eips: ScopedEip[] = [];
  for (const object of resources.eips) {
    const scoped = scopedEip(object);
    eipsByName.set(object.metadata.name, scoped);
    if (scoped.address && !eipsByAddress.has(scoped.address)) eipsByAddress.set(scoped.address, object);
    if (object.spec.natGwDp === gateway) eips.push(scoped);
  }
  const others = gatewaysIn(resources).filter((name) => name !== gateway);
  const scope = <T extends NatObject>(objects: T[]): ScopedRule<T>[] => {
    const out: ScopedRule<T>[] = [];
    for (const object of objects) {
      const claimedBy = claimedGateway(object);
      const eip = object.spec.eip ? eipsByName.get(object.spec.eip) : undefined;
      const owner = eip?.object.spec.natGwDp;
      if (eip && owner === gateway) {
        out.push({ object, eip, problem: eip.address ? null : { kind: 'no-address' }, claimedBy });
      } else if (claimedBy === gateway || (!eip && claimedBy === null && others.length === 0)) {
        const problem: EipProblem = eip
          ? owner
            ? { kind: 'other-gateway', owner }
            : { kind: 'no-gateway' }
          : { kind: 'missing' };
        out.push({ object, eip: eip ?? null, problem, claimedBy });
      }
    }
    return out;
  };
  return {
    gateway: resources.gateways.find((g) => g.metadata.name === gateway) ?? null,
    eips,
    fips: scope(resources.fips),
    dnats: scope(resources.dnats),
    snats: scope(resources.snats),
    eipsByAddress,
  };
}
