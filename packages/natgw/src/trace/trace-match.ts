/**
 * Whether one rule's matches hold for the traced packet, with a reason per match.
 *
 * Each rule is compiled once into a list of small matchers (cached per rule object, so a server that
 * keeps its report traces many packets without compiling again). A matcher answers yes, no or unknown:
 * unknown is a match the simulator cannot decide offline (an ipset, a rate limit, a random draw, an
 * option it does not know). It never guesses silently: the caller records what it assumed.
 */
import type { DecodedRule } from '@natscope/api';
import { CT_STATES, OPTIONLESS_MODULES, parseCtStates, parseMarkMask, protocolNumber } from '@natscope/iptables';
import { interfaceCovers, parseInterface } from '../packet-sets/interface-set.js';
import { cidrHas, intToIp, ipToInt, parseCidr } from '../packet-sets/ipv4.js';
import { parsePortSet, portsContain, type PortSet } from '../packet-sets/port-set.js';
import { dstText, hex, srcText } from './trace-packet.js';
import type { Hook, PacketState, TraceRule } from './trace-types.js';

/** The answer of one match. `assumption` is what the answer rests on, when it rests on something. */
export interface MatchOutcome {
  status: 'yes' | 'no' | 'unknown';
  reason: string;
  assumption?: string;
}

/** What a rule's matches say about the packet, all matches taken together. */
export interface RuleOutcome {
  /** matched: every match holds; skipped: at least one does not; undecidable: none fails but some cannot be decided. */
  status: 'matched' | 'skipped' | 'undecidable';
  /** The reasons that decided it: the failing matches for a skipped rule, every match otherwise. */
  reason: string;
  /** The matches that could not be decided (for an undecidable rule). */
  undecided: string[];
  assumptions: string[];
}

type Matcher = (pkt: PacketState, hook: Hook) => MatchOutcome;
type Option = DecodedRule['matches'][number]['options'][number];

const compiled = new WeakMap<TraceRule, Matcher[]>();

/** Evaluates every match of `rule` against the packet as it stands at `hook`. */
export function evaluateRule(rule: TraceRule, pkt: PacketState, hook: Hook): RuleOutcome {
  let matchers = compiled.get(rule);
  if (matchers === undefined) {
    matchers = compileMatches(rule.decoded);
    compiled.set(rule, matchers);
  }
  if (matchers.length === 0)
    return { status: 'matched', reason: 'no conditions: matches every packet', undecided: [], assumptions: [] };
  let failed: string | null = null;
  const reasons: string[] = [];
  const undecided: string[] = [];
  const assumptions: string[] = [];
  for (const matcher of matchers) {
    const outcome = matcher(pkt, hook);
    if (outcome.status === 'no') {
      failed = failed === null ? outcome.reason : `${failed}; ${outcome.reason}`;
    } else {
      reasons.push(outcome.reason);
      if (outcome.status === 'unknown') undecided.push(outcome.reason);
    }
    if (outcome.assumption !== undefined) assumptions.push(outcome.assumption);
  }
  if (failed !== null) return { status: 'skipped', reason: failed, undecided: [], assumptions: [] };
  return {
    status: undecided.length > 0 ? 'undecidable' : 'matched',
    reason: reasons.join('; '),
    undecided,
    assumptions,
  };
}

