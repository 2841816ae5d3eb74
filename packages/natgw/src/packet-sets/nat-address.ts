import { ipToInt } from './ipv4.js';

/** A NAT target's single address with an optional port (`10.0.1.10:22`, `192.168.100.10`). */
export interface NatAddress {
  ip: string;
  port: number | null;
}

/**
 * Reads `--to-destination`/`--to-source` when it names one address and at most one port. Ranges
 * (`10.0.1.5-10.0.1.9`, `:1000-2000`) return null: Kube-OVN never writes them, so such a rule is no mapping.
 */
export function parseNatAddress(text: string): NatAddress | null {
  const colon = text.indexOf(':');
  const ip = colon === -1 ? text : text.slice(0, colon);
  if (ipToInt(ip) === null) return null;
  if (colon === -1) return { ip, port: null };
  const port = text.slice(colon + 1);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return null;
  return { ip, port: Number(port) };
}
