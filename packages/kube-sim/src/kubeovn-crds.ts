import type { TableColumn } from './table.js';
import type { KubeOvnObject, SimCrds } from './types.js';

/** A kubeovn.io/v1 resource the sim serves: its names and the printer columns of Kube-OVN's CRD. */
export interface KubeOvnResource {
  plural: keyof SimCrds;
  singular: string;
  kind: string;
  shortNames: string[];
  columns: { name: string; jsonPath: string; type: TableColumn['type'] }[];
}

/** The five CRDs a VPC NAT gateway is driven by, as Kube-OVN's kube-ovn-crd.yaml declares them. */
export const KUBEOVN_RESOURCES: readonly KubeOvnResource[] = [
  {
    plural: 'vpc-nat-gateways',
    singular: 'vpc-nat-gateway',
    kind: 'VpcNatGateway',
    shortNames: ['vpc-nat-gw'],
    columns: [
      { name: 'Vpc', jsonPath: '.spec.vpc', type: 'string' },
      { name: 'Subnet', jsonPath: '.spec.subnet', type: 'string' },
      { name: 'LanIP', jsonPath: '.spec.lanIp', type: 'string' },
    ],
  },
  {
    plural: 'iptables-eips',
    singular: 'iptables-eip',
    kind: 'IptablesEIP',
    shortNames: ['eip'],
    columns: [
      { name: 'IP', jsonPath: '.status.ip', type: 'string' },
      { name: 'Mac', jsonPath: '.spec.macAddress', type: 'string' },
      { name: 'Nat', jsonPath: '.status.nat', type: 'string' },
      { name: 'NatGwDp', jsonPath: '.spec.natGwDp', type: 'string' },
      { name: 'Ready', jsonPath: '.status.ready', type: 'boolean' },
    ],
  },
  {
    plural: 'iptables-fip-rules',
    singular: 'iptables-fip-rule',
    kind: 'IptablesFIPRule',
    shortNames: ['fip'],
    columns: [
      { name: 'Eip', jsonPath: '.spec.eip', type: 'string' },
      { name: 'V4ip', jsonPath: '.status.v4ip', type: 'string' },
      { name: 'InternalIp', jsonPath: '.spec.internalIp', type: 'string' },
      { name: 'V6ip', jsonPath: '.status.v6ip', type: 'string' },
      { name: 'Ready', jsonPath: '.status.ready', type: 'boolean' },
      { name: 'NatGwDp', jsonPath: '.status.natGwDp', type: 'string' },
    ],
  },
  {
    plural: 'iptables-dnat-rules',
    singular: 'iptables-dnat-rule',
    kind: 'IptablesDnatRule',
    shortNames: ['dnat'],
    columns: [
      { name: 'Eip', jsonPath: '.spec.eip', type: 'string' },
      { name: 'Protocol', jsonPath: '.spec.protocol', type: 'string' },
      { name: 'V4ip', jsonPath: '.status.v4ip', type: 'string' },
      { name: 'V6ip', jsonPath: '.status.v6ip', type: 'string' },
      { name: 'InternalIp', jsonPath: '.spec.internalIp', type: 'string' },
      { name: 'ExternalPort', jsonPath: '.spec.externalPort', type: 'string' },
      { name: 'InternalPort', jsonPath: '.spec.internalPort', type: 'string' },
      { name: 'NatGwDp', jsonPath: '.status.natGwDp', type: 'string' },
      { name: 'Ready', jsonPath: '.status.ready', type: 'boolean' },
    ],
  },
  {
    plural: 'iptables-snat-rules',
    singular: 'iptables-snat-rule',
    kind: 'IptablesSnatRule',
    shortNames: ['snat'],
    columns: [
      { name: 'EIP', jsonPath: '.spec.eip', type: 'string' },
      { name: 'V4ip', jsonPath: '.status.v4ip', type: 'string' },
      { name: 'V6ip', jsonPath: '.status.v6ip', type: 'string' },
      { name: 'InternalCIDR', jsonPath: '.spec.internalCIDR', type: 'string' },
      { name: 'NatGwDp', jsonPath: '.status.natGwDp', type: 'string' },
      { name: 'Ready', jsonPath: '.status.ready', type: 'boolean' },
    ],
  },
];

