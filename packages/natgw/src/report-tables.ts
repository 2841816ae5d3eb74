import type { Counters, DecodedRule as DecodedJson, ReportRule, ReportTable } from '@natscope/api';
import type { DecodedRule, Rule, Table } from '@natscope/iptables';
import type { MappingScan } from './find-mappings.js';
import { summaryOf } from './rule-summary.js';

type Option = DecodedRule['unknown'][number];

function option(o: Option): DecodedJson['unknown'][number] {
  return { name: o.name, flag: o.flag, negated: o.negated, args: o.args };
}

function negatable(m: { value: string; negated: boolean } | null): { value: string; negated: boolean } | null {
  return m && { value: m.value, negated: m.negated };
}

/** The decoded rule as JSON: the same fields without source positions (the rule's `line` says where it is). */
export function decodedJson(d: DecodedRule): DecodedJson {
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
 * One rule of the report. Every field is plain data except `decoded`, an own enumerable accessor that builds the
 * position-free JSON copy of the parser's decoded rule when it is read: JSON.stringify, spreads, structuredClone
 * and zod read it like a field, but a 100,000-rule report does not hold a second copy of every rule's matches
 * (about 60 MB and a good part of inspect's time). Each read builds a fresh object; treat it as read-only.
 */
class ReportRuleEntry implements ReportRule {
  // `declare`d, not class fields: fields would all be created before the constructor runs, and `decoded` could
  // not sit between `counters` and `jump` in the JSON.
  declare readonly index: number;
  declare readonly line: number;
  declare readonly text: string;
  declare readonly counters: Counters | null;
  declare readonly decoded: DecodedJson;
  declare readonly jump: string | null;
  declare readonly summary: string;
  readonly #rule: Rule;

  // One descriptor for all entries: the getter reads the entry's own rule through `this`.
  static readonly #decoded: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: ReportRuleEntry): DecodedJson {
      return decodedJson(this.#rule.decoded);
    },
  };

  constructor(rule: Rule, jump: string | null, summary: string) {
    this.#rule = rule;
    this.index = rule.index;
    this.line = rule.line;
    this.text = rule.text;
    this.counters = rule.counters; // shared with the parse tree: a snapshot nobody mutates
    Object.defineProperty(this, 'decoded', ReportRuleEntry.#decoded); // after counters: keeps the JSON key order
    this.jump = jump;
    this.summary = summary;
  }
}

/**
 * Every table, chain and rule of the dump as the report's JSON, in input order, with each rule's `jump`
 * (the user chain of the same table it jumps or goes to) and its one-line `summary`. Nothing is dropped:
 * operator chains and rules of unknown shapes are here like Kube-OVN's own.
 */
export function reportTables(tables: Table[], scan: MappingScan): ReportTable[] {
  return tables.map((table) => ({
    name: table.name,
    line: table.line,
    chains: table.chains.map((chain) => ({
      name: chain.name,
      builtin: chain.builtin,
      policy: chain.policy,
      counters: chain.counters,
      line: chain.line,
      rules: chain.rules.map((rule) => {
        const { target, shape } = scan.facts.get(rule)!;
        const jump = target && table.chainsByName.has(target.name) ? target.name : null;
        return new ReportRuleEntry(rule, jump, summaryOf(rule, shape, scan.pairedFipRules.has(rule)));
      }),
    })),
  }));
}