/** Compiles a decoded rule into its matchers, in the kernel's order: the IP header first, then each `-m` module. */
function compileMatches(decoded: DecodedRule): Matcher[] {
  const out: Matcher[] = [];
  if (decoded.source) out.push(addressMatcher('-s', decoded.source.value, decoded.source.negated, 'source'));
  if (decoded.destination)
    out.push(addressMatcher('-d', decoded.destination.value, decoded.destination.negated, 'destination'));
  if (decoded.inInterface) out.push(interfaceMatcher('-i', decoded.inInterface.value, decoded.inInterface.negated));
  if (decoded.outInterface) out.push(interfaceMatcher('-o', decoded.outInterface.value, decoded.outInterface.negated));
  if (decoded.protocol) out.push(protocolMatcher(decoded.protocol.value, decoded.protocol.negated));
  if (decoded.fragment) {
    const negated = decoded.fragment.negated;
    // The traced packet opens a connection, so it is a whole packet or a first fragment, never a later one.
    out.push(() => ({
      status: negated ? 'yes' : 'no',
      reason: `${negated ? '! -f' : '-f'}: the first packet is not a later fragment`,
    }));
  }
  for (const match of decoded.matches) {
    if (match.module === 'comment') continue; // a comment never decides anything
    for (const option of match.options) out.push(moduleOptionMatcher(match.module, option));
    if (match.options.length === 0 && !OPTIONLESS_MODULES.has(match.module))
      out.push(unknownMatcher(`-m ${match.module}`));
  }
  for (const option of decoded.unknown) out.push(unknownMatcher(optionText(option)));
  return out;
}

/** `! --dport 22` as it was written. */
function optionText(option: Option): string {
  const words = [option.flag, ...option.args].join(' ');
  return option.negated ? `! ${words}` : words;
}

function unknownMatcher(text: string, why = 'cannot be evaluated offline'): Matcher {
  const reason = `${text} ${why}`;
  return () => ({ status: 'unknown', reason });
}

/** yes/no from a test and its negation, with the reason for whichever it was. */
function decide(hit: boolean, negated: boolean, yes: string, no: string): MatchOutcome {
  return hit !== negated ? { status: 'yes', reason: hit ? yes : no } : { status: 'no', reason: hit ? yes : no };
}

// ---- the IP header ----------------------------------------------------------------------------------------

function addressMatcher(flag: string, value: string, negated: boolean, which: 'source' | 'destination'): Matcher {
  const text = `${negated ? '! ' : ''}${flag} ${value}`;
  const cidr = parseCidr(value);
  if (cidr === null) return unknownMatcher(text, 'is not an address the simulator can read');
  return (pkt) => {
    const address = which === 'source' ? pkt.src : pkt.dst;
    if (address === null) {
      const shown = which === 'source' ? srcText(pkt) : dstText(pkt);
      return { status: 'unknown', reason: `${text}: the ${which} is ${shown}, which the dump does not give` };
    }
    const hit = cidrHas(cidr, address);
    const ip = intToIp(address);
    return decide(hit, negated, `${text} contains ${ip}`, `${text} does not contain ${ip}`);
  };
}

function interfaceMatcher(flag: '-i' | '-o', pattern: string, negated: boolean): Matcher {
  const text = `${negated ? '! ' : ''}${flag} ${pattern}`;
  const set = parseInterface(pattern, false);
  return (pkt, hook) => {
    // The kernel compares against an empty name where the hook has no such device (no -o before routing).
    const name =
      flag === '-i'
        ? hook === 'POSTROUTING'
          ? ''
          : pkt.inInterface
        : hook === 'PREROUTING' || hook === 'INPUT'
          ? ''
          : (pkt.outInterface ?? '');
    const shown = name === '' ? (flag === '-i' ? `no in-interface at ${hook}` : `no out-interface at ${hook}`) : name;
    return decide(
      interfaceCovers(set, { name, wildcard: false, negated: false }),
      negated,
      `${text} matches ${shown}`,
      `${text} does not match ${shown}`,
    );
  };
}

function protocolMatcher(value: string, negated: boolean): Matcher {
  const text = `${negated ? '! ' : ''}-p ${value}`;
  const number = protocolNumber(value);
  if (number === 0) return () => decide(true, negated, `${text} takes every protocol`, `${text} takes every protocol`);
  const lower = value.toLowerCase();
  return (pkt) => {
    const hit = number === null ? lower === pkt.protocol : number === protocolNumber(pkt.protocol);
    return decide(hit, negated, `${text} is ${pkt.protocol}`, `${text} is not ${pkt.protocol}`);
  };
}

// ---- modules ----------------------------------------------------------------------------------------------

