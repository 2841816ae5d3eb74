/**
 * Ready-made packets for the trace form, one or two per mapping of the gateway: "what happens to a connection
 * to this port forward from outside", "from the VPC (hairpin)", "from this SNAT subnet out".
 */
import type { Mapping } from '@natscope/api';
import { intToIp, parseCidr } from '@natscope/natgw';
import { EMPTY_TRACE, type TraceFields } from '../../lib/trace-link.js';

/** An address outside the gateway for presets (TEST-NET-2, never a real host). */
export const OUTSIDE = '198.51.100.7';
const SPORT = '40000';

/** One preset: what the menu says and the fields it fills in. */
export interface TracePreset {
  label: string;
  fields: TraceFields;
}

/** A host of a prefix: .2, since Kube-OVN gives a subnet's .1 to its gateway (the address itself for /31 and /32). */
function aHost(cidr: string): string | null {
  const parsed = parseCidr(cidr);
  if (!parsed) return null;
  return intToIp(parsed.length >= 31 ? parsed.base : parsed.base + 2);
}

const packet = (inInterface: string, src: string, dst: string, protocol: string, dport: string): TraceFields => ({
  ...EMPTY_TRACE,
  inInterface,
  src,
  dst,
  protocol,
  sport: SPORT,
  dport,
});

/** Presets for the gateway's mappings, in the report's order. */
export function tracePresets(mappings: readonly Mapping[]): TracePreset[] {
  // A VPC address to send hairpin traffic from: a host of the first SNAT subnet, else a floating IP's VM.
  const snat = mappings.find((m) => m.kind === 'snat');
  const fip = mappings.find((m) => m.kind === 'fip');
  const vpcHost = (snat?.kind === 'snat' ? aHost(snat.internalCidr) : null) ?? (fip?.kind === 'fip' ? fip.internalIp : null);
  const presets: TracePreset[] = [];
  for (const m of mappings) {
    switch (m.kind) {
      case 'fip':
        presets.push({ label: `FIP ${m.eip} ⇄ ${m.internalIp}: from outside`, fields: packet('net1', OUTSIDE, m.eip, 'tcp', '443') });
        presets.push({ label: `FIP ${m.eip} ⇄ ${m.internalIp}: ${m.internalIp} to outside`, fields: packet('eth0', m.internalIp, OUTSIDE, 'tcp', '443') });
        break;
      case 'dnat': {
        const name = `DNAT ${m.protocol} ${m.eip}:${m.externalPort} → ${m.internalIp}:${m.internalPort}`;
        presets.push({ label: `${name}: from outside`, fields: packet('net1', OUTSIDE, m.eip, m.protocol, String(m.externalPort)) });
        if (vpcHost && vpcHost !== m.internalIp) {
          presets.push({ label: `${name}: from ${vpcHost} in the VPC (hairpin)`, fields: packet('eth0', vpcHost, m.eip, m.protocol, String(m.externalPort)) });
        }
        break;
      }
      case 'snat': {
        const host = aHost(m.internalCidr);
        if (host) presets.push({ label: `SNAT ${m.internalCidr} → ${m.eip}: ${host} to outside`, fields: packet('eth0', host, OUTSIDE, 'tcp', '443') });
        break;
      }
      case 'hairpin':
        break; // covered by the "from the VPC" presets of the port forwards and floating IPs
    }
  }
  return presets;
}
