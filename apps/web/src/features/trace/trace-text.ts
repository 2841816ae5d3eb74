/** Packets and tuples of a trace as one line of text, for the trace panel and the export header. */
import type { TraceRequest, TraceResult, Tuple } from '@natscope/api';

function endpoint(address: string, port: number | null | undefined): string {
  return port === null || port === undefined ? address : `${address}:${port}`;
}

/** `tcp 198.51.100.7:40000 → 192.168.100.12:2222`. */
export function tupleText(t: Tuple): string {
  return `${t.protocol} ${endpoint(t.src, t.sport)} → ${endpoint(t.dst, t.dport)}`;
}

/** The traced packet as asked: `tcp 198.51.100.7:40000 → 192.168.100.12:2222 in net1` (plus `out`/`mark` when given). */
function packetText(p: TraceRequest): string {
  const parts = [`${p.protocol} ${endpoint(p.src, p.sport)} → ${endpoint(p.dst, p.dport)} in ${p.inInterface}`];
  if (p.outInterface) parts.push(`out ${p.outInterface}`);
  if (p.mark) parts.push(`mark ${p.mark}`);
  return parts.join(' ');
}

/** The trace in one line for an export header: the packet, then the verdict. */
export function traceLine(result: TraceResult): string {
  return `trace ${packetText(result.packet)}: ${result.verdict}`;
}