function moduleOptionMatcher(module: string, option: Option): Matcher {
  switch (module) {
    case 'tcp':
    case 'udp':
      return tcpUdpMatcher(module, option);
    case 'icmp':
      return icmpMatcher(option);
    case 'multiport':
      return multiportMatcher(option);
    case 'mark':
    case 'connmark':
      return markMatcher(module, option);
    case 'conntrack':
    case 'state':
      return conntrackMatcher(option);
    case 'iprange':
      return iprangeMatcher(option);
    default:
      return unknownMatcher(`-m ${module} ${optionText(option)}`);
  }
}

function inPorts(set: PortSet, port: number): boolean {
  return portsContain(set, [[port, port]]);
}

function portMatcher(text: string, which: 'sport' | 'dport', ranges: PortSet | null, negated: boolean): Matcher {
  if (ranges === null) return unknownMatcher(text, 'names ports the simulator cannot read');
  return (pkt) => {
    const port = which === 'sport' ? pkt.sport : pkt.dport;
    if (pkt.protocol === 'icmp') return { status: 'no', reason: `${text}: an icmp packet has no ports` };
    if (port === null) {
      const name = which === 'sport' ? 'source' : 'destination';
      return {
        status: 'unknown',
        reason: `${text}: the packet's ${name} port was not given`,
        assumption: `The ${name} port was not given, so port matches (${text}) could not be decided.`,
      };
    }
    const hit = inPorts(ranges, port);
    return decide(hit, negated, `${text} takes ${port}`, `${text} does not take ${port}`);
  };
}

const FIN = 1;
const SYN = 2;
const RST = 4;
const ACK = 16;
const TCP_FLAGS: ReadonlyMap<string, number> = new Map(
  Object.entries({ FIN, SYN, RST, PSH: 8, ACK, URG: 32, ECE: 64, CWR: 128, ALL: 255, NONE: 0 }),
);
const FIRST_SEGMENT = 'The first packet of a TCP connection is a SYN (flags SYN only).';

function tcpFlags(list: string): number | null {
  let value = 0;
  for (const name of list.split(',')) {
    const bit = TCP_FLAGS.get(name.toUpperCase());
    if (bit === undefined) return null;
    value |= bit;
  }
  return value;
}

function tcpUdpMatcher(module: 'tcp' | 'udp', option: Option): Matcher {
  const text = optionText(option);
  const wrongProtocol = (pkt: PacketState): MatchOutcome | null =>
    pkt.protocol === module
      ? null
      : { status: 'no', reason: `${text}: -m ${module} does not see ${pkt.protocol} packets` };
  const wrap =
    (inner: Matcher): Matcher =>
    (pkt, hook) =>
      wrongProtocol(pkt) ?? inner(pkt, hook);
  switch (option.name) {
    case 'sport':
    case 'source-port':
    case 'dport':
    case 'destination-port': {
      const which = option.name === 'sport' || option.name === 'source-port' ? 'sport' : 'dport';
      return wrap(portMatcher(text, which, parsePortSet(option.args[0] ?? ''), option.negated));
    }
    case 'syn':
    case 'tcp-flags': {
      const mask = option.name === 'syn' ? FIN | SYN | RST | ACK : tcpFlags(option.args[0] ?? '');
      const comp = option.name === 'syn' ? SYN : tcpFlags(option.args[1] ?? '');
      if (mask === null || comp === null) return unknownMatcher(text, 'names TCP flags the simulator cannot read');
      return wrap(() => {
        const hit = (SYN & mask) === comp;
        return {
          ...decide(hit, option.negated, `${text} holds for a SYN`, `${text} does not hold for a SYN`),
          assumption: FIRST_SEGMENT,
        };
      });
    }
    default:
      return unknownMatcher(`-m ${module} ${text}`);
  }
}

const ICMP_TYPES: ReadonlyMap<string, string> = new Map(
  Object.entries({ 'echo-request': '8', 'echo-reply': '0', 'destination-unreachable': '3', 'time-exceeded': '11' }),
);
const FIRST_ICMP = 'The first ICMP packet of a connection is an echo-request (type 8, code 0).';

