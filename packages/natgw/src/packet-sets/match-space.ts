import type { DecodedRule } from '@natscope/api';
import {
  OPTIONLESS_MODULES,
  parseCtStates,
  parseMarkMask,
  PORT_PROTOCOL_MODULES,
  protocolNumber,
} from '@natscope/iptables';
import { type Cidr, cidrContains, cidrOverlaps, parseCidr } from './ipv4.js';
import { type InterfaceSet, interfaceCovers, parseInterface } from './interface-set.js';
import { ALL_PORTS, type PortSet, intersectPorts, parsePortSet, portsContain } from './port-set.js';

/** An address match: the prefix and whether it is negated (`! -s 10.0.0.0/8`). */
export interface AddressSet extends Cidr {
  negated: boolean;
}

/**
 * The set of packets a rule's matches accept, one field per dimension (null: the rule does not restrict it).
 * `understood` is false when the rule has a match this model cannot reason about (`-m limit`, `--tcp-flags`,
 * a host name…); such a rule is never called shadowed and never shadows another.
 */
export interface MatchSpace {
  understood: boolean;
  /** Why the rule is not understood, e.g. `-m limit`; empty when it is (shared: do not push to it). */
  notUnderstood: readonly string[];
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

/** The address dimensions of a space, as the compact forms number them: source, destination, original destination. */
export const SOURCE = 0;
export const DESTINATION = 1;
export const ORIGINAL_DESTINATION = 2;

function address(value: string, negated: boolean): AddressSet | null {
  const cidr = parseCidr(value);
  return cidr ? { base: cidr.base, length: cidr.length, negated } : null;
}

// Shared by every understood space (most rules): one array instead of 100,000 empty ones.
const NONE: string[] = [];

function reject(space: MatchSpace, why: string): void {
  space.understood = false;
  if (space.notUnderstood === NONE) space.notUnderstood = [why];
  else space.notUnderstood = [...space.notUnderstood, why];
}

function addPorts(space: MatchSpace, key: 'sourcePorts' | 'destinationPorts', option: Option): void {
  const set = option.args.length === 1 ? parsePortSet(option.args[0]!, option.negated) : null;
  if (!set) return reject(space, `${option.flag} ${option.args.join(' ')}`);
  const current = space[key];
  space[key] = current === null ? set : intersectPorts(current, set);
}

// A dimension given twice on one rule (two -m mark, say) is rare enough to call not understood.
function setOnce<K extends 'origDestination' | 'mark' | 'ctstate'>(
  space: MatchSpace,
  key: K,
  value: MatchSpace[K],
  why: string,
): void {
  if (value === null || space[key] !== null) return reject(space, why);
  space[key] = value;
}

/**
 * Values that repeat across thousands of rules (`-o eth0`, `--mark 0x1/0x1`, `--ctstate DNAT`) are parsed once
 * and shared: every space is read-only. Bounded, so a dump of unusual variety cannot grow it without limit.
 */
class Shared<T> {
  readonly #plain = new Map<string, T>();
  readonly #negated = new Map<string, T>();

