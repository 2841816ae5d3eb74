/**
 * The trace's conclusion in one sentence, e.g. `DNAT to 172.20.2.20:22 in SHARED_DNAT rule 1; no SNAT; leaves by eth0`.
 */
import type { TraceLog } from './trace-types.js';

/** How the packet's journey ended, as `verdictSentence` needs it. */
export interface Ending {
  fate: 'forwarded' | 'local' | 'dropped';
  outInterface: string;
  tracked: boolean;
  /** For a dropped packet: what dropped it ('filter FORWARD rule 3', 'the DROP policy of filter FORWARD'). */
  droppedBy?: string;
}

/** Builds the verdict from the rewrites the walk recorded and how it ended. */
export function verdictSentence(log: Pick<TraceLog, 'phrases'>, ending: Ending): string {
  const parts: string[] = [];
  if (!ending.tracked) parts.push('untracked, so not NATed');
  const dnat = log.phrases.filter((p) => p.direction === 'destination').map((p) => p.text);
  const snat = log.phrases.filter((p) => p.direction === 'source').map((p) => p.text);
  if (ending.tracked) parts.push(dnat.length > 0 ? dnat.join(', ') : 'no DNAT');
  if (ending.fate === 'dropped') {
    if (snat.length > 0) parts.push(snat.join(', '));
    parts.push(`dropped by ${ending.droppedBy ?? 'a rule'}`);
  } else if (ending.fate === 'local') {
    if (snat.length > 0) parts.push(snat.join(', '));
    parts.push('delivered to the gateway itself, not forwarded');
  } else {
    if (ending.tracked) parts.push(snat.length > 0 ? snat.join(', ') : 'no SNAT');
    parts.push(`leaves by ${ending.outInterface}`);
  }
  return parts.join('; ');
}
