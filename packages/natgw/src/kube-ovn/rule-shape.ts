import type { DecodedRule } from '@natscope/api';
import { parseCidr, formatCidrWithPrefix, stripHostPrefix } from '../packet-sets/ipv4.js';
import { parseNatAddress } from '../packet-sets/nat-address.js';

/**
 * What a rule in a Kube-OVN chain means, recognised by its exact shape (reference §1.7–§1.9, §1.13).
 * A rule of any other shape in those chains has no shape: it is kept and shown, and may be diagnosed, but it is
 * not a mapping.
 */
export type RuleShape =
  | { kind: 'fip-dnat'; eip: string; internalIp: string } // EXCLUSIVE_DNAT -d EIP/32 -j DNAT --to-destination IP
  | { kind: 'fip-snat'; eip: string; internalIp: string } // EXCLUSIVE_SNAT -s IP/32 -j SNAT --to-source EIP
  | {
      kind: 'dnat'; // SHARED_DNAT -d EIP/32 -p P -m P --dport N -j DNAT --to-destination IP:PORT
      eip: string;
      protocol: string;
      externalPort: number;
      internalIp: string;
      internalPort: number;
    }
  | { kind: 'snat'; eip: string; internalCidr: string; randomFully: boolean; outInterface: string | null } // SHARED_SNAT
  | { kind: 'hairpin'; eip: string } // HAIRPIN_SNAT … --ctstate DNAT --ctorigdst EIP -j SNAT --to-source EIP
  | { kind: 'vpc-mark'; mark: string; inInterface: string }; // mangle VPC_MARK -i eth0 -j MARK --set-xmark 0x1/0x1

type Option = DecodedRule['unknown'][number];

// `--ctstate` lists that include DNAT (`DNAT`, `NEW,DNAT`), tested without splitting.
const DNAT_STATE = /(^|,)DNAT(,|$)/i;

// Flags a NAT target may carry without changing which mapping it is.
const NAT_FLAGS = new Set(['random', 'random-fully', 'persistent']);

function only(options: Option[], name: string): string | null {
  let value: string | null = null;
  for (const option of options) {
    if (option.negated) return null;
    if (option.name === name && option.args.length === 1) value = option.args[0]!;
    else if (!NAT_FLAGS.has(option.name)) return null;
  }
  return value;
}

/** A plain host address (`-d 192.168.100.11/32`), not negated, without its /32. */
function host(match: { value: string; negated: boolean } | null): string | null {
  if (!match || match.negated) return null;
  const cidr = parseCidr(match.value);
  return cidr && cidr.length === 32 ? stripHostPrefix(match.value) : null;
}

/** True when the rule has no module match other than comments (which never change meaning). */
function noModules(decoded: DecodedRule): boolean {
  for (const match of decoded.matches) if (match.module !== 'comment') return false;
  return true;
}

// Which generic matches a shape may have, as bits (checked per rule, so no arrays are built).
const SRC = 1;
const DST = 2;
const PROTO = 4;
const IN = 8;
const OUT = 16;

/** True when the rule has no generic match outside `allowed`, no fragment match and no unplaced words. */
function bare(decoded: DecodedRule, allowed: number): boolean {
  return (
    decoded.fragment === null &&
    decoded.unknown.length === 0 &&
    ((allowed & SRC) !== 0 || decoded.source === null) &&
    ((allowed & DST) !== 0 || decoded.destination === null) &&
    ((allowed & PROTO) !== 0 || decoded.protocol === null) &&
    ((allowed & IN) !== 0 || decoded.inInterface === null) &&
    ((allowed & OUT) !== 0 || decoded.outInterface === null)
  );
}

function natTarget(decoded: DecodedRule, name: 'DNAT' | 'SNAT') {
  const target = decoded.target;
  if (!target || target.kind !== 'jump' || target.name !== name) return null;
  const text = only(target.options, name === 'DNAT' ? 'to-destination' : 'to-source');
  return text === null ? null : parseNatAddress(text);
}

function hasRandomFully(decoded: DecodedRule): boolean {
  return decoded.target?.options.some((o) => o.name === 'random-fully') ?? false;
}

function fipDnat(decoded: DecodedRule): RuleShape | null {
  const eip = host(decoded.destination);
  const to = natTarget(decoded, 'DNAT');
  if (!eip || !to || to.port !== null || !bare(decoded, DST) || !noModules(decoded)) return null;
  return { kind: 'fip-dnat', eip, internalIp: to.ip };
}

