/**
 * The MARK and CONNMARK targets: they change the packet (or connection) mark and let the packet go on.
 */
import type { DecodedRule } from '@natscope/api';
import { parseMark, parseMarkMask } from '@natscope/iptables';
import { hex } from './trace-packet.js';
import type { PacketState } from './trace-types.js';

type Target = NonNullable<DecodedRule['target']>;

/** `(mark & ~mask) ^ value`: the one operation every MARK option is written as (`--set-xmark`). */
function xmark(mark: number, value: number, mask: number): number {
  return ((mark & ~mask) ^ value) >>> 0;
}

/** The new mark for one MARK/CONNMARK option, or null if the option is not understood. */
function markOp(name: string, arg: string, mark: number): number | null {
  if (name === 'set-xmark' || name === 'set-mark') {
    const spec = parseMarkMask(arg);
    if (spec === null) return null;
    // --set-mark v/m clears the masked bits then ORs v in; --set-xmark XORs it in.
    return name === 'set-xmark' ? xmark(mark, spec.value, spec.mask) : ((mark & ~spec.mask) | spec.value) >>> 0;
  }
  const bits = parseMark(arg);
  if (bits === null) return null;
  if (name === 'and-mark') return (mark & bits) >>> 0;
  if (name === 'or-mark') return (mark | bits) >>> 0;
  if (name === 'xor-mark') return (mark ^ bits) >>> 0;
  return null;
}

/** Applies a MARK or CONNMARK target to the packet; returns what it did, or `{ error }` if it cannot read it. */
export function applyMark(target: Target, pkt: PacketState): { reason: string } | { error: string } {
  const opt = (name: string): string | undefined => target.options.find((o) => o.name === name)?.args[0];
  const first = target.options[0];
  if (first === undefined) return { error: `${target.name} without options` };
  if (target.name === 'MARK') {
    const next = markOp(first.name, first.args[0] ?? '', pkt.mark);
    if (next === null) return { error: `MARK --${first.name} ${first.args.join(' ')} cannot be evaluated` };
    const reason = `MARK packet mark ${hex(pkt.mark)} → ${hex(next)}`;
    pkt.mark = next;
    return { reason };
  }
  // CONNMARK: --save-mark copies packet → connection, --restore-mark connection → packet, under masks.
  if (first.name === 'save-mark' || first.name === 'restore-mark') {
    const nfmask = parseMark(opt('nfmask') ?? opt('mask') ?? '0xffffffff');
    const ctmask = parseMark(opt('ctmask') ?? opt('mask') ?? '0xffffffff');
    if (nfmask === null || ctmask === null) return { error: `CONNMARK --${first.name} masks cannot be read` };
    if (first.name === 'save-mark') {
      const next = ((pkt.ct.mark & ~ctmask) ^ (pkt.mark & nfmask)) >>> 0;
      const reason = `CONNMARK save: connection mark ${hex(pkt.ct.mark)} → ${hex(next)}`;
      pkt.ct.mark = next;
      return { reason };
    }
    const next = ((pkt.mark & ~nfmask) ^ (pkt.ct.mark & ctmask)) >>> 0;
    const reason = `CONNMARK restore: packet mark ${hex(pkt.mark)} → ${hex(next)}`;
    pkt.mark = next;
    return { reason };
  }
  const next = markOp(first.name, first.args[0] ?? '', pkt.ct.mark);
  if (next === null) return { error: `CONNMARK --${first.name} ${first.args.join(' ')} cannot be evaluated` };
  const reason = `CONNMARK connection mark ${hex(pkt.ct.mark)} → ${hex(next)}`;
  pkt.ct.mark = next;
  return { reason };
}
