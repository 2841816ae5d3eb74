import type { InspectReport } from '@natscope/api';
import type { GatewayCrdSpec } from '@natscope/kube-sim';

/** Where the gateway lives and how it is built: the rest of a GatewayCrdSpec (namespace, replicas, vpc, subnet, lanIp, ready). */
export type CrdSpecOptions = Omit<GatewayCrdSpec, 'gateway' | 'eips' | 'fips' | 'dnats' | 'snats'>;

/** `tenant-a-fip03`: the gateway's name (CR names are cluster-wide), the kind, a number in order of appearance. */
function namer(gateway: string, kind: string): () => string {
  let n = 0;
  return () => `${gateway}-${kind}${String(++n).padStart(2, '0')}`;
}

/**
 * The kubeovn.io objects that make the rules of `report` (an inspect report of the gateway's dump), as a spec for
 * kube-sim's `gatewayCrds`: one IptablesEIP per distinct EIP address the mappings use (hairpin rules included), and
 * one IptablesFIPRule, IptablesDnatRule or IptablesSnatRule per floating IP, port forward or SNAT mapping, every one
 * ready. Mappings with the same identity (a rule duplicated in the dump) are one object, as the rules one object's
 * repeated re-adds leave. Derived from the dump itself, the objects cannot disagree with it: compareDesired finds them
 * in sync, unless the dump is itself broken (half a floating IP). One pass over the mappings; pure.
 */
export function crdSpecFromReport(gateway: string, report: InspectReport, opts: CrdSpecOptions = {}): GatewayCrdSpec {
  const eipName = namer(gateway, 'eip');
  const fipName = namer(gateway, 'fip');
  const dnatName = namer(gateway, 'dnat');
  const snatName = namer(gateway, 'snat');
  const eips: NonNullable<GatewayCrdSpec['eips']> = [];
  const fips: NonNullable<GatewayCrdSpec['fips']> = [];
  const dnats: NonNullable<GatewayCrdSpec['dnats']> = [];
  const snats: NonNullable<GatewayCrdSpec['snats']> = [];
  const eipOf = new Map<string, string>();
  const seen = new Set<string>();
  const eip = (address: string): string => {
    let name = eipOf.get(address);
    if (name === undefined) {
      name = eipName();
      eipOf.set(address, name);
      eips.push({ name, v4ip: address });
    }
    return name;
  };
  for (const m of report.mappings) {
    const on = eip(m.eip);
    // Keys carry the kind, so a FIP and a SNAT of the same EIP and address never collide.
    switch (m.kind) {
      case 'fip': {
        const key = `fip ${m.eip} ${m.internalIp}`;
        if (!seen.has(key)) fips.push({ name: fipName(), eip: on, internalIp: m.internalIp });
        seen.add(key);
        break;
      }
      case 'dnat': {
        const key = `dnat ${m.eip} ${m.protocol} ${m.externalPort} ${m.internalIp} ${m.internalPort}`;
        if (!seen.has(key)) {
          dnats.push({
            name: dnatName(),
            eip: on,
            protocol: m.protocol,
            externalPort: m.externalPort,
            internalIp: m.internalIp,
            internalPort: m.internalPort,
          });
        }
        seen.add(key);
        break;
      }
      case 'snat': {
        const key = `snat ${m.eip} ${m.internalCidr}`;
        if (!seen.has(key)) snats.push({ name: snatName(), eip: on, internalCidr: m.internalCidr });
        seen.add(key);
        break;
      }
      case 'hairpin':
        break;
    }
  }
  return { ...opts, gateway, eips, fips, dnats, snats };
}
