import type { InspectReport, ReportRule } from '@natscope/api';
import { cidrHas, cidrOverlaps, parseCidr, protocolNumber } from '@natscope/natgw';
import { FACETS, type Facet, type FilterTerm } from '../../lib/filter-query.js';
import { formatRuleKey } from '../../lib/url-state.js';
import { ruleAddresses } from './rule-addresses.js';
import { rulePorts } from './rule-ports.js';

/** The rules a filter keeps: per chain node id (`<table>/<chain>`), the 1-based indexes of its matching rules. */
export type RuleMatches = Map<string, Set<number>>;

function eipRules(report: InspectReport, eip: string): Set<string> {
  const keys = new Set<string>();
  for (const mapping of report.mappings) {
    if (mapping.eip === eip) for (const r of mapping.rules) keys.add(formatRuleKey(r));
  }
  return keys;
}

type Test = (rule: ReportRule, key: string) => boolean;

/** The rules of each facet (`<table>/<chain>/<index>` keys): the rules of that kind of mapping, or a diagnostic of that severity names. */
export function facetRules(report: InspectReport): Map<Facet, Set<string>> {
  const byFacet = new Map<Facet, Set<string>>(FACETS.map((f) => [f, new Set<string>()]));
  for (const mapping of report.mappings)
    for (const r of mapping.rules) byFacet.get(mapping.kind)?.add(formatRuleKey(r));
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.severity === 'info') continue;
    for (const r of diagnostic.rules) byFacet.get(diagnostic.severity)?.add(formatRuleKey(r));
  }
  return byFacet;
}

function compile(term: FilterTerm, report: InspectReport): Test {
  switch (term.kind) {
    case 'address':
      return (rule) => ruleAddresses(rule).some((cidr) => cidrOverlaps(cidr, term.cidr));
    case 'port':
      return (rule) => rulePorts(rule).some(([low, high]) => low <= term.port && term.port <= high);
    case 'protocol': {
      // By number where there is one, as coverage and the trace compare: proto:tcp finds `-p 6` too.
      const wanted = protocolNumber(term.protocol);
      return (rule) => {
        const value = rule.decoded.protocol?.value.toLowerCase();
        if (value === undefined) return false;
        const number = protocolNumber(value);
        return wanted !== null && number !== null ? number === wanted : value === term.protocol;
      };
    }
    case 'eip': {
      const keys = eipRules(report, term.eip);
      const ip = parseCidr(term.eip);
      return (rule, key) =>
        keys.has(key) ||
        (ip !== null && ruleAddresses(rule).some((cidr) => cidr.length === 32 && cidrHas(cidr, ip.base)));
    }
    case 'facet': {
      const keys = facetRules(report).get(term.facet) ?? new Set<string>();
      return (_rule, key) => keys.has(key);
    }
    case 'text':
      return (rule) => rule.text.toLowerCase().includes(term.text) || rule.summary.toLowerCase().includes(term.text);
  }
}

/** Applies the filter terms to every rule of the report; null when there is nothing to filter by. */
export function matchRules(report: InspectReport, terms: readonly FilterTerm[]): RuleMatches | null {
  if (terms.length === 0) return null;
  const tests = terms.map((t) => compile(t, report));
  const matches: RuleMatches = new Map();
  for (const table of report.tables) {
    for (const chain of table.chains) {
      const kept = new Set<number>();
      for (const rule of chain.rules) {
        const key = formatRuleKey({ table: table.name, chain: chain.name, index: rule.index });
        if (tests.every((test) => test(rule, key))) kept.add(rule.index);
      }
      matches.set(`${table.name}/${chain.name}`, kept);
    }
  }
  return matches;
}
