import type { Diagnostic, RuleRef } from '@natscope/api';
import { formatRuleKey } from '../../lib/url-state.js';
import { diagnosticRoles } from './diagnostic-roles.js';

/**
 * What a "never matches" diagnostic (`rule-shadowed`, `duplicate-rule`, `fip-shadows-dnat`) means for the rules of
 * one place, an EIP's row, as visible words: `never matches: shadowed by #3` where its dead rule is, `shadows #11`
 * where only the rule that takes the traffic is. The same code marks both sides; these words tell them apart without
 * a hover. Null for any other diagnostic, or one that names none of `rules`.
 */
export function shadowPhrase(diagnostic: Diagnostic, rules: readonly RuleRef[]): string | null {
  const roles = diagnosticRoles(diagnostic);
  if (roles.size === 0) return null;
  const mine = rules.flatMap((r) => {
    const role = roles.get(formatRuleKey(r));
    return role ? [{ rule: r, role }] : [];
  });
  // Another chain's rule is named with its chain (a floating IP in EXCLUSIVE_DNAT shadows a SHARED_DNAT rule).
  const name = (rule: RuleRef, other: RuleRef) =>
    other.chain === rule.chain ? `#${other.index}` : `${other.chain} #${other.index}`;
  const dead = mine.find((m) => m.role.kind === 'dead');
  if (dead) return `never matches: shadowed by ${name(dead.rule, dead.role.other)}`;
  const shadowing = mine[0];
  return shadowing ? `shadows ${name(shadowing.rule, shadowing.role.other)}` : null;
}
