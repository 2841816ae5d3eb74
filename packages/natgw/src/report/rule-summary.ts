import type { Rule } from '@natscope/iptables';
import { describeRule } from './describe-rule.js';
import { say } from '../mappings/mapping-phrase.js';
import type { RuleShape } from '../kube-ovn/rule-shape.js';

/**
 * The one line a person reads for a rule: the mapping it implements when it has a Kube-OVN shape
 * (`192.168.100.11 ⇄ 10.0.1.5`, `tcp 192.168.100.12:2222 → 10.0.2.20:22`, `10.0.1.0/24 → 192.168.100.10`,
 * `hairpin 192.168.100.10`, `MARK 0x1/0x1 from eth0`), else a compact rendering of its matches and target.
 * `fipPaired` says whether a floating-IP half has its other half; a lone half says so. The rule's decoded form is
 * read only when it has no shape to speak for it.
 */
export function summaryOf(rule: Rule, shape: RuleShape | null, fipPaired = true): string {
  return shape ? shapeSummary(shape, fipPaired) : describeRule(rule.decoded);
}

function shapeSummary(shape: RuleShape, fipPaired: boolean): string {
  switch (shape.kind) {
    case 'fip-dnat':
      return fipPaired ? say.fip(shape) : `${shape.eip} → ${shape.internalIp} (floating IP, inbound half only)`;
    case 'fip-snat':
      return fipPaired ? say.fip(shape) : `${shape.internalIp} → ${shape.eip} (floating IP, outbound half only)`;
    case 'dnat':
      return say.dnat(shape);
    case 'snat':
      return say.snat(shape);
    case 'hairpin':
      return say.hairpin(shape);
    case 'vpc-mark':
      return `MARK ${shape.mark} from ${shape.inInterface}`;
  }
}
