import type { Counters, DecodedRule as DecodedJson, ReportRule, ReportTable } from '@natscope/api';
import { escapeNonUtf8, plainDecoded, type Rule, type Table } from '@natscope/iptables';
import type { MappingScan } from '../mappings/find-mappings.js';
import { summaryOf } from './rule-summary.js';

/**
 * One rule of the report. Every field is plain data except `decoded`, an own enumerable accessor that builds the
 * position-free JSON copy of the rule's decoded view when it is read (`plainDecoded`: a rule the analysis did not
 * need to decode is decoded afresh, and neither the rule nor the report keeps the result): JSON.stringify, spreads,
 * structuredClone and zod read it like a field, but a 100,000-rule report holds no copy of every rule's matches
 * (about 60 MB, and 85 MB more of decoded views on the parse tree). Each read builds a fresh object; treat it as
 * read-only.
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
      return plainDecoded(this.#rule);
    },
  };

  constructor(rule: Rule, jump: string | null, summary: string) {
    this.#rule = rule;
    this.index = rule.index;
    this.line = rule.line;
    // Bytes that are not UTF-8 (a Latin-1 comment) read as `\xNN` where people read the rule; `decoded` and the
    // dump's raw text keep them exactly.
    this.text = escapeNonUtf8(rule.text);
    this.counters = rule.counters; // shared with the parse tree: a snapshot nobody mutates
    Object.defineProperty(this, 'decoded', ReportRuleEntry.#decoded); // after counters: keeps the JSON key order
    this.jump = jump;
    this.summary = escapeNonUtf8(summary);
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
      name: escapeNonUtf8(chain.name),
      builtin: chain.builtin,
      policy: chain.policy,
      counters: chain.counters,
      line: chain.line,
      rules: chain.rules.map((rule) => {
        const id = scan.facts.idOf(rule);
        const target = scan.facts.targets[id]!;
        const shape = scan.facts.shapes[id]!;
        const jump = target && table.chainsByName.has(target.name) ? target.name : null;
        return new ReportRuleEntry(
          rule,
          jump && escapeNonUtf8(jump),
          summaryOf(rule, shape, scan.pairedFipRules.has(rule)),
        );
      }),
    })),
  }));
}
