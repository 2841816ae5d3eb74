import { KUBE_OVN_FIELDS, KUBE_OVN_KINDS, type KubeOvnResources } from '@natscope/api';
import { claimedGateway } from './claimed-gateway.js';
import { fingerprint } from './fingerprint.js';
import { gatewaysIn } from './gateways-in.js';
import { scopedEip } from './scoped-eip.js';
import { versionOf } from './version-of.js';

/** The objects one gateway's comparison reads, and a fingerprint of their versions. */
export interface GatewaySlice {
  resources: KubeOvnResources;
  /** Equal for two slices of the same objects at the same versions, in the same order. */
  fingerprint: string;
}

type RuleField = 'fips' | 'dnats' | 'snats';
const RULE_FIELDS: readonly RuleField[] = ['fips', 'dnats', 'snats'];

function push<K>(map: Map<K, number[]>, key: K, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

/** Two ascending index lists as one, each index once. */
function union(a: readonly number[], b: readonly number[]): number[] {
  if (b.length === 0) return a as number[];
  if (a.length === 0) return b as number[];
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i] ?? Infinity;
    const y = b[j] ?? Infinity;
    out.push(Math.min(x, y));
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out;
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * A listing of the kubeovn.io objects cut per gateway: `slice(gateway, addresses)` holds exactly the objects that
 * compareDesired reads for that gateway, in listing order, so comparing with the slice says what comparing with the
 * whole listing says (gateway-slices.test checks it on every fixture). That is: its VpcNatGateway; its IptablesEIPs
 * (`spec.natGwDp`); the FIP/DNAT/SNAT objects on those EIPs or claiming the gateway (label, `status.natGwDp`), with
 * every EIP they name; when the listing describes no other gateway, the objects naming an EIP that does not exist;
 * and the first EIP of each of `addresses` (the dump's: an orphaned rule's message names its address's owner). A
 * server sends a worker one gateway's slice, not the fleet's listing, and compares a gateway again only
 * when its slice's fingerprint (or its rules) changed: an object that changes re-compares only the gateways it joins.
 */
export class GatewaySlices {
  readonly #resources: KubeOvnResources;
  readonly #gateways = new Map<string, number[]>();
  readonly #eipsByOwner = new Map<string, number[]>();
  readonly #eipsByName = new Map<string, number[]>();
  readonly #eipsByAddress = new Map<string, number[]>();
  readonly #rules: Record<RuleField, { byGateway: Map<string, number[]>; unowned: number[] }>;
  /** Every gateway the listing describes (gatewaysIn). */
  readonly #described: ReadonlySet<string>;

  constructor(resources: KubeOvnResources) {
    this.#resources = resources;
    resources.gateways.forEach((g, i) => push(this.#gateways, g.metadata.name, i));
    resources.eips.forEach((eip, i) => {
      push(this.#eipsByName, eip.metadata.name, i);
      if (eip.spec.natGwDp) push(this.#eipsByOwner, eip.spec.natGwDp, i);
      const { address } = scopedEip(eip);
      if (address) push(this.#eipsByAddress, address, i);
    });
    this.#described = new Set(gatewaysIn(resources));
    const rules = (field: RuleField) => {
      const byGateway = new Map<string, number[]>();
      const unowned: number[] = [];
      resources[field].forEach((object, i) => {
        // As gatewayScope resolves it: the last EIP of that name wins.
        const named = object.spec.eip ? this.#eipsByName.get(object.spec.eip) : undefined;
        const eip = named ? resources.eips[named[named.length - 1]!] : undefined;
        const owner = eip?.spec.natGwDp || null;
        const claimedBy = claimedGateway(object);
        if (owner) push(byGateway, owner, i);
        if (claimedBy && claimedBy !== owner) push(byGateway, claimedBy, i);
        if (!eip && !claimedBy) unowned.push(i);
      });
      return { byGateway, unowned };
    };
    this.#rules = { fips: rules('fips'), dnats: rules('dnats'), snats: rules('snats') };
  }

  /** The objects compareDesired reads for `gateway`, whose dump maps `addresses` (every EIP address it holds, at least). */
  slice(gateway: string, addresses: Iterable<string>): GatewaySlice {
    const all = this.#resources;
    // Objects naming a missing EIP are this gateway's only when the listing describes no other gateway.
    const alone = [...this.#described].every((name) => name === gateway);
    const eipIndexes = new Set(this.#eipsByOwner.get(gateway) ?? NONE);
    const rules = {} as Record<RuleField, number[]>;
    for (const field of RULE_FIELDS) {
      const { byGateway, unowned } = this.#rules[field];
      const indexes = union(byGateway.get(gateway) ?? NONE, alone ? unowned : NONE);
      rules[field] = indexes;
      for (const i of indexes) {
        const name = all[field][i]!.spec.eip;
        for (const e of (name && this.#eipsByName.get(name)) || NONE) eipIndexes.add(e);
      }
    }
    // The first EIP of each address is the one an orphan's message names (gatewayScope keeps the first): one is enough,
    // however many gateways' EIPs claim the address (a conflict, but a listing may have it).
    for (const address of addresses) {
      const first = this.#eipsByAddress.get(address)?.[0];
      if (first !== undefined) eipIndexes.add(first);
    }
    const pick = <T>(list: readonly T[], indexes: Iterable<number>): T[] =>
      [...indexes].sort((a, b) => a - b).map((i) => list[i]!);
    const resources: KubeOvnResources = {
      gateways: pick(all.gateways, this.#gateways.get(gateway) ?? NONE),
      eips: pick(all.eips, eipIndexes),
      fips: pick(all.fips, rules.fips),
      dnats: pick(all.dnats, rules.dnats),
      snats: pick(all.snats, rules.snats),
    };
    return { resources, fingerprint: fingerprintOf(resources) };
  }
}

/** The fingerprint of some objects' versions, kind by kind in listing order. */
function fingerprintOf(resources: KubeOvnResources): string {
  const versions: string[] = [];
  for (const kind of KUBE_OVN_KINDS)
    for (const object of resources[KUBE_OVN_FIELDS[kind]]) versions.push(versionOf(object));
  return fingerprint(versions);
}
