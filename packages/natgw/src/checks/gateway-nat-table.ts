import type { Dump, Table } from '@natscope/iptables';
import { NAT_INIT_CHAINS } from '../kube-ovn/kube-ovn-chains.js';

/** The first `nat` table that has any Kube-OVN chain, else the first `nat` table (a dump may hold two). */
export function gatewayNatTable(dump: Dump): Table | null {
  const nats = dump.tables.filter((t) => t.name === 'nat');
  return nats.find((t) => NAT_INIT_CHAINS.some((c) => t.chainsByName.has(c))) ?? nats[0] ?? null;
}
