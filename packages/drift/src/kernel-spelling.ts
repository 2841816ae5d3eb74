import { type Cidr, formatCidrWithPrefix, intToIp, ipToInt, ipToIntAt, readCidrAt } from '@natscope/natgw';

// One scratch prefix for the parses below: they run for every object of every comparison and must not allocate.
const scratch: Cidr = { base: 0, length: 0 };

/** A protocol as iptables stores it: `-p TCP` is saved as `tcp`. */
export function kernelProtocol(protocol: string): string {
  return protocol.toLowerCase();
}

/** A CIDR as iptables stores it, always with its prefix (`10.0.1.5/24` → `10.0.1.0/24`, `10.0.1.5` → `10.0.1.5/32`); null if not IPv4. */
export function kernelCidr(text: string): string | null {
  const t = text.trim();
  if (!readCidrAt(t, 0, t.length, scratch)) return null;
  const slash = t.indexOf('/');
  // Already canonical (no host bits, prefix written): the text itself, with no new string.
  if (slash !== -1 && ipToIntAt(t, 0, slash) === scratch.base) return t;
  return formatCidrWithPrefix(scratch);
}

/** A host address as the report writes it (no `/32`); null unless `text` is one IPv4 address. */
export function kernelHost(text: string): string | null {
  const t = text.trim();
  if (t.indexOf('/') === -1) return ipToInt(t) === null ? null : t; // the common case: a plain address
  return readCidrAt(t, 0, t.length, scratch) && scratch.length === 32 ? intToIp(scratch.base) : null;
}

/** True when iptables would store `text` differently in a way nat-gateway.sh's greps miss: host bits set (F4). */
export function hasHostBits(text: string): boolean {
  const t = text.trim();
  if (t.indexOf('/') === -1) return false; // a bare address: stored as /32, and the grep still finds it
  const canonical = kernelCidr(t);
  return canonical !== null && canonical !== t;
}
