import type { GatewayCrdSpec } from '@natscope/kube-sim';

type Plant = (spec: GatewayCrdSpec) => GatewayCrdSpec;

/** The first entry `pick` accepts, or an error naming what the demo gateway's dump lacks. */
function first<T>(list: readonly T[] | undefined, pick: (item: T) => boolean, what: string, gateway: string): T {
  const found = list?.find(pick);
  if (found === undefined) throw new Error(`natscope demo: ${gateway}'s dump has no ${what} to plant drift in`);
  return found;
}

const lastOctet = (ip: string): number => Number(ip.slice(ip.lastIndexOf('.') + 1));

/**
 * The drift the demo plants in a gateway's derived objects (crdSpecFromReport), each the way a Kube-OVN issue leaves
 * it, as a change of the spec (pure: the spec given is not changed). Each picks its object by shape, not by name, so
 * any of a demo gateway's fallback dumps works; one that lacks the shape fails loudly at demo start.
 */
export const plantedDrift = {
  /**
   * The newest floating IP was deleted, but its rules stayed in the pod: its finalizer was cleared by hand while the
   * deletion hung (the usual way out of #1847), so the controller never ran floating-ip-del (v1.13's #5115 left rules
   * the same way). Its EIP stays, now unused.
   */
  fipDeleted: ((spec) => {
    const gone = first([...(spec.fips ?? [])].reverse(), () => true, 'floating IP', spec.gateway);
    return { ...spec, fips: spec.fips?.filter((f) => f !== gone) ?? [] };
  }) satisfies Plant,

  /**
   * A floating IP pointed at another VM in its object (spec.internalIp, and the controller's status with it), while
   * the pod still maps the old one: up to v1.15 floating-ip-add reports success on a mapped EIP (F5, #2540).
   */
  fipMoved: ((spec) => {
    const moved = first(spec.fips, () => true, 'floating IP', spec.gateway);
    const prefix = moved.internalIp.slice(0, moved.internalIp.lastIndexOf('.') + 1);
    const taken = Math.max(
      ...(spec.fips ?? []).filter((f) => f.internalIp.startsWith(prefix)).map((f) => lastOctet(f.internalIp)),
    );
    const internalIp = `${prefix}${taken + 1}`;
    return { ...spec, fips: spec.fips?.map((f) => (f === moved ? { ...f, internalIp } : f)) ?? [] };
  }) satisfies Plant,

  /**
   * A port forward moved to a new backend, and the move stopped part-way: the controller marked it not ready,
   * deleted the old rule, and its dnat-add failed (#6412's strict update). So status.ready is false, its status still
   * says the old backend, and the pod has a rule for neither. Added beside the gateway's first port forward, on a
   * port nothing else there uses.
   */
  dnatUpdateStalled: ((spec) => {
    const beside = first(spec.dnats, () => true, 'port forward', spec.gateway);
    const used = new Set((spec.dnats ?? []).filter((d) => d.eip === beside.eip).map((d) => Number(d.externalPort)));
    let externalPort = 8443;
    while (used.has(externalPort)) externalPort++;
    const prefix = beside.internalIp.slice(0, beside.internalIp.lastIndexOf('.') + 1);
    const stalled = {
      name: `${spec.gateway}-dnat-https`,
      eip: beside.eip,
      protocol: 'tcp',
      externalPort,
      internalIp: `${prefix}${(lastOctet(beside.internalIp) % 250) + 1}`,
      internalPort: 443,
      ready: false,
      applied: { internalIp: beside.internalIp },
    };
    return { ...spec, dnats: [...(spec.dnats ?? []), stalled] };
  }) satisfies Plant,

  /**
   * Objects written by hand the way the kernel does not store them: an SNAT CIDR with host bits (`10.0.1.5/24`, F4) and
   * a protocol in capitals (`TCP`, F3). Their rules exist, so they are in sync; the rows carry the spelling note.
   */
  misspelled: ((spec) => {
    const snat = first(
      spec.snats,
      (s) => /\.0\/(1\d|2[0-9])$/.test(s.internalCidr),
      'SNAT of a /10–/29 network',
      spec.gateway,
    );
    const dnat = first(spec.dnats, (d) => d.protocol === 'tcp', 'TCP port forward', spec.gateway);
    const internalCidr = snat.internalCidr.replace(/\.0\//, '.5/');
    return {
      ...spec,
      snats: spec.snats?.map((s) => (s === snat ? { ...s, internalCidr } : s)) ?? [],
      dnats: spec.dnats?.map((d) => (d === dnat ? { ...d, protocol: 'TCP' } : d)) ?? [],
    };
  }) satisfies Plant,
};
