import { z } from 'zod';

// The five kubeovn.io kinds a VPC NAT gateway is made of, as `kubectl get … -o yaml|json` prints them
// (Kube-OVN pkg/apis/kubeovn/v1/{vpc-nat-gateway,iptables-eip,iptables-fip-rule,iptables-dnat-rule,iptables-snat-rule}.go).
// Only the fields natscope reads are declared; every object is loose, so fields of other or later Kube-OVN
// versions pass through untouched and are never a reason to reject a file.

/** A label, annotation or port value: Kubernetes says string; a hand-written `8888` or `true` is read as its text. */
const Text = z.union([z.string(), z.number(), z.boolean()]).transform((value) => String(value));
const TextMap = z.record(z.string(), Text);
// metav1.Time marshals its zero value as null.
const Time = z.string().nullable().optional();

/** A status condition (types/condition.go). The controller never writes these for the NAT kinds; other tools may. */
export const KubeCondition = z.looseObject({
  type: z.string(),
  status: z.string(), // "True" | "False" | "Unknown"
  reason: z.string().optional(),
  message: z.string().optional(),
  lastUpdateTime: Time,
  lastTransitionTime: Time,
  observedGeneration: z.number().int().optional(),
});
export type KubeCondition = z.infer<typeof KubeCondition>;

/** The metadata natscope reads: name, labels, annotations, finalizers, generation, deletion. */
const KubeMetadata = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().optional(),
  labels: TextMap.optional(),
  annotations: TextMap.optional(),
  finalizers: z.array(z.string()).optional(),
  generation: z.number().int().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  creationTimestamp: Time,
  deletionTimestamp: Time,
});

const Conditions = z.array(KubeCondition).nullable().optional();

// What the controller copies into every NAT rule's status once it programmed it (nat.go patch*Status).
const NatStatus = {
  ready: z.boolean().optional(),
  v4ip: z.string().optional(),
  v6ip: z.string().optional(),
  natGwDp: z.string().optional(),
  redo: z.string().optional(),
  conditions: Conditions,
};

/** One kubeovn.io object of `kind` with its spec and optional status. */
function kubeOvnKind<K extends string, S extends z.ZodType, T extends z.ZodType>(kind: K, spec: S, status: T) {
  return z.looseObject({
    apiVersion: z.string(),
    kind: z.literal(kind),
    metadata: KubeMetadata,
    spec,
    status: status.optional(),
  });
}

/** A VpcNatGateway: its metadata.name is the gateway's name. `status.ready` is the workload's readiness, not the rules'. */
export const VpcNatGateway = kubeOvnKind(
  'VpcNatGateway',
  z
    .looseObject({
      vpc: z.string().optional(),
      subnet: z.string().optional(),
      lanIp: z.string().optional(),
      namespace: z.string().optional(),
      replicas: z.number().int().optional(),
      externalSubnets: z.array(z.string()).nullable().optional(),
    })
    .prefault({}),
  z.looseObject({ ready: z.boolean().optional(), conditions: Conditions }),
);
export type VpcNatGateway = z.infer<typeof VpcNatGateway>;

/** An IptablesEIP: `spec.natGwDp` names its gateway; its address is `status.ip` once the controller allocated it. */
export const IptablesEIP = kubeOvnKind(
  'IptablesEIP',
  z
    .looseObject({
      v4ip: z.string().optional(),
      v6ip: z.string().optional(),
      macAddress: z.string().optional(),
      natGwDp: z.string().optional(),
      qosPolicy: z.string().optional(),
      externalSubnet: z.string().optional(),
      namespace: z.string().optional(),
    })
    .prefault({}),
  z.looseObject({
    ready: z.boolean().optional(),
    ip: z.string().optional(),
    nat: z.string().optional(),
    redo: z.string().optional(),
    qosPolicy: z.string().optional(),
    conditions: Conditions,
  }),
);
export type IptablesEIP = z.infer<typeof IptablesEIP>;

