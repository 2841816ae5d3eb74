import type { Rule, Table } from '@natscope/iptables';
import { type MatchSpace, matchSpace } from './match-space.js';
import { QuickFacts } from './quick-facts.js';
import { RuleMap } from './rule-map.js';
import { type RuleShape, ruleShape } from './rule-shape.js';
import type { RuleTarget } from './target-effect.js';

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

/**
 * The facts of every rule of the dump's tables, by rule. Rules in the exact forms Kube-OVN's script writes are
 * read straight from their text (`QuickFacts`), so a 100,000-rule gateway is analysed without decoding its
 * rules into option objects; every other rule goes through its decoded view. Both give the same facts.
 */
export function dumpFacts(tables: readonly Table[]): RuleMap<RuleFacts> {
  const facts = new RuleMap<RuleFacts>();
  const quick = new QuickFacts();
  for (const table of tables) {
    for (const chain of table.chains) {
      for (const rule of chain.rules) facts.set(rule, quick.read(table.name, rule) ?? decodedFacts(table.name, rule));
    }
  }
  return facts;
}
