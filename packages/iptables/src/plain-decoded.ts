import { RuleNode } from './rule-node.js';
import type { DecodedRule, PlainDecodedRule, PlainOption, Rule, RuleOption } from './types.js';

function option(o: RuleOption): PlainOption {
  return { name: o.name, flag: o.flag, negated: o.negated, args: o.args };
}

function negatable(m: { value: string; negated: boolean } | null): { value: string; negated: boolean } | null {
  return m && { value: m.value, negated: m.negated };
}

/** A decoded rule as plain data: the same fields without source positions, sharing no object with `d`. */
function plainDecodedRule(d: DecodedRule): PlainDecodedRule {
  return {
    source: negatable(d.source),
    destination: negatable(d.destination),
    protocol: negatable(d.protocol),
    inInterface: negatable(d.inInterface),
    outInterface: negatable(d.outInterface),
    fragment: d.fragment && { negated: d.fragment.negated },
    matches: d.matches.map((m) => ({ module: m.module, implicit: m.implicit, options: m.options.map(option) })),
    target: d.target && { kind: d.target.kind, name: d.target.name, options: d.target.options.map(option) },
    unknown: d.unknown.map(option),
  };
}

/**
 * `rule.decoded` as plain data without positions, for JSON. A parsed rule that has not been decoded yet is decoded
 * afresh and keeps nothing: turning every rule of a 100,000-rule dump into JSON once does not leave a decoded view
 * on each of them (about 85 MB that the garbage collector would carry for as long as the dump lives).
 */
export function plainDecoded(rule: Rule): PlainDecodedRule {
  return plainDecodedRule(rule instanceof RuleNode ? rule.decodedUnkept() : rule.decoded);
}
