/**
 * Ready-made packets that exercise a mapping of the gateway: "a connection to this port forward from outside",
 * "from the VPC through the EIP (hairpin)", "from this floating IP's VM out", "from a host of this SNAT subnet out".
 * The trace form's menu lists them all; the Trace buttons beside a mapping (rule details, EIP table) use its own.
 */
import type { Mapping } from '@natscope/api';
import { intToIp, ipToInt, parseCidr } from '@natscope/natgw';
import { EMPTY_TRACE, type TraceFields } from '../../lib/trace-link.js';
import { describeMapping } from '../gateway/find-rule.js';

/** An address outside the gateway for presets (TEST-NET-2, never a real host). */
export const OUTSIDE = '198.51.100.7';
const SPORT = '40000';
/** The port a preset uses when the mapping has none (floating IPs, SNAT): any would do; 443 reads as "a web request". */
const ANY_PORT = '443';
/** How many addresses of a subnet to try for one no floating IP claims (a subnet full of FIPs is not worth more). */
const HOST_TRIES = 16;

/** One preset: what the menu says, what a button beside its mapping says, and the fields it fills in. */
export interface TracePreset {
  /** The whole story, for the menu and for screen readers: `FIP 192.168.100.11 ⇄ 10.0.1.5: from outside`. */
  label: string;
  /** The direction, for a button next to the mapping: `from outside`, `10.0.1.5 to outside`, `from 10.0.1.2 in the VPC`. */
  action: string;
  /** The direction in a word, for a compact button among its mapping's others: `in`, `out`, `hairpin`. */
  short: 'in' | 'out' | 'hairpin';
  /** The first packet of the mapping's own direction; the EIP table shows only these (its hairpin column has the rest). */
  primary: boolean;
  fields: TraceFields;
}

/** What presets need to know about the whole gateway, built once per report. */
export interface PresetContext {
  /** Floating IPs' internal addresses: a SNAT preset avoids them (EXCLUSIVE_SNAT would take the packet first). */
  fipInternals: ReadonlySet<string>;
  /** A VPC address to send traffic from: a host of the first SNAT subnet, else the first floating IP's VM. */
  vpcHost: string | null;
  /** The port forwards and floating IPs on each EIP, so a hairpin preset can pick a port that is really forwarded. */
  inbound: ReadonlyMap<string, InboundMapping[]>;
}

/** A mapping that forwards connections to an EIP into the VPC. */
type InboundMapping = Extract<Mapping, { kind: 'fip' | 'dnat' }>;

const packet = (inInterface: string, src: string, dst: string, protocol: string, dport: string): TraceFields => ({
  ...EMPTY_TRACE,
  inInterface,
  src,
  dst,
  protocol,
  sport: SPORT,
  dport,
});

/**
 * A host of a prefix that none of `avoid` is: from .2 up, since Kube-OVN gives a subnet's .1 to its gateway (the address
 * itself for /31 and /32). Null when the text is not a prefix.
 */
export function aHost(cidr: string, avoid: ReadonlySet<string> = new Set()): string | null {
  const parsed = parseCidr(cidr);
  if (!parsed) return null;
  if (parsed.length >= 31) return intToIp(parsed.base);
  const size = 2 ** (32 - parsed.length);
  const first = parsed.base + 2;
  for (let i = 0; i < Math.min(HOST_TRIES, size - 3); i += 1) {
    const host = intToIp(first + i);
    if (!avoid.has(host)) return host;
  }
  return intToIp(first);
}

/** The facts about the gateway's mappings that presets share. */
export function presetContext(mappings: readonly Mapping[]): PresetContext {
  const fipInternals = new Set<string>();
  const inbound = new Map<string, InboundMapping[]>();
  for (const m of mappings) {
    if (m.kind === 'fip') fipInternals.add(m.internalIp);
    if (m.kind === 'fip' || m.kind === 'dnat') inbound.set(m.eip, [...(inbound.get(m.eip) ?? []), m]);
  }
  const snat = mappings.find((m) => m.kind === 'snat');
  const fip = mappings.find((m) => m.kind === 'fip');
  const vpcHost =
    (snat?.kind === 'snat' ? aHost(snat.internalCidr, fipInternals) : null) ??
    (fip?.kind === 'fip' ? fip.internalIp : null);
  return { fipInternals, vpcHost, inbound };
}

/** A VPC host other than `target` (hairpin traffic to a VM from that same VM is not the case people ask about). */
function otherVpcHost(context: PresetContext, target: string): string | null {
  if (context.vpcHost !== target) return context.vpcHost;
  const value = context.vpcHost === null ? null : ipToInt(context.vpcHost);
  return value === null ? null : intToIp(value + 1);
}

/** The presets that exercise one mapping, its own direction first. */
export function mappingPresets(m: Mapping, context: PresetContext): TracePreset[] {
  // The menu names the mapping as the graph does, without the SNAT flag (it does not change where the packet goes).
  const name = describeMapping(m.kind === 'snat' ? { ...m, randomFully: false } : m);
  const preset = (action: string, short: TracePreset['short'], primary: boolean, fields: TraceFields): TracePreset => ({
    label: `${name}: ${action}`,
    action,
    short,
    primary,
    fields,
  });
  switch (m.kind) {
    case 'fip':
      return [
        preset('from outside', 'in', true, packet('net1', OUTSIDE, m.eip, 'tcp', ANY_PORT)),
        preset(`${m.internalIp} to outside`, 'out', true, packet('eth0', m.internalIp, OUTSIDE, 'tcp', ANY_PORT)),
      ];
    case 'dnat': {
      const presets = [
        preset('from outside', 'in', true, packet('net1', OUTSIDE, m.eip, m.protocol, String(m.externalPort))),
      ];
      const host = otherVpcHost(context, m.internalIp);
      if (host)
        presets.push(
          preset(
            `from ${host} in the VPC (hairpin)`,
            'hairpin',
            false,
            packet('eth0', host, m.eip, m.protocol, String(m.externalPort)),
          ),
        );
      return presets;
    }
    case 'snat': {
      const host = aHost(m.internalCidr, context.fipInternals);
      return host ? [preset(`${host} to outside`, 'out', true, packet('eth0', host, OUTSIDE, 'tcp', ANY_PORT))] : [];
    }
    case 'hairpin': {
      // Hairpin SNAT applies to connections that were DNATed to a VPC address: aim at something the EIP forwards.
      const target = context.inbound.get(m.eip)?.[0];
      const host = otherVpcHost(context, target?.internalIp ?? '');
      if (!host) return [];
      const protocol = target?.kind === 'dnat' ? target.protocol : 'tcp';
      const port = target?.kind === 'dnat' ? String(target.externalPort) : ANY_PORT;
      return [preset(`from ${host} in the VPC`, 'hairpin', true, packet('eth0', host, m.eip, protocol, port))];
    }
  }
}

/** Presets for every mapping of the gateway, in the report's order (hairpin ones last: the port forwards' come first). */
export function tracePresets(mappings: readonly Mapping[]): TracePreset[] {
  const context = presetContext(mappings);
  const direct = mappings.filter((m) => m.kind !== 'hairpin').flatMap((m) => mappingPresets(m, context));
  const hairpin = mappings.filter((m) => m.kind === 'hairpin').flatMap((m) => mappingPresets(m, context));
  return [...direct, ...hairpin];
}