function fipSnat(decoded: DecodedRule): RuleShape | null {
  const internalIp = host(decoded.source);
  const to = natTarget(decoded, 'SNAT');
  if (!internalIp || !to || to.port !== null || !bare(decoded, SRC) || !noModules(decoded)) return null;
  return { kind: 'fip-snat', eip: to.ip, internalIp };
}

function dnat(decoded: DecodedRule): RuleShape | null {
  const eip = host(decoded.destination);
  const to = natTarget(decoded, 'DNAT');
  const protocol = decoded.protocol;
  if (!eip || !to || !protocol || protocol.negated || !bare(decoded, DST | PROTO)) return null;
  let portMatch: DecodedRule['matches'][number] | null = null;
  for (const match of decoded.matches) {
    if (match.module === 'comment') continue;
    if (portMatch || match.module !== protocol.value.toLowerCase()) return null;
    portMatch = match;
  }
  const option = portMatch?.options.length === 1 ? portMatch.options[0]! : null;
  if (
    !option ||
    option.negated ||
    option.args.length !== 1 ||
    !(option.name === 'dport' || option.name === 'destination-port')
  )
    return null;
  if (!/^\d{1,5}$/.test(option.args[0]!)) return null;
  const externalPort = Number(option.args[0]);
  if (externalPort > 65535) return null;
  // DNAT without a port keeps the destination port.
  return {
    kind: 'dnat',
    eip,
    protocol: protocol.value.toLowerCase(),
    externalPort,
    internalIp: to.ip,
    internalPort: to.port ?? externalPort,
  };
}

function snat(decoded: DecodedRule): RuleShape | null {
  const source = decoded.source;
  const cidr = source && !source.negated ? parseCidr(source.value) : null;
  const to = natTarget(decoded, 'SNAT');
  const out = decoded.outInterface;
  if (!cidr || !to || to.port !== null || (out && out.negated) || !bare(decoded, SRC | OUT) || !noModules(decoded))
    return null;
  return {
    kind: 'snat',
    eip: to.ip,
    internalCidr: formatCidrWithPrefix(cidr),
    randomFully: hasRandomFully(decoded),
    outInterface: out ? out.value : null,
  };
}

function hairpin(decoded: DecodedRule): RuleShape | null {
  const to = natTarget(decoded, 'SNAT');
  if (!to || to.port !== null || !bare(decoded, OUT)) return null;
  let eip: string | null = null;
  let dnatState = false;
  for (const match of decoded.matches) {
    if (match.module === 'mark' || match.module === 'comment') continue; // the VPC_MARK mark; its value does not change which EIP this serves
    if (match.module !== 'conntrack') return null;
    for (const option of match.options) {
      if (option.negated || option.args.length !== 1) return null;
      if (option.name === 'ctstate') dnatState = DNAT_STATE.test(option.args[0]!);
      else if (option.name === 'ctorigdst') eip = host({ value: option.args[0]!, negated: false });
      else return null;
    }
  }
  return eip && dnatState ? { kind: 'hairpin', eip } : null;
}

function vpcMark(decoded: DecodedRule): RuleShape | null {
  const target = decoded.target;
  const inIf = decoded.inInterface;
  if (!target || target.kind !== 'jump' || target.name !== 'MARK' || !inIf || inIf.negated) return null;
  if (!bare(decoded, IN) || !noModules(decoded) || target.options.length !== 1) return null;
  const option = target.options[0]!;
  if (option.negated || option.args.length !== 1 || !['set-xmark', 'set-mark'].includes(option.name)) return null;
  return { kind: 'vpc-mark', mark: option.args[0]!, inInterface: inIf.value };
}

type Recogniser = (decoded: DecodedRule) => RuleShape | null;

// Maps, not object literals: table and chain names come from the dump, and a chain named `__proto__` or
// `constructor` must find nothing rather than Object.prototype's members.
const RECOGNISERS: ReadonlyMap<string, ReadonlyMap<string, Recogniser>> = new Map([
  [
    'nat',
    new Map<string, Recogniser>([
      ['EXCLUSIVE_DNAT', fipDnat],
      ['EXCLUSIVE_SNAT', fipSnat],
      ['SHARED_DNAT', dnat],
      ['SHARED_SNAT', snat],
      ['HAIRPIN_SNAT', hairpin],
    ]),
  ],
  ['mangle', new Map<string, Recogniser>([['VPC_MARK', vpcMark]])],
]);

/** The Kube-OVN meaning of a rule in `table`/`chain`, or null when it is not one of the script's shapes. */
export function ruleShape(table: string, chain: string, decoded: DecodedRule): RuleShape | null {
  return RECOGNISERS.get(table)?.get(chain)?.(decoded) ?? null;
}
