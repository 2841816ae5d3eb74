import { type InspectReport, KUBE_OVN_RESOURCES, type KubeOvnKind, type RuleRef } from '@natscope/api';

/** The commands and rule names the drift messages use for one gateway, so every message says them alike. */
export class DriftWords {
  readonly gateway: string;
  readonly namespace: string;
  readonly pod: string;
  /** Prints the gateway's nat table as the kernel holds it. */
  readonly save: string;
  /** How to have the controller program the gateway again. */
  readonly replay: string;

  constructor(gateway: string, backend: InspectReport['backend'], namespace: string, replicas = 1) {
    this.gateway = gateway;
    this.namespace = namespace;
    // A StatefulSet's one pod; an HA gateway (replicas > 1, master) is a Deployment whose pods have random names.
    this.pod = replicas > 1 ? 'POD' : `vpc-nat-gw-${gateway}-0`;
    const pick = replicas > 1 ? ` (POD: each of kubectl -n ${namespace} get pods -l app=vpc-nat-gw-${gateway})` : '';
    const tool = backend === 'nft' ? 'iptables-save' : 'iptables-legacy-save';
    this.save = `kubectl -n ${namespace} exec ${this.pod} -c vpc-nat-gw -- ${tool} -t nat${backend === 'unknown' ? ' (iptables-save on an nft gateway)' : ''}${pick}`;
    this.replay = `Deleting the gateway pod (kubectl -n ${namespace} delete pod ${this.pod})${pick} makes the controller initialise the new pod and replay every ready object's rules`;
  }

  /** `kubectl get iptables-fip-rules fip01 -o yaml`. */
  get(kind: KubeOvnKind, name: string): string {
    return `kubectl get ${KUBE_OVN_RESOURCES[kind]} ${name} -o yaml`;
  }

  /** Where the controller says why it failed: only its log. */
  logs(name: string): string {
    return `kubectl -n kube-system logs deploy/kube-ovn-controller | grep ${name}`;
  }

  /** `EXCLUSIVE_DNAT #1 line 14 and EXCLUSIVE_SNAT #1 line 15`. */
  rules(refs: readonly RuleRef[]): string {
    const names = refs.map((r) => `${r.chain} #${r.index} line ${r.line}`);
    if (names.length <= 2) return names.join(' and ');
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
}
