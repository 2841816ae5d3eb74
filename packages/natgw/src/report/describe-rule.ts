import type { DecodedRule } from '@natscope/api';
import { PLAIN_MODULES } from '@natscope/iptables';
import { stripHostPrefix } from '../packet-sets/ipv4.js';

type Option = DecodedRule['unknown'][number];

// Target options whose value says it all (`--to-destination 10.0.1.5:80` → `10.0.1.5:80`).
const VALUE_OPTIONS = new Set([
  'to-destination',
  'to-source',
  'to-ports',
  'to',
  'set-xmark',
  'set-mark',
  'log-prefix',
  'reject-with',
]);
function quote(text: string): string {
  return /^[^\s"']+$/.test(text) ? text : JSON.stringify(text);
}

function not(negated: boolean): string {
  return negated ? '!' : '';
}

function moduleText(match: DecodedRule['matches'][number]): string {
  if (match.module === 'comment') return match.options.map((o) => `/* ${o.args.join(' ')} */`).join(' ');
  const options = match.options.map((o: Option) => {
    const value = o.args.map((a) =>
      match.module === 'conntrack' || match.module === 'mark' ? stripHostPrefix(a) : quote(a),
    );
    return [o.name, `${not(o.negated)}${value.join(' ')}`].filter(Boolean).join(' ');
  });
  if (PLAIN_MODULES.has(match.module)) return options.join(' ');
  return [
    `-m ${match.module}`,
    ...match.options.map((o) => `${o.negated ? '! ' : ''}${o.flag}${o.args.map((a) => ` ${quote(a)}`).join('')}`),
  ].join(' ');
}

function targetText(target: NonNullable<DecodedRule['target']>): string {
  if (target.kind === 'goto') return `goto ${target.name}`;
  const options = target.options.map((o) => {
    const value = o.args.map(quote).join(' ');
    if (VALUE_OPTIONS.has(o.name)) return `${not(o.negated)}${value}`;
    return value ? `${o.name} ${value}` : o.name;
  });
  return ['→', target.name, ...options].join(' ');
}

/**
 * A compact, readable rendering of any rule: its matches then its target, e.g.
 * `tcp to 192.168.100.99 dport 8443 → DNAT 10.0.3.3:443`, `from 10.9.0.0/16 out net1 → MASQUERADE`,
 * `→ DNAT_FILTER`. Addresses lose their /32. Used for rules that are not one of Kube-OVN's mapping shapes.
 */
export function describeRule(decoded: DecodedRule): string {
  const parts: string[] = [];
  if (decoded.protocol) parts.push(`${not(decoded.protocol.negated)}${decoded.protocol.value}`);
  if (decoded.source) parts.push(`from ${not(decoded.source.negated)}${stripHostPrefix(decoded.source.value)}`);
  if (decoded.destination)
    parts.push(`to ${not(decoded.destination.negated)}${stripHostPrefix(decoded.destination.value)}`);
  if (decoded.inInterface) parts.push(`in ${not(decoded.inInterface.negated)}${decoded.inInterface.value}`);
  if (decoded.outInterface) parts.push(`out ${not(decoded.outInterface.negated)}${decoded.outInterface.value}`);
  if (decoded.fragment) parts.push(`${not(decoded.fragment.negated)}fragment`);
  for (const match of decoded.matches) {
    const text = moduleText(match);
    if (text) parts.push(text);
  }
  for (const option of decoded.unknown)
    parts.push(`${option.negated ? '! ' : ''}${option.flag} ${option.args.map(quote).join(' ')}`.trim());
  parts.push(decoded.target ? targetText(decoded.target) : '(counts only)');
  return parts.join(' ');
}
