import type { DecodedRule } from '@natscope/api';
import { type Cidr, cidrContains, cidrOverlaps, parseCidr } from './ipv4.js';
import { type InterfaceSet, interfaceCovers, parseInterface } from './interface-set.js';
import { ALL_PORTS, type PortSet, intersectPorts, parsePortSet, portsContain } from './port-set.js';

/** An address match: the prefix and whether it is negated (`! -s 10.0.0.0/8`). */
export interface AddressSet {
  cidr: Cidr;
  negated: boolean;
}

/**
 * The set of packets a rule's matches accept, one field per dimension (null: the rule does not restrict it).
 * `understood` is false when the rule has a match this model cannot reason about (`-m limit`, `--tcp-flags`,
 * a host name…); such a rule is never called shadowed and never shadows another.
 */
export interface MatchSpace {
  understood: boolean;
  /** Why the rule is not understood, e.g. `-m limit`; empty when it is. */
  notUnderstood: string[];
  source: AddressSet | null;
  destination: AddressSet | null;
  /** conntrack `--ctorigdst`: the destination before DNAT (Kube-OVN's HAIRPIN_SNAT keys on it). */
  origDestination: AddressSet | null;
  protocol: { value: string; negated: boolean } | null;
  sourcePorts: PortSet | null;
  destinationPorts: PortSet | null;
  inInterface: InterfaceSet | null;
  outInterface: InterfaceSet | null;
  mark: { value: number; mask: number; negated: boolean } | null;
  ctstate: { states: string[]; negated: boolean } | null;
}

type Option = DecodedRule['unknown'][number];

const PORT_PROTOCOL_MODULES = new Set(['tcp', 'udp', 'sctp', 'dccp', 'udplite']);
const MARK = /^(0x[0-9a-f]+|\d+)(?:\/(0x[0-9a-f]+|\d+))?$/i;

function address(value: string, negated: boolean): AddressSet | null {
  const cidr = parseCidr(value);
  return cidr ? { cidr, negated } : null;
}

/** Builds the match space of a decoded rule (works on the parser's tree and on the report's JSON alike). */
export function matchSpace(decoded: DecodedRule): MatchSpace {
  const space: MatchSpace = {
    understood: true,
    notUnderstood: [],
    source: null,
    destination: null,
    origDestination: null,
    protocol: null,
    sourcePorts: null,
    destinationPorts: null,
    inInterface: null,
    outInterface: null,
    mark: null,
    ctstate: null,
  };
  const reject = (why: string): void => {
    space.understood = false;
    space.notUnderstood.push(why);
  };

  if (decoded.source) {
    space.source = address(decoded.source.value, decoded.source.negated);
    if (!space.source) reject(`-s ${decoded.source.value}`);
  }
  if (decoded.destination) {
    space.destination = address(decoded.destination.value, decoded.destination.negated);
    if (!space.destination) reject(`-d ${decoded.destination.value}`);
  }
  if (decoded.protocol && decoded.protocol.value.toLowerCase() !== 'all') {
    space.protocol = { value: decoded.protocol.value.toLowerCase(), negated: decoded.protocol.negated };
  }
  if (decoded.inInterface) space.inInterface = parseInterface(decoded.inInterface.value, decoded.inInterface.negated);
  if (decoded.outInterface) space.outInterface = parseInterface(decoded.outInterface.value, decoded.outInterface.negated);
  if (decoded.fragment) reject(decoded.fragment.negated ? '! -f' : '-f');
  for (const option of decoded.unknown) reject(option.flag);

  const addPorts = (key: 'sourcePorts' | 'destinationPorts', option: Option): void => {
    const set = option.args.length === 1 ? parsePortSet(option.args[0]!, option.negated) : null;
    if (!set) return reject(`${option.flag} ${option.args.join(' ')}`);
    space[key] = intersectPorts(space[key] ?? ALL_PORTS, set);
  };
  const once = <K extends 'origDestination' | 'mark' | 'ctstate'>(key: K, value: MatchSpace[K], why: string): void => {
    if (value === null || space[key] !== null) return reject(why);
    space[key] = value;
  };

  for (const match of decoded.matches) {
    const module = match.module.toLowerCase();
    for (const option of match.options) {
      const name = option.name;
      const arg = option.args.length === 1 ? option.args[0]! : null;
      const why = `-m ${module} ${option.negated ? '! ' : ''}${option.flag}`;
      if (PORT_PROTOCOL_MODULES.has(module) && (name === 'dport' || name === 'destination-port')) {
        addPorts('destinationPorts', option);
      } else if (PORT_PROTOCOL_MODULES.has(module) && (name === 'sport' || name === 'source-port')) {
        addPorts('sourcePorts', option);
      } else if (module === 'multiport' && (name === 'dports' || name === 'destination-ports')) {
        addPorts('destinationPorts', option);
      } else if (module === 'multiport' && (name === 'sports' || name === 'source-ports')) {
        addPorts('sourcePorts', option);
      } else if (module === 'mark' && name === 'mark' && arg !== null) {
        const m = MARK.exec(arg);
        const mark = m ? { value: Number(m[1]) >>> 0, mask: m[2] === undefined ? 0xffffffff : Number(m[2]) >>> 0, negated: option.negated } : null;
        once('mark', mark, why);
      } else if ((module === 'conntrack' && name === 'ctstate') || (module === 'state' && name === 'state')) {
        const states = arg === null ? null : { states: arg.toUpperCase().split(','), negated: option.negated };
        once('ctstate', states, why);
      } else if (module === 'conntrack' && name === 'ctorigdst' && arg !== null) {
        once('origDestination', address(arg, option.negated), why);
      } else if (module !== 'comment') {
        reject(why);
      }
    }
    // A module with no options we recognise (`-m addrtype` alone) still restricts something unknown.
    if (match.options.length === 0 && !PORT_PROTOCOL_MODULES.has(module) && module !== 'comment') {
      reject(`-m ${module}`);
    }
  }
  return space;
}