function icmpMatcher(option: Option): Matcher {
  const text = optionText(option);
  if (option.name !== 'icmp-type') return unknownMatcher(`-m icmp ${text}`);
  const raw = option.args[0] ?? '';
  if (raw === 'any')
    return (pkt) =>
      decide(pkt.protocol === 'icmp', option.negated, `${text} takes every icmp packet`, `${text}: not an icmp packet`);
  const spec = ICMP_TYPES.get(raw) ?? raw;
  const m = /^(\d+)(?:\/(\d+))?$/.exec(spec);
  if (m === null) return unknownMatcher(text, 'names an ICMP type the simulator does not know');
  const hit = m[1] === '8' && (m[2] === undefined || m[2] === '0');
  return (pkt) => {
    if (pkt.protocol !== 'icmp') return { status: 'no', reason: `${text}: not an icmp packet` };
    return {
      ...decide(hit, option.negated, `${text} takes an echo-request`, `${text} does not take an echo-request`),
      assumption: FIRST_ICMP,
    };
  };
}

function multiportMatcher(option: Option): Matcher {
  const text = optionText(option);
  const ranges = parsePortSet(option.args[0] ?? '');
  switch (option.name) {
    case 'sports':
    case 'source-ports':
      return portMatcher(text, 'sport', ranges, option.negated);
    case 'dports':
    case 'destination-ports':
      return portMatcher(text, 'dport', ranges, option.negated);
    case 'ports': {
      const sport = portMatcher(text, 'sport', ranges, false);
      const dport = portMatcher(text, 'dport', ranges, false);
      // --ports takes a packet when either its source or its destination port is in the list.
      return (pkt, hook) => {
        const a = sport(pkt, hook);
        const b = dport(pkt, hook);
        if (a.status === 'yes' || b.status === 'yes')
          return decide(true, option.negated, a.status === 'yes' ? a.reason : b.reason, '');
        if (a.status === 'unknown' || b.status === 'unknown') return a.status === 'unknown' ? a : b;
        return decide(false, option.negated, '', `${text} takes neither port`);
      };
    }
    default:
      return unknownMatcher(`-m multiport ${text}`);
  }
}

function markMatcher(module: 'mark' | 'connmark', option: Option): Matcher {
  const text = optionText(option);
  if (option.name !== 'mark') return unknownMatcher(`-m ${module} ${text}`);
  const spec = parseMarkMask(option.args[0] ?? '');
  if (spec === null) return unknownMatcher(text, 'is not a mark the simulator can read');
  const what = module === 'mark' ? 'packet mark' : 'connection mark';
  return (pkt) => {
    const mark = module === 'mark' ? pkt.mark : pkt.ct.mark;
    const hit = (mark & spec.mask) >>> 0 === spec.value;
    return decide(
      hit,
      option.negated,
      `${text} matches ${what} ${hex(mark)}`,
      `${text} does not match ${what} ${hex(mark)}`,
    );
  };
}

/** The conntrack states the first packet is in at this point of its walk. */
function currentStates(pkt: PacketState): string[] {
  if (!pkt.ct.tracked) return ['UNTRACKED'];
  const states = ['NEW'];
  if (pkt.ct.dnat) states.push('DNAT');
  if (pkt.ct.snat) states.push('SNAT');
  return states;
}

