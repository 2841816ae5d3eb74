/**
 * The protocol names iptables prints and accepts for `-p` and `--ctproto`: the subset of /etc/protocols a NAT
 * gateway meets. iptables-save prints a name when it knows one and the number otherwise, and a user may write
 * either, so two rules agree on a protocol only when their numbers do: `-p tcp` and `-p 6` are one match.
 */

/** Protocol numbers by lower-case name. `all` is 0: iptables reads `-p all` and `-p 0` as no protocol match. */
export const PROTOCOL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['all', 0],
  ['icmp', 1],
  ['tcp', 6],
  ['udp', 17],
  ['gre', 47],
  ['esp', 50],
  ['ah', 51],
  ['ipv6-icmp', 58],
  ['icmpv6', 58],
  ['sctp', 132],
  ['udplite', 136],
]);

const NAMES: ReadonlyMap<number, string> = new Map(
  [...PROTOCOL_NUMBERS].filter(([name]) => name !== 'icmpv6').map(([name, n]) => [n, name]),
);

/** The number of a protocol as written (`tcp`, `TCP`, `6`); null for a name outside the table or a number over 255. */
export function protocolNumber(text: string): number | null {
  if (/^\d{1,3}$/.test(text)) {
    const n = Number(text);
    return n <= 255 ? n : null;
  }
  return PROTOCOL_NUMBERS.get(text.toLowerCase()) ?? null;
}

/** The name iptables prints for a protocol number, or null when it prints the number. */
export function protocolName(n: number): string | null {
  return NAMES.get(n) ?? null;
}
