import type { DecodedRule as DecodedJson, ReportTable } from '@natscope/api';
import type { DecodedRule, Rule, Table } from '@natscope/iptables';
import type { MappingScan } from './find-mappings.js';
import { ruleSummary } from './rule-summary.js';

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

function counters(c: { packets: number; bytes: number } | null) {
  return c && { packets: c.packets, bytes: c.bytes };
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
      counters: counters(chain.counters),
      line: chain.line,
      rules: chain.rules.map((rule: Rule) => {
        const target = rule.decoded.target;
        return {
          index: rule.index,
          line: rule.line,
          text: rule.text,
          counters: counters(rule.counters),
          decoded: decodedJson(rule.decoded),
          jump: target && table.chainsByName.has(target.name) ? target.name : null,
          summary: ruleSummary(rule.decoded, scan.shapes.get(rule) ?? null, scan.pairedFipRules.has(rule)),
        };
      }),
    })),
  }));
}
