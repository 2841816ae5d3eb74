/**
 * IPv4 address and CIDR arithmetic on unsigned 32-bit integers.
 *
 * Everything iptables prints for `-s`, `-d`, `--ctorigdst`, `--to-source` and `--to-destination` is IPv4
 * (Kube-OVN's gateway has no ip6tables rules), so integers are enough and much cheaper than strings.
 */

/** A network prefix: `base` has every host bit cleared, `length` is 0..32. */
export interface Cidr {
  base: number;
  length: number;
}

/** The 32-bit unsigned integer of a dotted quad, or null when `text` is not one. */
export function ipToInt(text: string): number | null {
  return ipToIntAt(text, 0, text.length);
}

/**
 * `ipToInt` of `text.slice(start, end)`, without slicing: this runs for every address of every rule, and
 * split/regex versions dominated profiles. Rejects leading zeros (iptables never prints them, and inet_aton
 * would read them as octal).
 */
export function ipToIntAt(text: string, start: number, end: number): number | null {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return null;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return null;
    } else if (c === 46 && digits > 0 && dots < 3) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return null;
    }
  }
  if (dots !== 3 || digits === 0) return null;
  return value * 256 + octet;
}

/** The dotted quad of a 32-bit unsigned integer. */
export function intToIp(value: number): string {
  return `${(value >>> 24) & 255}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** The netmask of a prefix length as an unsigned integer (`/0` → 0, `/24` → 0xffffff00). */
export function prefixMask(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

/**
 * Parses `a.b.c.d` (a /32) or `a.b.c.d/len`; host bits are cleared, as iptables does (`10.0.1.5/24` → `10.0.1.0/24`).
 * Returns null for anything else (host names, IPv6, dotted masks), so callers can treat it as not understood.
 */
export function parseCidr(text: string): Cidr | null {
  return parseCidrAt(text, 0, text.length);
}

/** `parseCidr` of `text.slice(start, end)`, without slicing. */
export function parseCidrAt(text: string, start: number, end: number): Cidr | null {
  const cidr = { base: 0, length: 0 };
  return readCidrAt(text, start, end, cidr) ? cidr : null;
}

/** `parseCidrAt` into `out` (for loops that read many prefixes without making an object each); false if none. */
export function readCidrAt(text: string, start: number, end: number, out: Cidr): boolean {
  let slash = -1;
  for (let i = start; i < end && slash === -1; i++) if (text.charCodeAt(i) === 47) slash = i;
  const ip = ipToIntAt(text, start, slash === -1 ? end : slash);
  if (ip === null) return false;
  let length = 32;
  if (slash !== -1) {
    const digits = end - slash - 1;
    if (digits < 1 || digits > 2) return false;
    length = 0;
    for (let i = slash + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return false;
      length = length * 10 + (c - 48);
    }
    if (length > 32 || (digits === 2 && text.charCodeAt(slash + 1) === 48)) return false;
  }
  out.base = (ip & prefixMask(length)) >>> 0;
  out.length = length;
  return true;
}

/** True when every address of `inner` is also in `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.length <= inner.length && (inner.base & prefixMask(outer.length)) >>> 0 === outer.base;
}

/** True when the two prefixes share at least one address (for prefixes: one contains the other). */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** True when `ip` (an integer) lies in `cidr`. */
export function cidrHas(cidr: Cidr, ip: number): boolean {
  return (ip & prefixMask(cidr.length)) >>> 0 === cidr.base;
}

/** The prefix of `length` bits that contains `cidr` (its ancestor at that length); `length` must be ≤ cidr.length. */
export function cidrAncestor(cidr: Cidr, length: number): Cidr {
  return { base: (cidr.base & prefixMask(length)) >>> 0, length };
}

/** How iptables and Kube-OVN write it: a bare address for a /32, `base/len` otherwise. */
export function formatCidr(cidr: Cidr): string {
  return cidr.length === 32 ? intToIp(cidr.base) : `${intToIp(cidr.base)}/${cidr.length}`;
}

/** Always `base/len`, even for a /32 (for fields that are CIDRs by definition). */
export function formatCidrWithPrefix(cidr: Cidr): string {
  return `${intToIp(cidr.base)}/${cidr.length}`;
}

/** A stable map key for a prefix: two prefixes have the same key exactly when they are equal. */
export function cidrKey(cidr: Cidr): number {
  // 2^32 * 33 < 2^53: base and length fit one exact double, cheaper as a Map key than a string.
  return cidr.base * 33 + cidr.length;
}

/** `10.0.1.5/32` → `10.0.1.5`; other text unchanged. The address form the report uses. */
export function stripHostPrefix(address: string): string {
  return address.endsWith('/32') ? address.slice(0, -3) : address;
}
