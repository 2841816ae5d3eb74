import type { ReportRule } from '@natscope/api';
import { parsePortSet, type PortSet } from '@natscope/natgw';
import { ruleOptions } from './rule-options.js';

// Option names come from the dump: Sets, so an option called `constructor` is just not a port option.
const PORT_OPTIONS: ReadonlySet<string> = new Set([
  'dport',
  'sport',
  'dports',
  'sports',
  'ports',
  'destination-port',
  'source-port',
  'destination-ports',
  'source-ports',
]);
const NAT_TARGET_OPTIONS: ReadonlySet<string> = new Set(['to-destination', 'to-source', 'to-ports', 'to']);

/**
 * Every port a rule matches or translates to, as inclusive ranges: `--dport`, multiport lists and ranges (read by
 * natgw's parsePortSet, as coverage reads them), `--to-destination ip:port` and `ip:low-high`, `--to-ports`.
 * A negated port match names its port: the filter finds the rule by the port it talks about.
 */
export function rulePorts(rule: ReportRule): PortSet {
  const found: Array<readonly [number, number]> = [];
  for (const option of ruleOptions(rule)) {
    if (PORT_OPTIONS.has(option.name)) {
      for (const arg of option.args) found.push(...(parsePortSet(arg) ?? []));
    } else if (NAT_TARGET_OPTIONS.has(option.name)) {
      for (const arg of option.args) {
        // 'ip:port', 'ip:low-high', or (for --to-ports) just 'port' / 'low-high'
        if (option.name !== 'to-ports' && !arg.includes(':')) continue;
        const text = option.name === 'to-ports' ? arg : arg.slice(arg.lastIndexOf(':') + 1);
        // A NAT range is written low-high; the match syntax parsePortSet reads is low:high.
        if (!text.includes(':')) found.push(...(parsePortSet(text.replace('-', ':')) ?? []));
      }
    }
  }
  return found;
}