/** An IptablesFIPRule: 1:1 NAT of the EIP named by `spec.eip` (a metadata.name) to `spec.internalIp`. */
export const IptablesFIPRule = kubeOvnKind(
  'IptablesFIPRule',
  z.looseObject({ eip: z.string().optional(), internalIp: z.string().optional() }).prefault({}),
  z.looseObject({ ...NatStatus, internalIp: z.string().optional() }),
);
export type IptablesFIPRule = z.infer<typeof IptablesFIPRule>;

/** An IptablesDnatRule: a port forward; `type: share` (master) goes to nftables instead of iptables. */
export const IptablesDnatRule = kubeOvnKind(
  'IptablesDnatRule',
  z
    .looseObject({
      eip: z.string().optional(),
      externalPort: Text.optional(),
      protocol: z.string().optional(),
      internalIp: z.string().optional(),
      internalPort: Text.optional(),
      type: z.string().optional(),
    })
    .prefault({}),
  z.looseObject({
    ...NatStatus,
    protocol: z.string().optional(),
    internalIp: z.string().optional(),
    internalPort: Text.optional(),
    externalPort: Text.optional(),
  }),
);
export type IptablesDnatRule = z.infer<typeof IptablesDnatRule>;

/** An IptablesSnatRule: traffic from `spec.internalCIDR` leaves with the EIP's address. */
export const IptablesSnatRule = kubeOvnKind(
  'IptablesSnatRule',
  z.looseObject({ eip: z.string().optional(), internalCIDR: z.string().optional() }).prefault({}),
  z.looseObject({ ...NatStatus, internalCIDR: z.string().optional() }),
);
export type IptablesSnatRule = z.infer<typeof IptablesSnatRule>;

/** Any of the five kinds, told apart by `kind`. */
export const KubeOvnObject = z.discriminatedUnion('kind', [
  VpcNatGateway,
  IptablesEIP,
  IptablesFIPRule,
  IptablesDnatRule,
  IptablesSnatRule,
]);
export type KubeOvnObject = z.infer<typeof KubeOvnObject>;

/** The kinds natscope reads, in the order kubectl is asked for them. */
export const KUBE_OVN_KINDS = [
  'VpcNatGateway',
  'IptablesEIP',
  'IptablesFIPRule',
  'IptablesDnatRule',
  'IptablesSnatRule',
] as const;
export type KubeOvnKind = (typeof KUBE_OVN_KINDS)[number];

/** Each kind's resource name for kubectl (`kubectl get iptables-fip-rules NAME -o yaml`). */
export const KUBE_OVN_RESOURCES: Readonly<Record<KubeOvnKind, string>> = {
  VpcNatGateway: 'vpc-nat-gateways',
  IptablesEIP: 'iptables-eips',
  IptablesFIPRule: 'iptables-fip-rules',
  IptablesDnatRule: 'iptables-dnat-rules',
  IptablesSnatRule: 'iptables-snat-rules',
};

/** Every kubeovn.io object that makes up gateways, by kind (what compareDesired reads). */
export const KubeOvnResources = z.object({
  gateways: z.array(VpcNatGateway),
  eips: z.array(IptablesEIP),
  fips: z.array(IptablesFIPRule),
  dnats: z.array(IptablesDnatRule),
  snats: z.array(IptablesSnatRule),
});
export type KubeOvnResources = z.infer<typeof KubeOvnResources>;

/** Where each kind's objects are in KubeOvnResources. */
export const KUBE_OVN_FIELDS: Readonly<Record<KubeOvnKind, keyof KubeOvnResources>> = {
  VpcNatGateway: 'gateways',
  IptablesEIP: 'eips',
  IptablesFIPRule: 'fips',
  IptablesDnatRule: 'dnats',
  IptablesSnatRule: 'snats',
};

/** Labels and annotations the controller writes on the NAT rule objects (pkg/util/const.go). */
export const KUBE_OVN_LABELS = {
  gateway: 'ovn.kubernetes.io/vpc-nat-gw-name',
  eipAddress: 'ovn.kubernetes.io/eip_v4_ip',
  dnatPort: 'ovn.kubernetes.io/vpc_dnat_eport',
  eipAnnotation: 'ovn.kubernetes.io/vpc_eip',
} as const;
