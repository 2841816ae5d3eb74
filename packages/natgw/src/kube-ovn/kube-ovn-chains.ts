/**
 * The chains Kube-OVN's `nat-gateway.sh init` creates (reference §1.4, §1.13), and the jumps between them.
 * Everything else in a gateway's tables was added by someone else and is shown as an operator chain.
 */

/** User chains init creates, by table. HAIRPIN_SNAT and VPC_MARK exist from v1.16 on. */
const KUBE_OVN_CHAINS: ReadonlyMap<string, readonly string[]> = new Map([
  [
    'nat',
    ['DNAT_FILTER', 'SNAT_FILTER', 'EXCLUSIVE_DNAT', 'EXCLUSIVE_SNAT', 'SHARED_DNAT', 'SHARED_SNAT', 'HAIRPIN_SNAT'],
  ],
  ['mangle', ['VPC_MARK']],
]);

/** True for a chain that Kube-OVN's gateway script creates in that table. */
export function isKubeOvnChain(table: string, chain: string): boolean {
  return KUBE_OVN_CHAINS.get(table)?.includes(chain) ?? false;
}

/** A jump init adds: `-A from -j to` in `table`. */
export interface InitJump {
  table: string;
  from: string;
  to: string;
}

/** The nat jumps every generation's init adds (v1.12+; older ones have the same layout). */
export const NAT_INIT_JUMPS: readonly InitJump[] = [
  { table: 'nat', from: 'PREROUTING', to: 'DNAT_FILTER' },
  { table: 'nat', from: 'DNAT_FILTER', to: 'EXCLUSIVE_DNAT' },
  { table: 'nat', from: 'DNAT_FILTER', to: 'SHARED_DNAT' },
  { table: 'nat', from: 'POSTROUTING', to: 'SNAT_FILTER' },
  { table: 'nat', from: 'SNAT_FILTER', to: 'EXCLUSIVE_SNAT' },
  { table: 'nat', from: 'SNAT_FILTER', to: 'SHARED_SNAT' },
];

/** The chains every generation's init creates in nat. */
export const NAT_INIT_CHAINS: readonly string[] = [
  'DNAT_FILTER',
  'SNAT_FILTER',
  'EXCLUSIVE_DNAT',
  'EXCLUSIVE_SNAT',
  'SHARED_DNAT',
  'SHARED_SNAT',
];
