import type { Check } from './check.js';
import type { Diagnostic } from '@natscope/api';
import { ruleLabel, ruleRef } from '../mappings/rule-ref.js';
import { summaryOf } from '../report/rule-summary.js';

/**
 * `snat-without-random-fully` (info) and `snat-without-out-interface` (warning), one per SHARED_SNAT rule with
 * an SNAT target that lacks `--random-fully` (kube-ovn #1985: port-collision race; v1.11 and iptables ≤ 1.6.2
 * gateways write it so) or `-o` (kube-ovn #2911: before v1.12 SNAT also rewrote traffic back into the VPC).
 */
export const checkSharedSnat: Check = ({ nat, facts }) => {
  const chain = nat?.chainsByName.get('SHARED_SNAT');
  if (!chain) return [];
  const out: Diagnostic[] = [];
  for (const rule of chain.rules) {
    const id = facts.idOf(rule);
    const target = facts.targets[id]!;
    const shape = facts.shapes[id]!;
    if (target?.kind !== 'jump' || target.name !== 'SNAT') continue;
    // A Kube-OVN-shaped rule says what it has; any other SNAT rule is read from its decoded view.
    const snat = shape?.kind === 'snat' ? shape : null;
    const randomFully = snat ? snat.randomFully : rule.decoded.target!.options.some((o) => o.name === 'random-fully');
    const outInterface = snat ? snat.outInterface !== null : rule.decoded.outInterface !== null;
    if (randomFully && outInterface) continue;
    const what = summaryOf(rule, shape);
    const eip = snat ? snat.eip : 'the EIP';
    const source = snat ? snat.internalCidr : 'its sources';
    if (!randomFully) {
      out.push({
        code: 'snat-without-random-fully',
        severity: 'info',
        message:
          `${ruleLabel(rule, what)} has no --random-fully: when many connections from ${source} leave at once, ` +
          `two can pick the same source port on ${eip} and one of them fails to connect (kube-ovn #1985). Kube-OVN ` +
          `adds the flag when the gateway image's iptables is newer than 1.6.2; re-create the IptablesSnatRule on a ` +
          `current gateway image to get it.`,
        rules: [ruleRef(rule)],
      });
    }
    if (!outInterface) {
      out.push({
        code: 'snat-without-out-interface',
        severity: 'warning',
        message:
          `${ruleLabel(rule, what)} has no -o (out-interface) match: besides traffic to the outside it also ` +
          `rewrites traffic from ${source} that goes back into the VPC through eth0, so other subnets see ${eip} ` +
          `instead of the real source and their replies may go astray (kube-ovn #2911; Kube-OVN v1.12+ writes ` +
          `-o net1). Re-create the rule with a current gateway image.`,
        rules: [ruleRef(rule)],
      });
    }
  }
  return out;
};
