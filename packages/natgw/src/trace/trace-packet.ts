/**
 * Reading and printing the traced packet: its tuple, its addresses and ports as people write them.
 */
import type { Tuple } from '@natscope/api';
import { intToIp } from '../packet-sets/ipv4.js';
import type { PacketState } from './trace-types.js';

/** The packet's source as text: a dotted quad, or what stands in for an address the dump does not show. */
export function srcText(pkt: PacketState): string {
  return pkt.src === null ? (pkt.srcLabel ?? 'an unknown address') : intToIp(pkt.src);
}

/** The packet's destination as text (see `srcText`). */
export function dstText(pkt: PacketState): string {
  return pkt.dst === null ? (pkt.dstLabel ?? 'an unknown address') : intToIp(pkt.dst);
}

/** The packet's 5-tuple as the result reports it. */
export function tupleOf(pkt: PacketState): Tuple {
  return { src: srcText(pkt), dst: dstText(pkt), protocol: pkt.protocol, sport: pkt.sport, dport: pkt.dport };
}

/** `10.0.1.10:22`, or the bare address when the port is unknown or the protocol has none. */
export function endpointText(address: string, port: number | null): string {
  return port === null ? address : `${address}:${port}`;
}

/** A mark as iptables prints it (`0x1`). */
export function hex(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}
