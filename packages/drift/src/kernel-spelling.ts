import { formatCidrWithPrefix, intToIp, parseCidr } from '@natscope/natgw';

/** A protocol as iptables stores it: `-p TCP` is saved as `tcp`. */
export function kernelProtocol(protocol: string): string {
  return protocol.toLowerCase();
}

/** A CIDR as iptables stores it, always with its prefix (`10.0.1.5/24` → `10.0.1.0/24`, `10.0.1.5` → `10.0.1.5/32`); null if not IPv4. */
export function kernelCidr(text: string): string | null {
  const cidr = parseCidr(text.trim());
  return cidr ? formatCidrWithPrefix(cidr) : null;
}

/** A host address as the report writes it (no `/32`); null unless `text` is one IPv4 address. */
export function kernelHost(text: string): string | null {
  const cidr = parseCidr(text.trim());
  return cidr && cidr.length === 32 ? intToIp(cidr.base) : null;
}

/** True when iptables would store `text` differently in a way nat-gateway.sh's greps miss: host bits set (F4). */
export function hasHostBits(text: string): boolean {
  const canonical = kernelCidr(text);
  if (canonical === null) return false;
  const [address] = text.trim().split('/');
  return canonical.split('/')[0] !== address;
}
