import type { Rule } from '@natscope/iptables';
import { type RuleShape, ruleShape } from '../kube-ovn/rule-shape.js';
import { type MatchSpace, matchSpace } from '../packet-sets/match-space.js';
import type { RuleTarget } from '../packet-sets/target-effect.js';

/** What the analysis reads of one rule: its Kube-OVN shape, the packets it matches, and what it does. */
export interface RuleFacts {
  shape: RuleShape | null;
  space: MatchSpace;
  target: RuleTarget | null;
}

/** The facts of a rule in `table`, from its decoded view (any rule). */
export function decodedFacts(table: string, rule: Rule): RuleFacts {
  const decoded = rule.decoded;
  return { shape: ruleShape(table, rule.chain, decoded), space: matchSpace(decoded), target: decoded.target };
}
