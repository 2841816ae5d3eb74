import type { ReportRule } from '@natscope/api';
import { parseCidr, type Cidr } from '@natscope/natgw';
import { ruleOptions } from './rule-options.js';

const ADDRESS = /\b(\d{1,3}(?:\.\d{1,3}){3})(\/\d{1,2})?\b/g;

/** Every IPv4 address or prefix a rule names: `-s`, `-d`, and any option (`--ctorigdst`, `--to-destination ip:port`…). */
export function ruleAddresses(rule: ReportRule): Cidr[] {
  const texts = [
    rule.decoded.source?.value,
    rule.decoded.destination?.value,
    ...ruleOptions(rule).flatMap((o) => o.args),
  ];
  const found: Cidr[] = [];
  for (const text of texts) {
    if (!text) continue;
    for (const match of text.matchAll(ADDRESS)) {
      const cidr = parseCidr(`${match[1]}${match[2] ?? ''}`);
      if (cidr) found.push(cidr);
    }
  }
  return found;
}
