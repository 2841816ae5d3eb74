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

/** What one gateway's CRs describe: its EIPs and the FIP, DNAT and SNAT rules on them. */
export interface GatewayCrdSpec {
  gateway: string;
  vpc?: string;
  subnet?: string;
  lanIp?: string;
  eips?: { name: string; v4ip: string }[];
  fips?: { name: string; eip: string; internalIp: string }[];
  dnats?: { name: string; eip: string; protocol: string; externalPort: number | string; internalIp: string; internalPort: number | string }[];
  snats?: { name: string; eip: string; internalCidr: string }[];
  /** Status of every CR (the controller sets `ready: true` once the rules are applied). */
  ready?: boolean;
}

/**
 * Builds the CRs the Kube-OVN controller would hold for one gateway, with the labels it puts on rule CRs
 * (`ovn.kubernetes.io/vpc-nat-gw-name`, `ovn.kubernetes.io/eip_v4_ip`) and the status fields it fills.
 */
export function gatewayCrds(spec: GatewayCrdSpec): Required<SimCrds> {
  const ready = spec.ready ?? true;
  const gw = spec.gateway;
  const ipOf = (eip: string): string => spec.eips?.find((e) => e.name === eip)?.v4ip ?? '';
  const ruleMeta = (name: string, eip: string, extra: Record<string, string> = {}): KubeOvnObject['metadata'] => ({
    name,
    labels: { 'ovn.kubernetes.io/vpc-nat-gw-name': gw, 'ovn.kubernetes.io/eip_v4_ip': ipOf(eip), ...extra },
    annotations: { 'ovn.kubernetes.io/vpc_eip': eip },
  });
  const natKinds = (eip: string): string =>
    [
      spec.fips?.some((f) => f.eip === eip) ? 'fip' : '',
      spec.dnats?.some((d) => d.eip === eip) ? 'dnat' : '',
      spec.snats?.some((s) => s.eip === eip) ? 'snat' : '',
    ]
      .filter(Boolean)
      .join(',');
  return {
    'vpc-nat-gateways': [
      {
        metadata: { name: gw },
        spec: {
          vpc: spec.vpc ?? 'vpc1',
          subnet: spec.subnet ?? 'net1',
          lanIp: spec.lanIp ?? '10.0.1.254',
          selector: ['kubernetes.io/os: linux'],
          externalSubnets: ['ovn-vpc-external-network'],
        },
        status: { externalSubnets: ['ovn-vpc-external-network'], selector: ['kubernetes.io/os: linux'] },
      },
    ],
    'iptables-eips': (spec.eips ?? []).map((e) => ({
      metadata: { name: e.name, labels: { 'ovn.kubernetes.io/subnet': 'ovn-vpc-external-network' } },
      spec: { v4ip: e.v4ip, v6ip: '', macAddress: macFor(e.v4ip), natGwDp: gw, externalSubnet: 'ovn-vpc-external-network' },
      status: { ip: e.v4ip, ready, nat: natKinds(e.name) },
    })),
    'iptables-fip-rules': (spec.fips ?? []).map((f) => ({
      metadata: ruleMeta(f.name, f.eip),
      spec: { eip: f.eip, internalIp: f.internalIp },
      status: { v4ip: ipOf(f.eip), v6ip: '', natGwDp: gw, internalIp: f.internalIp, ready },
    })),
    'iptables-dnat-rules': (spec.dnats ?? []).map((d) => ({
      metadata: ruleMeta(d.name, d.eip, { 'ovn.kubernetes.io/vpc_dnat_eport': String(d.externalPort) }),
      spec: {
        eip: d.eip,
        externalPort: String(d.externalPort),
        protocol: d.protocol,
        internalIp: d.internalIp,
        internalPort: String(d.internalPort),
      },
      status: {
        v4ip: ipOf(d.eip),
        v6ip: '',
        natGwDp: gw,
        protocol: d.protocol,
        internalIp: d.internalIp,
        internalPort: String(d.internalPort),
        externalPort: String(d.externalPort),
        ready,
      },
    })),
    'iptables-snat-rules': (spec.snats ?? []).map((s) => ({
      metadata: ruleMeta(s.name, s.eip),
      spec: { eip: s.eip, internalCIDR: s.internalCidr },
      status: { v4ip: ipOf(s.eip), v6ip: '', natGwDp: gw, internalCIDR: s.internalCidr, ready },
    })),
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
