/**
 * The routing decision, inferred from the gateway's own rules when the caller does not name the out-interface.
 *
 * An iptables dump holds no routes and no interface addresses, but a Kube-OVN gateway's rules say a lot:
 *
 * 1. The destination is the gateway's own address → delivered locally (route `local … dev lo`). Its own
 *    addresses are the EIPs on net1, which the rules name: every SNAT `--to-source`, every DNAT rule's
 *    `-d x/32`, every `--ctorigdst` (hairpin), and 127.0.0.0/8.
 * 2. Else the destination is VPC-internal → the VPC interface (eth0). VPC-internal means covered by a
 *    prefix the rules name as internal: an SNAT rule's `-s` (SNAT sources and FIP internal IPs) or a DNAT
 *    target address. The longest such prefix is cited.
 * 3. Else → the external interface (net1): the gateway's default route leaves by net1.
 *
 * RFC 1918 is deliberately not used: Kube-OVN's own examples put the external subnet in 192.168.0.0/16,
 * so "private means VPC" would route replies to the external gateway into the VPC.
 * The interface names come from the rules too (`-o` of an SNAT rule, `-i` of VPC_MARK, `-o` of a hairpin SNAT),
 * since v1.15+ lets operators rename them; without such rules they default to net1 and eth0.
 */
import { cidrHas, formatCidrWithPrefix, intToIp, parseCidr, prefixMask, type Cidr } from '../packet-sets/ipv4.js';
import { parseNatRange } from './trace-nat.js';
import { dstText } from './trace-packet.js';
import type { PacketState, TraceDump } from './trace-types.js';

/** What the rules tell about the gateway's addresses and interfaces. */
export interface GatewayAddresses {
  /** The gateway's own addresses (EIPs), each with the rule that names it. */
  local: Map<number, string>;
  /** VPC-side prefixes by length (longest first), each network with the first rule that names it. */
  internal: [length: number, networks: Map<number, string>][];
  externalInterface: string;
  internalInterface: string;
}

/** Where the routing decision sends the packet, and why. */
export interface RouteDecision {
  local: boolean;
  outInterface: string;
  reason: string;
}

const cache = new WeakMap<TraceDump, GatewayAddresses>();
const LOOPBACK = parseCidr('127.0.0.0/8')!;

/** Reads the gateway's addresses and interface names from its nat and mangle rules (once per dump). */
export function gatewayAddresses(dump: TraceDump): GatewayAddresses {
  const hit = cache.get(dump);
  if (hit) return hit;
  const local = new Map<number, string>();
  const internal = new Map<number, Map<number, string>>();
  const addInternal = (cidr: Cidr, where: string): void => {
    let networks = internal.get(cidr.length);
    if (networks === undefined) internal.set(cidr.length, (networks = new Map()));
    if (!networks.has(cidr.base)) networks.set(cidr.base, where);
  };
  let externalInterface: string | null = null;
  let internalInterface: string | null = null;
  for (const table of dump.tables) {
    for (const chain of table.chains) {
      for (const rule of chain.rules) {
        const d = rule.decoded;
        const target = d.target?.name;
        // Built only for the rules that name an address: most of a big dump's rules need no text here.
        const where =
          target === 'SNAT' || target === 'DNAT' || d.matches.length > 0 ? `${chain.name} rule ${rule.index}` : '';
        if (table.name === 'mangle' && chain.name === 'VPC_MARK' && d.inInterface && !d.inInterface.negated) {
          internalInterface ??= d.inInterface.value;
        }
        if (table.name !== 'nat') continue;
        if (target === 'SNAT') {
          const range = parseNatRange(d.target?.options.find((o) => o.name === 'to-source')?.args[0] ?? '');
          if (range?.addrLo != null && range.addrHi != null && range.addrHi - range.addrLo < 256) {
            for (let ip = range.addrLo; ip <= range.addrHi; ip++)
              if (!local.has(ip)) local.set(ip, `SNAT --to-source in ${where}`);
          }
          const src = d.source && !d.source.negated ? parseCidr(d.source.value) : null;
          if (src && src.length > 0) addInternal(src, `SNAT source ${formatCidrWithPrefix(src)} in ${where}`);
          // A hairpin rule (it matches --ctorigdst) SNATs towards the VPC; any other SNAT with -o, towards the outside.
          if (d.outInterface && !d.outInterface.negated) {
            const hairpin = d.matches.some(
              (m) => m.module === 'conntrack' && m.options.some((o) => o.name === 'ctorigdst'),
            );
            if (hairpin) internalInterface ??= d.outInterface.value;
            else externalInterface ??= d.outInterface.value;
          }
        }
        if (target === 'DNAT') {
          const dst = d.destination && !d.destination.negated ? parseCidr(d.destination.value) : null;
          if (dst && dst.length === 32 && !local.has(dst.base)) local.set(dst.base, `DNAT -d in ${where}`);
          const range = parseNatRange(d.target?.options.find((o) => o.name === 'to-destination')?.args[0] ?? '');
          if (range?.addrLo != null)
            addInternal({ base: range.addrLo, length: 32 }, `DNAT target ${intToIp(range.addrLo)} in ${where}`);
        }
        for (const match of d.matches) {
          if (match.module !== 'conntrack') continue;
          for (const option of match.options) {
            const cidr = option.name === 'ctorigdst' && !option.negated ? parseCidr(option.args[0] ?? '') : null;
            if (cidr && cidr.length === 32 && !local.has(cidr.base)) local.set(cidr.base, `--ctorigdst in ${where}`);
          }
        }
      }
    }
  }
  const byLength = [...internal].sort((a, b) => b[0] - a[0]);
  const result = {
    local,
    internal: byLength,
    externalInterface: externalInterface ?? 'net1',
    internalInterface: internalInterface ?? 'eth0',
  };
  cache.set(dump, result);
  return result;
}

/** Infers the routing decision for the packet as it leaves PREROUTING (see the module comment for the rule). */
export function inferRoute(pkt: PacketState, addresses: GatewayAddresses): RouteDecision {
  const dst = pkt.dst;
  if (dst === null) {
    return { local: true, outInterface: 'lo', reason: `${dstText(pkt)} is the gateway's own: delivered locally` };
  }
  const ip = intToIp(dst);
  const own = addresses.local.get(dst) ?? (cidrHas(LOOPBACK, dst) ? 'loopback' : undefined);
  if (own !== undefined) {
    return {
      local: true,
      outInterface: 'lo',
      reason: `${ip} is the gateway's own address (${own}): delivered locally, not forwarded`,
    };
  }
  for (const [length, networks] of addresses.internal) {
    const where = networks.get((dst & prefixMask(length)) >>> 0);
    if (where !== undefined) {
      return {
        local: false,
        outInterface: addresses.internalInterface,
        reason: `${ip} is in the VPC (${where}): leaves by ${addresses.internalInterface}`,
      };
    }
  }
  return {
    local: false,
    outInterface: addresses.externalInterface,
    reason: `${ip} is not an address the rules place in the VPC: the default route leaves by ${addresses.externalInterface}`,
  };
}
