import { KUBE_OVN_LABELS, type KubeOvnResources } from '@natscope/api';

/** What identifies one version of an object: uid and resourceVersion when the API server gave them, else its JSON. */
function versionOf(object: { kind: string; metadata: { name: string; uid?: string | undefined; resourceVersion?: string | undefined } }): string {
  const { name, uid, resourceVersion } = object.metadata;
  return resourceVersion ? `${object.kind}/${name}/${uid ?? ''}@${resourceVersion}` : JSON.stringify(object);
}

/** FNV-1a over a text in two lanes with different offsets: 64 bits of key, so distinct inputs do not collide in practice. */
function digest(parts: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x6c62272e;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0x1f, 0x01000193); // a separator, so ["ab","c"] and ["a","bc"] differ
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * A key per gateway that changes whenever anything compareDesired reads for that gateway may have changed: its
 * VpcNatGateway, its EIPs, the rule objects on them or claiming it, and what every gateway's comparison reads
 * (every EIP's name, gateway and address, which gateways exist, rule objects that no gateway owns). A server
 * compares a gateway again only when its key or its rules changed: in a steady cluster, never.
 */
export function gatewayFingerprints(resources: KubeOvnResources): (gateway: string) => string {
  const own = new Map<string, string[]>();
  const add = (gateway: string | undefined | null, part: string): void => {
    if (!gateway) return;
    let parts = own.get(gateway);
    if (!parts) own.set(gateway, (parts = []));
    parts.push(part);
  };
  const shared: string[] = [];
  for (const gateway of resources.gateways) {
    add(gateway.metadata.name, versionOf(gateway));
    shared.push(`gw:${gateway.metadata.name}`);
  }
  const owner = new Map<string, string>();
  for (const eip of resources.eips) {
    add(eip.spec.natGwDp, versionOf(eip));
    if (eip.spec.natGwDp) owner.set(eip.metadata.name, eip.spec.natGwDp);
    shared.push(`eip:${eip.metadata.name}|${eip.spec.natGwDp ?? ''}|${eip.status?.ip ?? ''}|${eip.spec.v4ip ?? ''}`);
  }
  for (const object of [...resources.fips, ...resources.dnats, ...resources.snats]) {
    const version = versionOf(object);
    const byEip = object.spec.eip ? owner.get(object.spec.eip) : undefined;
    const claimedBy = object.metadata.labels?.[KUBE_OVN_LABELS.gateway] || object.status?.natGwDp || undefined;
    add(byEip, version);
    if (claimedBy !== byEip) add(claimedBy, version);
    if (!byEip && !claimedBy) shared.push(version);
  }
  const common = digest(shared);
  const keys = new Map<string, string>();
  return (gateway) => {
    let key = keys.get(gateway);
    if (key === undefined) keys.set(gateway, (key = `${digest(own.get(gateway) ?? [])}-${common}`));
    return key;
  };
}
