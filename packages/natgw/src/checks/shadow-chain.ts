import type { Diagnostic } from '@natscope/api';
import type { Chain, Rule } from '@natscope/iptables';
import { CoverIndex, type CoverStats } from '../facts/cover-index.js';
import { cidrContains, stripHostPrefix } from '../packet-sets/ipv4.js';
import { type MatchSpace, spaceCovers } from '../packet-sets/match-space.js';
import type { DumpFacts } from '../facts/dump-facts.js';
import { packetsNote, ruleLabel, ruleRef } from '../mappings/rule-ref.js';
import { summaryOf } from '../report/rule-summary.js';
import { isTerminal, mayRewritePacket, sameTarget } from '../packet-sets/target-effect.js';

/** One chain's shadowing pass: the diagnostics of its dead rules, and its cover index for checks across chains. */
export interface ChainShadowing {
  diagnostics: Diagnostic[];
  index: CoverIndex;
}

/** What happens to the dead rule's traffic, in the terms of the two rules' mappings when they have them. */
function effect(later: Rule, earlier: Rule, facts: DumpFacts): string {
  const a = shapeOf(earlier, facts);
  const b = shapeOf(later, facts);
  if (a?.kind === 'snat' && b?.kind === 'snat') {
    return `traffic from ${stripHostPrefix(b.internalCidr)} leaves as ${a.eip}, not ${b.eip}`;
  }
  if (a?.kind === 'dnat' && b?.kind === 'dnat') {
    return `connections to ${b.eip}:${b.externalPort} go to ${a.internalIp}:${a.internalPort}, not ${b.internalIp}:${b.internalPort}`;
  }
  if ((a?.kind === 'fip-dnat' || a?.kind === 'fip-snat') && a.kind === b?.kind) {
    return a.kind === 'fip-dnat'
      ? `traffic to ${b.eip} goes to ${a.internalIp}, not ${b.internalIp}`
      : `traffic from ${b.internalIp} leaves as ${a.eip}, not ${b.eip}`;
  }
  return `those packets get the earlier rule's action (${summaryOf(earlier, a)}) instead`;
}

function shadowHint(later: Rule, earlier: Rule, facts: DumpFacts): string {
  const a = shapeOf(earlier, facts);
  const b = shapeOf(later, facts);
  if (a?.kind === 'snat' && b?.kind === 'snat') {
    if (a.internalCidr === b.internalCidr) {
      return ` Two SNAT rules for one CIDR are no pool: the first always wins, so ${b.eip} is never used.`;
    }
    return (
      ' Kube-OVN up to v1.16 appends SNAT rules in creation order, so a broader CIDR created first takes the' +
      ' traffic of narrower ones (kube-ovn #6680; v1.17 inserts longest prefix first). Delete and re-create the' +
      ` broader IptablesSnatRule (${a.internalCidr}) so that it lands after this one.`
    );
  }
  if (a?.kind === 'fip-dnat' && b?.kind === 'fip-dnat') {
    return ` The EIP is bound twice; the script up to v1.15 keeps the old binding when a floating IP is re-pointed.`;
  }
  return '';
}

function shapeOf(rule: Rule, facts: DumpFacts) {
  return facts.shapeOf(rule);
}

function describe(rule: Rule, facts: DumpFacts): string {
  return summaryOf(rule, shapeOf(rule, facts));
}

/**
 * `rule-shadowed` and `duplicate-rule` in one chain: a rule whose packets all match an earlier terminal rule of
 * the same chain never matches. Coverage is decided on what the matches accept (CIDR containment, protocol, port
 * sets, interfaces with `+`, marks, conntrack state, negation) through a `CoverIndex`, so the pass is
 * near-linear in the chain's rules. A rule with a match the model does not understand is never reported, and
 * never taken as the earlier rule. When the earlier rule accepts exactly the same packets and does the same
 * thing, the later one is a `duplicate-rule` instead.
 */
export function shadowChain(chain: Chain, facts: DumpFacts, stats?: CoverStats): ChainShadowing {
  const out: Diagnostic[] = [];
  const index = new CoverIndex(facts, stats);
  const rules = chain.rules;
  if (rules.length === 0) return { diagnostics: out, index };
  const first = facts.idOf(rules[0]!); // a chain's rules have consecutive ids
  // How many packet-rewriting rules (MARK, jumps) came before each indexed rule: an earlier rule that tests
  // a mark only covers if nothing since could have rewritten that mark.
  const epochs = new Int32Array(rules.length);
  let epoch = 0;
  const fresh = (candidate: number) => !facts.testsMark(candidate) || epochs[candidate - first] === epoch;
  for (let i = 0; i < rules.length; i++) {
    const id = first + i;
    const rule = rules[i]!;
    const target = facts.targets[id]!;
    const found = index.findCover(id, fresh);
    if (found !== -1) {
      const earlier = facts.rules[found]!;
      const space = facts.space(id);
      const earlierSpace = facts.space(found);
      const duplicate = sameTarget(rule.decoded.target, earlier.decoded.target) && spaceCovers(space, earlierSpace);
      out.push(
        duplicate
          ? duplicateDiagnostic(rule, earlier, facts)
          : shadowedDiagnostic(rule, space, earlier, earlierSpace, facts),
      );
      continue; // a rule that never matches shadows nothing the earlier one does not already
    }
    if (facts.understood(id) && isTerminal(target)) {
      index.add(id);
      epochs[i] = epoch;
    } else if (mayRewritePacket(target)) {
      epoch++;
    }
  }
  return { diagnostics: out, index };
}

function duplicateDiagnostic(rule: Rule, earlier: Rule, facts: DumpFacts): Diagnostic {
  return {
    code: 'duplicate-rule',
    severity: 'warning',
    message:
      `${ruleLabel(rule)} repeats ${ruleLabel(earlier)} in ${rule.table} ${rule.chain}: ${describe(rule, facts)}. ` +
      `The copy never matches, and deleting the mapping through Kube-OVN removes one rule at most, so the mapping ` +
      `survives its own delete.${packetsNote(rule)} Re-adding a DNAT with an upper-case protocol or an SNAT whose CIDR ` +
      `has host bits leaves such copies (the script's grep misses the stored form). Delete the extra rule.`,
    rules: [ruleRef(rule), ruleRef(earlier)],
  };
}

function shadowedDiagnostic(
  rule: Rule,
  space: MatchSpace,
  earlier: Rule,
  earlierSpace: MatchSpace,
  facts: DumpFacts,
): Diagnostic {
  const prefixNote = broaderPrefix(space, earlierSpace, rule, earlier);
  return {
    code: 'rule-shadowed',
    severity: 'warning',
    message:
      `${ruleLabel(rule, describe(rule, facts))} never matches: ${ruleLabel(earlier, describe(earlier, facts))} ` +
      `comes first in ${rule.table} ${rule.chain} and matches every packet it would${prefixNote}, so ` +
      `${effect(rule, earlier, facts)}.${packetsNote(rule)}${shadowHint(rule, earlier, facts)}`,
    rules: [ruleRef(rule), ruleRef(earlier)],
  };
}

function broaderPrefix(space: MatchSpace, earlierSpace: MatchSpace, rule: Rule, earlier: Rule): string {
  const a = earlierSpace.source;
  const b = space.source;
  if (!a || !b || a.negated || b.negated || a.length >= b.length || !cidrContains(a, b)) return '';
  return ` (its source ${earlier.decoded.source?.value} contains ${rule.decoded.source?.value})`;
}
