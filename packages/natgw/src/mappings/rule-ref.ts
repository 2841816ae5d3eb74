import type { RuleRef } from '@natscope/api';
import { escapeNonUtf8, type Rule } from '@natscope/iptables';

/**
 * The report's pointer to a rule: table, chain, 1-based index in the chain, 1-based input line. The chain as the
 * report names it: bytes that are not UTF-8 escaped (`OPS_\xe9`), the way the report's tables list it.
 */
export function ruleRef(rule: Rule): RuleRef {
  return { table: rule.table, chain: escapeNonUtf8(rule.chain), index: rule.index, line: rule.line };
}

/**
 * `SHARED_SNAT rule 2 (line 22)`, or with what it does, `SHARED_SNAT rule 2 (line 22: 10.0.1.0/24 → 192.168.100.21)`:
 * how messages name a rule so a person can find it in the dump.
 */
export function ruleLabel(rule: Rule, what?: string): string {
  return `${rule.chain} rule ${rule.index} (line ${rule.line}${what ? `: ${what}` : ''})`;
}

/** `Its counters: 1033 packets.` as messages quote them; empty when the dump was taken without -c. */
export function packetsNote(rule: Rule): string {
  if (!rule.counters) return '';
  return ` Its counters: ${rule.counters.packets} packet${rule.counters.packets === 1 ? '' : 's'}.`;
}
