import type { Mapping } from '@natscope/api';
import { type DriftCheck, finding } from './drift-check.js';
import type { DriftContext } from './drift-context.js';

/** Why an orphaned rule's address is where it is: whose IptablesEIP has it, or that none does. */
function whose(ctx: DriftContext, m: Mapping): { text: string; owned: boolean } {
  const owner = ctx.scope.eipsByAddress.get(m.eip);
  if (!owner) return { text: ` No IptablesEIP has the address ${m.eip}.`, owned: false };
  if (owner.spec.natGwDp === ctx.gateway) return { text: '', owned: true };
  return {
    text: ` ${m.eip} is the address of IptablesEIP ${owner.metadata.name}${owner.spec.natGwDp ? ` of ${owner.spec.natGwDp}` : ''}.`,
    owned: true,
  };
}

/**
 * `rule-orphaned`: a rule in a Kube-OVN chain that no object accounts for (left after a delete). Operator chains
 * never get here: only the mappings of Kube-OVN's chains are matched. They come after every object's finding.
 */
export const checkRuleOrphaned: DriftCheck = (ctx) => {
  const { orphans, verdicts } = ctx.matched;
  const gw = ctx.gateway;
  return orphans.map((m, i) => {
    const rules = ctx.words.rules(m.rules);
    const owner = whose(ctx, m);
    const fix = `If nothing should use it: ${ctx.words.replay} (the new pod gets only what the objects want). Check with: ${ctx.words.save}.`;
    let message: string;
    switch (m.kind) {
      case 'fip':
        message = `${rules} map ${m.eip} ⇄ ${m.internalIp}, but no IptablesFIPRule of ${gw} wants it: connections to ${m.eip} still reach ${m.internalIp} (a deleted floating IP whose rules stayed: #5115).${owner.text} ${fix} If it should stay, create the IptablesFIPRule.`;
        break;
      case 'dnat':
        message = `${rules} forwards ${m.protocol} ${m.eip}:${m.externalPort} to ${m.internalIp}:${m.internalPort}, but no IptablesDnatRule of ${gw} wants it: that port stays open to ${m.internalIp} (a deleted or changed port forward's old rule: #6412).${owner.text} ${fix}`;
        break;
      case 'snat':
        message = `${rules} translates ${m.internalCidr} to ${m.eip}, but no IptablesSnatRule of ${gw} wants it: traffic from ${m.internalCidr} still leaves as ${m.eip} (a deleted SNAT's rule stays until the pod restarts: #5167, #5799).${owner.text} ${fix}`;
        break;
      case 'hairpin':
        message = `${rules} hairpins ${m.eip}, but no IptablesEIP of ${gw} has that address (an EIP deleted while its rule stayed).${owner.owned ? owner.text : ''} Harmless by itself. ${fix}`;
        break;
    }
    return finding(verdicts.length + i, null, 'rule-orphaned', 'warning', message, m.eip, [...m.rules]);
  });
};
