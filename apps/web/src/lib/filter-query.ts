import { parseCidr, PROTOCOL_NUMBERS, type Cidr } from '@natscope/natgw';

/**
 * The filter language shared by the fleet and gateway pages. Terms are separated by spaces and all must match:
 *
 *   203.0.113.12     an address: rules/gateways whose addresses contain it
 *   10.0.1.0/24      a CIDR: anything whose addresses overlap it
 *   22  :22  port:22 a port (match or translated port)
 *   eip:203.0.113.12 the rules of that EIP's mappings
 *   tcp  proto:udp   a protocol
 *   is:fip is:dnat is:snat is:hairpin   the rules of that kind of mapping (the graph's facets)
 *   is:error is:warning                  the rules a diagnostic of that severity names
 *   anything else    case-insensitive text in the rule (or gateway name, namespace, status…)
 */
export type FilterTerm =
  | { kind: 'address'; cidr: Cidr; text: string }
  | { kind: 'port'; port: number; text: string }
  | { kind: 'eip'; eip: string; text: string }
  | { kind: 'protocol'; protocol: string; text: string }
  | { kind: 'facet'; facet: Facet; text: string }
  | { kind: 'text'; text: string };

/** The facets `is:` names: a kind of mapping, or a severity of diagnostic. */
export const FACETS = ['fip', 'dnat', 'snat', 'hairpin', 'error', 'warning'] as const;
/** One facet. */
export type Facet = (typeof FACETS)[number];

/** A parsed filter: its terms, and a sentence for each token that looked like a term but was not a valid one. */
export interface ParsedFilter {
  terms: FilterTerm[];
  problems: string[];
}

function port(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const value = Number(text);
  return value <= 65535 ? value : null;
}

function parseToken(token: string): FilterTerm | string {
  const colon = token.indexOf(':');
  const prefix = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
  const rest = colon >= 0 ? token.slice(colon + 1) : token;
  if (prefix === 'eip') {
    const cidr = parseCidr(rest);
    return cidr && cidr.length === 32 && !rest.includes('/')
      ? { kind: 'eip', eip: rest, text: token }
      : `"${token}": eip: needs one IPv4 address, like eip:203.0.113.10`;
  }
  if (prefix === 'is') {
    const facet = FACETS.find((f) => f === rest.toLowerCase());
    return facet ? { kind: 'facet', facet, text: token } : `"${token}": is: takes one of ${FACETS.join(', ')}`;
  }
  if (prefix === 'port' || colon === 0) {
    const value = port(rest);
    return value === null
      ? `"${token}": a port is a number from 0 to 65535`
      : { kind: 'port', port: value, text: token };
  }
  if (prefix === 'proto' || prefix === 'protocol') {
    return rest
      ? { kind: 'protocol', protocol: rest.toLowerCase(), text: token }
      : `"${token}": name a protocol, like proto:tcp`;
  }
  if (prefix === 'ip' || prefix === 'cidr') {
    const cidr = parseCidr(rest);
    return cidr ? { kind: 'address', cidr, text: token } : `"${token}": not an IPv4 address or CIDR`;
  }
  const cidr = parseCidr(token);
  if (cidr) return { kind: 'address', cidr, text: token };
  if (/^\d+(\.\d+){1,3}(\/\d+)?$/.test(token)) return `"${token}": not an IPv4 address or CIDR`;
  const bare = port(token);
  if (bare !== null) return { kind: 'port', port: bare, text: token };
  if (PROTOCOL_NUMBERS.has(token.toLowerCase()))
    return { kind: 'protocol', protocol: token.toLowerCase(), text: token };
  return { kind: 'text', text: token.toLowerCase() };
}

/** Splits a filter into terms; invalid tokens are reported, not guessed at. */
export function parseFilter(input: string): ParsedFilter {
  const terms: FilterTerm[] = [];
  const problems: string[] = [];
  for (const token of input.trim().split(/\s+/)) {
    if (!token) continue;
    const term = parseToken(token);
    if (typeof term === 'string') problems.push(term);
    else terms.push(term);
  }
  return { terms, problems };
}

/** The filter with `is:<facet>` added, or taken out when it is there: what a facet's button does. */
export function toggleFacet(input: string, facet: Facet): string {
  const tokens = input.trim().split(/\s+/).filter(Boolean);
  const own = (t: string) => t.toLowerCase() === `is:${facet}`;
  return tokens.some(own) ? tokens.filter((t) => !own(t)).join(' ') : [...tokens, `is:${facet}`].join(' ');
}
