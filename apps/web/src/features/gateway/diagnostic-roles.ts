import type { Diagnostic, DiagnosticCode, RuleRef } from '@natscope/api';
import { formatRuleKey } from '../../lib/url-state.js';

/** What a rule does in a "never matches" diagnostic: it is the dead rule, or the earlier rule that takes its traffic. */
export type RuleRoleKind = 'dead' | 'shadowing';

/** A rule's part in the chosen diagnostic and the rule on the other side of it. */
export interface RuleRole {
  kind: RuleRoleKind;
  other: RuleRef;
}

// For these codes `rules[0]` never matches and `rules[1]` is the earlier rule that matches its packets first (design.md).
const SHADOWING: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'rule-shadowed',
  'duplicate-rule',
  'fip-shadows-dnat',
]);

/** What each role is called, in the legend, in rule links and in a row's accessible name. */
export const ROLE_TEXT: Record<RuleRoleKind, string> = { dead: 'never matches', shadowing: 'takes its traffic' };

/**
 * The roles of the rules of a diagnostic that says a rule never matches, keyed `<table>/<chain>/<index>`, so the
 * graph can draw the dead rule differently from the one that shadows it. Empty for any other diagnostic.
 */
export function diagnosticRoles(diagnostic: Diagnostic | null): Map<string, RuleRole> {
  const roles = new Map<string, RuleRole>();
  if (!diagnostic || !SHADOWING.has(diagnostic.code)) return roles;
  const [dead, shadowing] = diagnostic.rules;
  if (!dead || !shadowing) return roles;
  roles.set(formatRuleKey(shadowing), { kind: 'shadowing', other: dead });
  // Set last: should a diagnostic ever name one rule twice, "never matches" is the stronger claim.
  roles.set(formatRuleKey(dead), { kind: 'dead', other: shadowing });
  return roles;
}

/** The same parts keyed by the rules' lines in the dump, for the raw view. */
export function diagnosticRoleLines(diagnostic: Diagnostic | null): Map<number, RuleRoleKind> {
  const lines = new Map<number, RuleRoleKind>();
  if (!diagnostic || !SHADOWING.has(diagnostic.code)) return lines;
  const [dead, shadowing] = diagnostic.rules;
  if (!dead || !shadowing) return lines;
  lines.set(shadowing.line, 'shadowing');
  lines.set(dead.line, 'dead');
  return lines;
}

/** The words a screen reader adds to a rule with a role: `never matches: SHARED_SNAT rule 1 takes its traffic`. */
export function roleDescription(role: RuleRole): string {
  const other = `${role.other.chain} rule ${role.other.index}`;
  return role.kind === 'dead'
    ? `${ROLE_TEXT.dead}: ${other} takes its traffic`
    : `takes the traffic of ${other}, which never matches`;
}