function addressCovers(outer: AddressSet | null, inner: AddressSet | null): boolean {
  if (outer === null) return true;
  if (outer.cidr.length === 0) return !outer.negated; // 0.0.0.0/0 accepts everything, its negation nothing
  if (inner === null) return false;
  if (!outer.negated) return !inner.negated && cidrContains(outer.cidr, inner.cidr);
  return inner.negated ? cidrContains(inner.cidr, outer.cidr) : !cidrOverlaps(outer.cidr, inner.cidr);
}

function protocolCovers(outer: MatchSpace['protocol'], inner: MatchSpace['protocol']): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  if (!outer.negated) return !inner.negated && inner.value === outer.value;
  return inner.negated ? inner.value === outer.value : inner.value !== outer.value;
}

function portsCover(outer: PortSet | null, inner: PortSet | null): boolean {
  return outer === null || portsContain(outer, inner ?? ALL_PORTS);
}

function markCovers(outer: MatchSpace['mark'], inner: MatchSpace['mark']): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  if (outer.negated || inner.negated) {
    return outer.negated === inner.negated && outer.value === inner.value && outer.mask === inner.mask;
  }
  // (pkt & Mi) == Vi implies (pkt & Mo) == Vo when Mo's bits are a subset of Mi's and Vi agrees on them.
  return (outer.mask & ~inner.mask) === 0 && ((inner.value & outer.mask) >>> 0) === outer.value;
}

function ctstateCovers(outer: MatchSpace['ctstate'], inner: MatchSpace['ctstate']): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  // States overlap (a packet can be NEW and DNAT at once), so only same-polarity subsets are provable.
  if (outer.negated !== inner.negated) return false;
  const [small, big] = outer.negated ? [outer.states, inner.states] : [inner.states, outer.states];
  return small.every((state) => big.includes(state));
}

/** True when every packet `inner` accepts is also accepted by `outer`. Both must be understood. */
export function spaceCovers(outer: MatchSpace, inner: MatchSpace): boolean {
  return (
    outer.understood &&
    inner.understood &&
    addressCovers(outer.source, inner.source) &&
    addressCovers(outer.destination, inner.destination) &&
    addressCovers(outer.origDestination, inner.origDestination) &&
    protocolCovers(outer.protocol, inner.protocol) &&
    portsCover(outer.destinationPorts, inner.destinationPorts) &&
    portsCover(outer.sourcePorts, inner.sourcePorts) &&
    interfaceCovers(outer.inInterface, inner.inInterface) &&
    interfaceCovers(outer.outInterface, inner.outInterface) &&
    markCovers(outer.mark, inner.mark) &&
    ctstateCovers(outer.ctstate, inner.ctstate)
  );
}
