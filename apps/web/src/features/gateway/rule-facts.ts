import type { ReportRule } from '@natscope/api';
import { parseCidr, type Cidr } from '@natscope/natgw';

/** An inclusive port range (a single port is `[p, p]`). */
export type PortRange = readonly [number, number];

const ADDRESS = /\b(\d{1,3}(?:\.\d{1,3}){3})(\/\d{1,2})?\b/g;
const PORT_OPTIONS = new Set([
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
const NAT_TARGET_OPTIONS = new Set(['to-destination', 'to-source', 'to-ports', 'to']);

function options(rule: ReportRule) {
  return [
    ...rule.decoded.matches.flatMap((m) => m.options),
    ...(rule.decoded.target?.options ?? []),
    ...rule.decoded.unknown,
  ];
}

/** Every IPv4 address or prefix a rule names: `-s`, `-d`, and any option (`--ctorigdst`, `--to-destination ip:port`…). */
export function ruleAddresses(rule: ReportRule): Cidr[] {
  const texts = [rule.decoded.source?.value, rule.decoded.destination?.value, ...options(rule).flatMap((o) => o.args)];
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

function range(text: string, separator: string): PortRange | null {
  const parts = text.split(separator);
  if (parts.length > 2 || !parts.every((p) => /^\d{1,5}$/.test(p))) return null;
  const low = Number(parts[0]);
  return [low, parts.length === 2 ? Number(parts[1]) : low];
}

/** Every port a rule matches or translates to: `--dport`, multiport lists and ranges, `--to-destination ip:port`. */
export function rulePorts(rule: ReportRule): PortRange[] {
  const found: PortRange[] = [];
  for (const option of options(rule)) {
    if (PORT_OPTIONS.has(option.name)) {
      for (const part of option.args.flatMap((a) => a.split(','))) {
        const r = range(part, ':');
        if (r) found.push(r);
      }
    } else if (NAT_TARGET_OPTIONS.has(option.name)) {
      for (const arg of option.args) {
        // 'ip:port', 'ip:low-high', or (for --to-ports) just 'port' / 'low-high'
        const text = option.name === 'to-ports' ? arg : arg.slice(arg.lastIndexOf(':') + 1);
        if (option.name !== 'to-ports' && !arg.includes(':')) continue;
        const r = range(text, '-');
        if (r) found.push(r);
      }
    }
  }
  return found;
}