  get(text: string, negated: boolean, make: (text: string, negated: boolean) => T): T {
    const map = negated ? this.#negated : this.#plain;
    let value = map.get(text);
    if (value === undefined) {
      value = make(text, negated);
      if (map.size < 1024) map.set(text, value);
    }
    return value;
  }
}

const interfaces = new Shared<InterfaceSet>();
const marks = new Shared<MatchSpace['mark']>();
const states = new Shared<MatchSpace['ctstate']>();

/** The interface set of `-i`/`-o value` (with `!` when negated), shared with every rule that has the same match. */
export function sharedInterface(value: string, negated: boolean): InterfaceSet {
  return interfaces.get(value, negated, parseInterface);
}

/** The mark test of `-m mark --mark arg`, shared; null when `arg` is no `value[/mask]`. */
export function sharedMark(arg: string, negated: boolean): MatchSpace['mark'] {
  return marks.get(arg, negated, parseMark);
}

/** The state list of `--ctstate`/`--state arg`, shared. */
export function sharedStates(arg: string, negated: boolean): MatchSpace['ctstate'] {
  return states.get(arg, negated, parseStates);
}

function parseMark(arg: string, negated: boolean): MatchSpace['mark'] {
  const mark = parseMarkMask(arg);
  return mark === null ? null : { value: mark.value, mask: mark.mask, negated };
}

function parseStates(arg: string, negated: boolean): MatchSpace['ctstate'] {
  return { states: parseCtStates(arg), negated };
}

function addModuleOption(space: MatchSpace, module: string, option: Option): void {
  const name = option.name;
  const arg = option.args.length === 1 ? option.args[0]! : null;
  const ports = PORT_PROTOCOL_MODULES.has(module);
  if (ports && (name === 'dport' || name === 'destination-port')) addPorts(space, 'destinationPorts', option);
  else if (ports && (name === 'sport' || name === 'source-port')) addPorts(space, 'sourcePorts', option);
  else if (module === 'multiport' && (name === 'dports' || name === 'destination-ports'))
    addPorts(space, 'destinationPorts', option);
  else if (module === 'multiport' && (name === 'sports' || name === 'source-ports'))
    addPorts(space, 'sourcePorts', option);
  else if (module === 'mark' && name === 'mark' && arg !== null)
    setOnce(space, 'mark', sharedMark(arg, option.negated), `-m mark ${option.flag}`);
  else if ((module === 'conntrack' && name === 'ctstate') || (module === 'state' && name === 'state')) {
    setOnce(space, 'ctstate', arg === null ? null : sharedStates(arg, option.negated), `-m ${module} ${option.flag}`);
  } else if (module === 'conntrack' && name === 'ctorigdst' && arg !== null) {
    setOnce(space, 'origDestination', address(arg, option.negated), `-m conntrack ${option.flag} ${arg}`);
  } else if (module !== 'comment') {
    reject(space, `-m ${module} ${option.negated ? '! ' : ''}${option.flag}`);
  }
}

/** The space of a rule without matches (every packet), for callers to narrow; each call returns a new object. */
export function openSpace(): MatchSpace {
  return {
    understood: true,
    notUnderstood: NONE,
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
}

/** Builds the match space of a decoded rule (works on the parser's tree and on the report's JSON alike). */
export function matchSpace(decoded: DecodedRule): MatchSpace {
  const space = openSpace();
  if (decoded.source) {
    space.source = address(decoded.source.value, decoded.source.negated);
    if (!space.source) reject(space, `-s ${decoded.source.value}`);
  }
  if (decoded.destination) {
    space.destination = address(decoded.destination.value, decoded.destination.negated);
    if (!space.destination) reject(space, `-d ${decoded.destination.value}`);
  }
  // `-p all` (or `-p 0`) is no protocol match at all; its negation matches nothing, which no space here says.
  if (decoded.protocol && protocolNumber(decoded.protocol.value) === 0) {
    if (decoded.protocol.negated) reject(space, `! -p ${decoded.protocol.value}`);
  } else if (decoded.protocol) space.protocol = decoded.protocol;
  if (decoded.inInterface) space.inInterface = sharedInterface(decoded.inInterface.value, decoded.inInterface.negated);
  if (decoded.outInterface)
    space.outInterface = sharedInterface(decoded.outInterface.value, decoded.outInterface.negated);
  if (decoded.fragment) reject(space, decoded.fragment.negated ? '! -f' : '-f');
  for (const option of decoded.unknown) reject(space, option.flag);
  for (const match of decoded.matches) {
    const module = match.module.toLowerCase();
    for (const option of match.options) addModuleOption(space, module, option);
    // A module with no options we recognise (`-m addrtype` alone) still restricts something unknown.
    if (match.options.length === 0 && !OPTIONLESS_MODULES.has(module)) reject(space, `-m ${module}`);
  }
  return space;
}

function addressCovers(outer: AddressSet | null, inner: AddressSet | null): boolean {
  if (outer === null) return true;
  if (outer.length === 0) return !outer.negated; // 0.0.0.0/0 accepts everything, its negation nothing
  if (inner === null) return false;
  if (!outer.negated) return !inner.negated && cidrContains(outer, inner);
  return inner.negated ? cidrContains(inner, outer) : !cidrOverlaps(outer, inner);
}

// Protocols compare by number (`-p tcp` is `-p 6`). A name outside the table compares as written, and is never
// provably different from another protocol: `! -p ipencap` may or may not take `-p 4`.
function protocolCovers(outer: MatchSpace['protocol'], inner: MatchSpace['protocol']): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  const o = protocolNumber(outer.value);
  const i = protocolNumber(inner.value);
  const same = o !== null && i !== null ? o === i : outer.value === inner.value;
  if (!outer.negated) return !inner.negated && same;
  return inner.negated ? same : o !== null && i !== null && o !== i;
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
  return (outer.mask & ~inner.mask) === 0 && (inner.value & outer.mask) >>> 0 === outer.value;
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
