import type { Diagnostic } from '@natscope/api';
import type { Rule, Table } from '@natscope/iptables';
import { CoverIndex } from './cover-index.js';
import { spaceCovers } from './match-space.js';
import { packetsNote, ruleLabel, ruleRef } from './rule-ref.js';
import type { RuleShape } from './rule-shape.js';
import { ruleSpace } from './rule-space.js';
import { ruleSummary } from './rule-summary.js';
import { isTerminal } from './target-effect.js';

function firstJump(table: Table, from: string, to: string): Rule | null {
  return table.chainsByName.get(from)?.rules.find((r) => r.decoded.target?.name === to) ?? null;
}

/**
 * `fip-shadows-dnat`: a SHARED_DNAT rule whose packets all match a terminal EXCLUSIVE_DNAT rule (a floating IP
 * on the same EIP), which DNAT_FILTER consults first, so the port forward never matches. Before v1.16 Kube-OVN
 * let one EIP carry both (reference §3, webhook). Decided by coverage through a `CoverIndex` over
 * EXCLUSIVE_DNAT (near-linear), and only when DNAT_FILTER really reaches EXCLUSIVE_DNAT first for those packets.
 */
export function checkFipShadowsDnat(nat: Table | null, shapes: Map<Rule, RuleShape>): Diagnostic[] {
  const exclusive = nat?.chainsByName.get('EXCLUSIVE_DNAT');
  const shared = nat?.chainsByName.get('SHARED_DNAT');
  if (!nat || !exclusive || !shared) return [];
  const toExclusive = firstJump(nat, 'DNAT_FILTER', 'EXCLUSIVE_DNAT');
  const toShared = firstJump(nat, 'DNAT_FILTER', 'SHARED_DNAT');
  if (!toExclusive || !toShared || toExclusive.index > toShared.index) return [];

  const index = new CoverIndex<Rule>();
  for (const rule of exclusive.rules) {
    const space = ruleSpace(rule);
    if (space.understood && isTerminal(rule.decoded.target)) index.add({ space, order: rule.index, value: rule });
  }
  const jumpSpace = ruleSpace(toExclusive);
  const out: Diagnostic[] = [];
  for (const rule of shared.rules) {
    const space = ruleSpace(rule);
    const found = index.findCover(space);
    // Every packet of this rule must also pass the (possibly conditional) jump into EXCLUSIVE_DNAT.
    if (!found || !spaceCovers(jumpSpace, space)) continue;
    const fip = shapes.get(found.value);
    const taker =
      fip?.kind === 'fip-dnat'
        ? `the floating IP ${fip.eip} ⇄ ${fip.internalIp} (${ruleLabel(found.value)}) sends every packet for ${fip.eip} to ${fip.internalIp}`
        : `${ruleLabel(found.value, ruleSummary(found.value.decoded, null))} takes every packet it would match`;
    const dnat = shapes.get(rule);
    const lost = dnat?.kind === 'dnat' ? ` ${dnat.protocol} port ${dnat.externalPort} reaches ${fip?.kind === 'fip-dnat' ? fip.internalIp : 'that rule’s target'} instead of ${dnat.internalIp}.` : '';
    out.push({
      code: 'fip-shadows-dnat',
      severity: 'warning',
      message:
        `${ruleLabel(rule, ruleSummary(rule.decoded, dnat ?? null))} never matches: ${taker}, and DNAT_FILTER ` +
        `consults EXCLUSIVE_DNAT before SHARED_DNAT.${lost}${packetsNote(rule)} Move the port forward to ` +
        `another EIP or remove the floating IP (Kube-OVN v1.16+ refuses both on one EIP).`,
      rules: [ruleRef(rule), ruleRef(found.value)],
    });
  }
  return out;
}