function conntrackMatcher(option: Option): Matcher {
  const text = optionText(option);
  const arg = option.args[0] ?? '';
  switch (option.name) {
    case 'state':
    case 'ctstate': {
      const wanted = parseCtStates(arg);
      if (!wanted.every((s) => CT_STATES.has(s)))
        return unknownMatcher(text, 'names a state the simulator does not know');
      return (pkt) => {
        const states = currentStates(pkt);
        const hit = wanted.some((s) => states.includes(s));
        return decide(
          hit,
          option.negated,
          `${text} matches state ${states.join(',')}`,
          `${text} does not match state ${states.join(',')}`,
        );
      };
    }
    case 'ctorigsrc':
    case 'ctorigdst':
    case 'ctreplsrc':
    case 'ctrepldst':
    case 'ctorigsrcport':
    case 'ctorigdstport':
    case 'ctreplsrcport':
    case 'ctrepldstport': {
      const isPort = option.name.endsWith('port');
      const cidr = isPort ? null : parseCidr(arg);
      const ports = isPort ? parsePortSet(arg) : null;
      if (cidr === null && ports === null)
        return unknownMatcher(text, `is not ${isPort ? 'a port' : 'an address'} the simulator can read`);
      const { label, read } = CT_FIELDS.get(option.name)!;
      return tracked(text, (pkt) => {
        const value = read(pkt);
        if (value === null) return { status: 'unknown', reason: `${text}: the ${label} is not known` };
        const hit = cidr !== null ? cidrHas(cidr, value) : inPorts(ports!, value);
        const shown = isPort ? String(value) : intToIp(value);
        return decide(
          hit,
          option.negated,
          `${text} matches the ${label} ${shown}`,
          `${text} does not match the ${label} ${shown}`,
        );
      });
    }
    case 'ctproto': {
      const number = protocolNumber(arg);
      return tracked(text, (pkt) => {
        const hit = number === null ? arg.toLowerCase() === pkt.protocol : number === protocolNumber(pkt.protocol);
        return decide(hit, option.negated, `${text} is ${pkt.protocol}`, `${text} is not ${pkt.protocol}`);
      });
    }
    case 'ctstatus':
      // EXPECTED, SEEN_REPLY, ASSURED and CONFIRMED are all still clear on a connection's first packet.
      return tracked(text, () =>
        decide(false, option.negated, '', `${text}: no status bit is set on the first packet`),
      );
    case 'ctdir':
      return tracked(text, () =>
        decide(
          arg.toUpperCase() === 'ORIGINAL',
          option.negated,
          `${text}: the first packet goes in the original direction`,
          `${text}: the first packet goes in the original direction`,
        ),
      );
    default:
      return unknownMatcher(`-m conntrack ${text}`);
  }
}

/** Conntrack options other than the state do not match an untracked packet, negated or not (as the kernel). */
function tracked(text: string, inner: Matcher): Matcher {
  return (pkt, hook) =>
    pkt.ct.tracked ? inner(pkt, hook) : { status: 'no', reason: `${text}: the packet is untracked` };
}

/**
 * The conntrack tuple fields `--ctorig*`/`--ctrepl*` read. The reply tuple mirrors the packet as it stands:
 * its source is the (DNATed) destination, its destination the (SNATed) source.
 */
const CT_FIELDS: ReadonlyMap<string, { label: string; read: (pkt: PacketState) => number | null }> = new Map([
  ['ctorigsrc', { label: 'original source', read: (pkt) => pkt.ct.origSrc }],
  ['ctorigdst', { label: 'original destination', read: (pkt) => pkt.ct.origDst }],
  ['ctreplsrc', { label: 'reply source', read: (pkt) => pkt.dst }],
  ['ctrepldst', { label: 'reply destination', read: (pkt) => pkt.src }],
  ['ctorigsrcport', { label: 'original source port', read: (pkt) => pkt.ct.origSport }],
  ['ctorigdstport', { label: 'original destination port', read: (pkt) => pkt.ct.origDport }],
  ['ctreplsrcport', { label: 'reply source port', read: (pkt) => pkt.dport }],
  ['ctrepldstport', { label: 'reply destination port', read: (pkt) => pkt.sport }],
]);

function iprangeMatcher(option: Option): Matcher {
  const text = optionText(option);
  const which = option.name === 'src-range' ? 'source' : option.name === 'dst-range' ? 'destination' : null;
  const [a, b] = (option.args[0] ?? '').split('-');
  const lo = ipToInt(a ?? '');
  const hi = b === undefined ? lo : ipToInt(b);
  if (which === null || lo === null || hi === null) return unknownMatcher(`-m iprange ${text}`);
  return (pkt) => {
    const address = which === 'source' ? pkt.src : pkt.dst;
    if (address === null) return { status: 'unknown', reason: `${text}: the ${which} is not known` };
    const ip = intToIp(address);
    return decide(
      address >= lo && address <= hi,
      option.negated,
      `${text} contains ${ip}`,
      `${text} does not contain ${ip}`,
    );
  };
}
