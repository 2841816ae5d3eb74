import type { Diagnostic } from '@natscope/api';
import type { Rule, Table } from '@natscope/iptables';
import type { Check } from './check.js';
import { spaceCovers } from '../packet-sets/match-space.js';
import type { DumpFacts } from '../facts/dump-facts.js';
import { packetsNote, ruleLabel, ruleRef } from '../mappings/rule-ref.js';
import { summaryOf } from '../report/rule-summary.js';

function firstJump(table: Table, from: string, to: string, facts: DumpFacts): Rule | null {
  return table.chainsByName.get(from)?.rules.find((r) => facts.targetOf(r)?.name === to) ?? null;
}

/**
 * `fip-shadows-dnat`: a SHARED_DNAT rule whose packets all match a terminal EXCLUSIVE_DNAT rule (a floating IP
 * on the same EIP), which DNAT_FILTER consults first, so the port forward never matches. Before v1.16 Kube-OVN
 * let one EIP carry both (reference §3, webhook). Decided by coverage through the shadowing pass's `CoverIndex`
 * of EXCLUSIVE_DNAT (near-linear), and only when DNAT_FILTER really reaches EXCLUSIVE_DNAT first for those packets.
 */
export const checkFipShadowsDnat: Check = (ctx) => {
  const { nat, facts } = ctx;
  const shared = nat?.chainsByName.get('SHARED_DNAT');
  const exclusive = nat?.chainsByName.get('EXCLUSIVE_DNAT');
  if (!nat || !shared || !exclusive) return [];
  const toExclusive = firstJump(nat, 'DNAT_FILTER', 'EXCLUSIVE_DNAT', facts);
  const toShared = firstJump(nat, 'DNAT_FILTER', 'SHARED_DNAT', facts);
  if (!toExclusive || !toShared || toExclusive.index > toShared.index) return [];

  // EXCLUSIVE_DNAT's index from the shadowing pass holds its terminal, understood rules (less the shadowed
  // ones, whose packets an earlier rule in it takes anyway).
  const index = ctx.coverIndex(exclusive);
  const jumpSpace = facts.space(facts.idOf(toExclusive));
  const out: Diagnostic[] = [];
  for (const rule of shared.rules) {
    const id = facts.idOf(rule);
    const hit = index.findCover(id);
    // Every packet of this rule must also pass the (possibly conditional) jump into EXCLUSIVE_DNAT.
    if (hit === -1 || !spaceCovers(jumpSpace, facts.space(id))) continue;
    const dnat = facts.shapes[id]!;
    const earlier = facts.rules[hit]!;
    const fip = facts.shapes[hit];
    const taker =
      fip?.kind === 'fip-dnat'
        ? `the floating IP ${fip.eip} ⇄ ${fip.internalIp}, ${earlier.chain} rule ${earlier.index} (line ${earlier.line}), sends every packet for ${fip.eip} to ${fip.internalIp}`
        : `${ruleLabel(earlier, summaryOf(earlier, null))} takes every packet it would match`;
    const lost =
      dnat?.kind === 'dnat'
        ? ` ${dnat.protocol.toUpperCase()} port ${dnat.externalPort} reaches ${fip?.kind === 'fip-dnat' ? fip.internalIp : 'that rule’s target'} instead of ${dnat.internalIp}.`
        : '';
    out.push({
      code: 'fip-shadows-dnat',
      severity: 'warning',
      message:
        `${ruleLabel(rule, summaryOf(rule, dnat))} never matches: ${taker}, and DNAT_FILTER ` +
        `consults EXCLUSIVE_DNAT before SHARED_DNAT.${lost}${packetsNote(rule)} Move the port forward to ` +
        `another EIP or remove the floating IP (Kube-OVN v1.16+ refuses both on one EIP).`,
      rules: [ruleRef(rule), ruleRef(earlier)],
    });
  }
  return out;
};