/** Reads a simple `.a.b` JSONPath out of an object; undefined when any step is missing. */
export function readJsonPath(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const step of path.split('.').filter(Boolean)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/**
 * Per object: how far the controller got with it. `ready` defaults to the spec's; `applied` is what it last
 * programmed where that differs from the object's spec (an update it has not applied yet): the status says that
 * instead, and the object has been updated once since it was created (generation 2).
 */
type Programmed<Fields> = Fields & { name: string; ready?: boolean; applied?: Partial<Fields> };

/** A NAT rule object's own fields (beside its name and the EIP it is on). */
type FipFields = { eip: string; internalIp: string };
type DnatFields = {
  eip: string;
  protocol: string;
  externalPort: number | string;
  internalIp: string;
  internalPort: number | string;
};
type SnatFields = { eip: string; internalCidr: string };

/** What one gateway's CRs describe: its EIPs and the FIP, DNAT and SNAT rules on them. */
export interface GatewayCrdSpec {
  gateway: string;
  vpc?: string;
  subnet?: string;
  lanIp?: string;
  /** Where the gateway's pods run (its spec.namespace and its EIPs'); default `kube-system`. */
  namespace?: string;
  /** Its pods: more than one is an HA gateway (a Deployment, Kube-OVN master). Default 1. */
  replicas?: number;
  eips?: { name: string; v4ip: string; ready?: boolean }[];
  fips?: Programmed<FipFields>[];
  dnats?: Programmed<DnatFields>[];
  snats?: Programmed<SnatFields>[];
  /** Status of every CR (the controller sets `ready: true` once the rules are applied). */
  ready?: boolean;
}

/** The finalizer the controller puts on every object it handles, so it can remove the rules before the object goes. */
const KUBE_OVN_FINALIZER = 'kubeovn.io/kube-ovn-controller';
const EXTERNAL_SUBNET = 'ovn-vpc-external-network';

/**
 * Builds the CRs the Kube-OVN controller would hold for one gateway once it has handled them: its finalizer, the
 * labels it puts on EIPs and rule CRs (`ovn.kubernetes.io/vpc-nat-gw-name`, `ovn.kubernetes.io/eip_v4_ip`, DNAT's
 * `ovn.kubernetes.io/vpc_dnat_eport`), the `ovn.kubernetes.io/vpc_eip` annotation, the EIP's backfilled spec, and
 * the status it patches (what it programmed, `ready`, an empty `redo`). Spec and status agree unless a rule says what
 * was `applied` instead (an update not applied yet).
 */
export function gatewayCrds(spec: GatewayCrdSpec): Required<SimCrds> {
  const ready = spec.ready ?? true;
  const gw = spec.gateway;
  const vpc = spec.vpc ?? 'vpc1';
  const subnet = spec.subnet ?? 'net1';
  const lanIp = spec.lanIp ?? '10.0.1.254';
  const namespace = spec.namespace ?? 'kube-system';
  const replicas = spec.replicas ?? 1;
  const ipOf = new Map((spec.eips ?? []).map((e) => [e.name, e.v4ip]));
  // What the controller writes into each EIP's status.nat: the kinds using it, in the order dnat, fip, snat.
  const uses = new Map<string, Set<string>>();
  const use = (eip: string, kind: string): void => {
    const kinds = uses.get(eip) ?? new Set<string>();
    kinds.add(kind);
    uses.set(eip, kinds);
  };
  for (const d of spec.dnats ?? []) use(d.eip, 'dnat');
  for (const f of spec.fips ?? []) use(f.eip, 'fip');
  for (const s of spec.snats ?? []) use(s.eip, 'snat');
  /**
   * One NAT rule object. Its labels, annotation and status say what the controller programmed (`applied` over the
   * spec): it patches them only once the rule is in the pod.
   */
  const ruleCr = <F extends { eip: string }>(
    rule: Programmed<F>,
    fieldsOf: (f: F) => Record<string, string>,
    labelsOf: (f: F) => Record<string, string> = () => ({}),
  ): KubeOvnObject => {
    const programmed: F = { ...rule, ...rule.applied };
    const v4ip = ipOf.get(programmed.eip) ?? '';
    return {
      metadata: {
        name: rule.name,
        labels: {
          'ovn.kubernetes.io/vpc-nat-gw-name': gw,
          'ovn.kubernetes.io/eip_v4_ip': v4ip,
          ...labelsOf(programmed),
        },
        annotations: { 'ovn.kubernetes.io/vpc_eip': programmed.eip },
        finalizers: [KUBE_OVN_FINALIZER],
        ...(rule.applied ? { generation: 2 } : {}),
      },
      spec: { eip: rule.eip, ...fieldsOf(rule) },
      status: { ready: rule.ready ?? ready, redo: '', v4ip, v6ip: '', natGwDp: gw, ...fieldsOf(programmed) },
    };
  };
  const dnatFields = (d: DnatFields): Record<string, string> => ({
    externalPort: String(d.externalPort),
    protocol: d.protocol,
    internalIp: d.internalIp,
    internalPort: String(d.internalPort),
  });
  const selector = ['kubernetes.io/os: linux'];
  return {
    'vpc-nat-gateways': [
      {
        // updateCrdNatGwLabels writes the QoS label even when the gateway has no QoS policy.
        metadata: {
          name: gw,
          labels: { 'ovn.kubernetes.io/subnet': subnet, 'ovn.kubernetes.io/vpc': vpc, 'ovn.kubernetes.io/qos': '' },
          finalizers: [KUBE_OVN_FINALIZER],
        },
        spec: { vpc, subnet, lanIp, namespace, replicas, selector, externalSubnets: [EXTERNAL_SUBNET] },
        status: {
          qosPolicy: '',
          ready,
          lanIp,
          replicas,
          selector,
          externalSubnets: [EXTERNAL_SUBNET],
          workload: {
            apiVersion: 'apps/v1',
            kind: replicas > 1 ? 'Deployment' : 'StatefulSet',
            name: `vpc-nat-gw-${gw}`,
          },
        },
      },
    ],
    'iptables-eips': (spec.eips ?? []).map((e) => ({
      metadata: {
        name: e.name,
        labels: {
          'ovn.kubernetes.io/eip_v4_ip': e.v4ip,
          'ovn.kubernetes.io/subnet': EXTERNAL_SUBNET,
          'ovn.kubernetes.io/vpc-nat-gw-name': gw,
        },
        finalizers: [KUBE_OVN_FINALIZER],
      },
      // The controller copies the address it allocated back into spec.v4ip.
      spec: {
        v4ip: e.v4ip,
        v6ip: '',
        macAddress: macFor(e.v4ip),
        natGwDp: gw,
        externalSubnet: EXTERNAL_SUBNET,
        namespace,
        qosPolicy: '',
      },
      status: {
        ip: e.v4ip,
        ready: e.ready ?? ready,
        nat: ['dnat', 'fip', 'snat'].filter((k) => uses.get(e.name)?.has(k)).join(','),
        redo: '',
        qosPolicy: '',
      },
    })),
    'iptables-fip-rules': (spec.fips ?? []).map((f) => ruleCr(f, (x) => ({ internalIp: x.internalIp }))),
    'iptables-dnat-rules': (spec.dnats ?? []).map((d) =>
      ruleCr(d, dnatFields, (x) => ({ 'ovn.kubernetes.io/vpc_dnat_eport': String(x.externalPort) })),
    ),
    // The status keeps the CIDR as written, host bits and all.
    'iptables-snat-rules': (spec.snats ?? []).map((s) => ruleCr(s, (x) => ({ internalCIDR: x.internalCidr }))),
  };
}

// The controller allocates a MAC with each EIP; derive a stable one from the address.
function macFor(ip: string): string {
  const octets = ip.split('.').map((o) => Number(o) & 0xff);
  const hex = (n: number | undefined): string => (n ?? 0).toString(16).padStart(2, '0');
  return `00:00:00:${hex(octets[1])}:${hex(octets[2])}:${hex(octets[3])}`;
}

/** Concatenates several gateways' CR sets into one. */
export function mergeCrds(...sets: SimCrds[]): Required<SimCrds> {
  const out: Required<SimCrds> = {
    'vpc-nat-gateways': [],
    'iptables-eips': [],
    'iptables-fip-rules': [],
    'iptables-dnat-rules': [],
    'iptables-snat-rules': [],
  };
  for (const set of sets) {
    for (const r of KUBEOVN_RESOURCES) out[r.plural].push(...(set[r.plural] ?? []));
  }
  return out;
}
