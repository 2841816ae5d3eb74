import type { Rule } from '@natscope/iptables';
import { type MatchSpace, matchSpace } from './match-space.js';

// Several checks ask for the same rule's space; compute it once per rule object.
const cache = new WeakMap<Rule, MatchSpace>();

/** The match space of a parsed rule, memoised per rule. */
export function ruleSpace(rule: Rule): MatchSpace {
  let space = cache.get(rule);
  if (!space) {
    space = matchSpace(rule.decoded);
    cache.set(rule, space);
  }
  return space;
}
