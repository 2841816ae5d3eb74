/**
 * What a NAT target does to the first packet of a connection: DNAT, SNAT, MASQUERADE, REDIRECT, NETMAP.
 *
 * Port choice follows the kernel's nf_nat_core: a destination port changes only when the rule names one;
 * a source port stays unless the rule names a range it is not in, or asks for --random/--random-fully,
 * in which case the kernel draws it at random (the trace then says the port is unknown). An address
 * range yields one address per connection; the trace continues with the first and says so.
 */
import type { DecodedRule } from '@natscope/api';
import { intToIp, ipToInt, parseCidr, prefixMask } from '../packet-sets/ipv4.js';
import { endpointText, tupleOf } from './trace-packet.js';
import type { Hook, NatRecord, PacketState } from './trace-types.js';

type Target = NonNullable<DecodedRule['target']>;

/** The rewrite, as the trace reports it; the packet passed in has already been changed. */
export interface NatOutcome {
  /** What was done, for the step's reason: 'DNAT 192.168.100.12:22 → 10.0.1.10:22'. */
  reason: string;
  record: Omit<NatRecord, 'table' | 'chain' | 'index' | 'line'>;
  assumptions: string[];
  /** True when the packet is now addressed to the gateway itself (REDIRECT). */
  local: boolean;
  /** Which end of the connection changed. */
  direction: 'destination' | 'source';
  /** The rewrite in a few words for the verdict: 'DNAT to 10.0.1.10:22', 'SNAT to 192.168.100.10'. */
  phrase: string;
}

interface Range {
  addrLo: number | null;
  addrHi: number | null;
  portLo: number | null;
  portHi: number | null;
}

/** `a.b.c.d[-e.f.g.h][:p[-q]]` as in --to-destination / --to-source; null if it is not that. */
export function parseNatRange(text: string): Range | null {
  const colon = text.indexOf(':');
  const addr = colon === -1 ? text : text.slice(0, colon);
  const ports = colon === -1 ? null : text.slice(colon + 1);
  let addrLo: number | null = null;
  let addrHi: number | null = null;
  if (addr !== '') {
    const [a, b] = addr.split('-');
    addrLo = ipToInt(a ?? '');
    addrHi = b === undefined ? addrLo : ipToInt(b);
    if (addrLo === null || addrHi === null) return null;
  }
  const portRange = ports === null ? [null, null] : parsePorts(ports);
  if (portRange === null) return null;
  return { addrLo, addrHi, portLo: portRange[0], portHi: portRange[1] };
}

/** `p` or `p-q` (also `p:q`, which --to-ports accepts). */
function parsePorts(text: string): [number, number] | null {
  const m = /^(\d{1,5})(?:[-:](\d{1,5}))?$/.exec(text);
  if (m === null) return null;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return lo <= 65535 && hi <= 65535 && lo <= hi ? [lo, hi] : null;
}

function optionArg(target: Target, name: string): string | undefined {
  return target.options.find((o) => o.name === name)?.args[0];
}

function hasOption(target: Target, name: string): boolean {
  return target.options.some((o) => o.name === name);
}

/** The kernel's default source-port window when SNAT must pick a port and the rule names none. */
function defaultPortWindow(port: number): string {
  if (port < 512) return '1-511';
  if (port < 1024) return '600-1023';
  return '1024-65535';
}

interface PortChoice {
  port: number | null;
  note: string | null;
  assumption: string | null;
}

function choosePort(
  current: number | null,
  lo: number | null,
  hi: number | null,
  random: boolean,
  manip: 'source' | 'destination',
  kind: string,
): PortChoice {
  if (current === null) return { port: null, note: null, assumption: null };
  if (lo === null || hi === null) {
    // A destination port never changes without a range; a source port changes only when --random asks.
    if (manip === 'destination' || !random) return { port: current, note: null, assumption: null };
    return {
      port: null,
      note: `source port drawn at random from ${defaultPortWindow(current)}`,
      assumption: `${kind} with --random/--random-fully gives the connection a random source port, so the trace cannot know it.`,
    };
  }
  if (lo === hi) return { port: lo, note: null, assumption: null };
  if (random) {
    return {
      port: null,
      note: `${manip} port drawn at random from ${lo}-${hi}`,
      assumption: `${kind} with --random/--random-fully draws the ${manip} port at random from ${lo}-${hi}.`,
    };
  }
  if (current >= lo && current <= hi) return { port: current, note: null, assumption: null };
  return {
    port: lo,
    note: `${manip} port is one of ${lo}-${hi}`,
    assumption: `${kind} picks a ${manip} port from ${lo}-${hi}; the trace continues with ${lo}.`,
  };
}

function chooseAddress(range: Range, kind: string): { address: number | null; assumption: string | null } {
  if (range.addrLo === null || range.addrHi === null) return { address: null, assumption: null };
  if (range.addrLo === range.addrHi) return { address: range.addrLo, assumption: null };
  const lo = intToIp(range.addrLo);
  return {
    address: range.addrLo,
    assumption: `${kind} picks one address of ${lo}-${intToIp(range.addrHi)} per connection; the trace continues with ${lo}.`,
  };
}

/** DNAT/SNAT: moves the destination (source) into the rule's `--to-destination` (`--to-source`) range. Returns an error text or null. */
function rewriteToRange(
  target: Target,
  pkt: PacketState,
  which: 'destination' | 'source',
  random: boolean,
  assumptions: string[],
  note: (choice: PortChoice) => void,
): string | null {
  const kind = target.name;
  const optionName = which === 'destination' ? 'to-destination' : 'to-source';
  const specs = target.options.filter((o) => o.name === optionName);
  const spec = specs[0]?.args[0];
  const range = spec === undefined ? null : parseNatRange(spec);
  if (range === null) return `${kind} --${optionName} ${spec ?? '(missing)'} cannot be read`;
  if (specs.length > 1) assumptions.push(`${kind} names several --${optionName} ranges; the trace uses the first.`);
  const { address, assumption } = chooseAddress(range, kind);
  if (assumption) assumptions.push(assumption);
  const choice = choosePort(
    which === 'destination' ? pkt.dport : pkt.sport,
    range.portLo,
    range.portHi,
    random,
    which,
    kind,
  );
  note(choice);
  const port = pkt.protocol === 'icmp' ? null : choice.port;
  if (which === 'destination') {
    if (address !== null) pkt.dst = address;
    pkt.dport = port;
  } else {
    if (address !== null) pkt.src = address;
    pkt.sport = port;
  }
  return null;
}

/**
 * Applies a NAT target to the packet (changing it and its conntrack entry) and tells what it did.
 * Returns `{ error }` when the rule cannot be applied as written (an unreadable range).
 */
export function applyNat(target: Target, pkt: PacketState, hook: Hook): NatOutcome | { error: string } {
  const kind = target.name;
  const before = tupleOf(pkt);
  const random = hasOption(target, 'random') || hasOption(target, 'random-fully');
  const assumptions: string[] = [];
  const notes: string[] = [];
  let local = false;
  const note = (choice: PortChoice): void => {
    if (choice.note) notes.push(choice.note);
    if (choice.assumption) assumptions.push(choice.assumption);
  };

  switch (kind) {
    case 'DNAT':
    case 'SNAT': {
      const error = rewriteToRange(target, pkt, kind === 'DNAT' ? 'destination' : 'source', random, assumptions, note);
      if (error !== null) return { error };
      break;
    }
    case 'MASQUERADE': {
      const out = pkt.outInterface ?? 'the out-interface';
      const ports = optionArg(target, 'to-ports');
      const range = ports === undefined ? [null, null] : parsePorts(ports);
      if (range === null) return { error: `MASQUERADE --to-ports ${ports} cannot be read` };
      pkt.src = null;
      pkt.srcLabel = `the address of ${out}`;
      assumptions.push(`MASQUERADE takes the primary address of ${out}, which an iptables dump does not show.`);
      const choice = choosePort(pkt.sport, range[0], range[1], random, 'source', 'MASQUERADE');
      note(choice);
      pkt.sport = pkt.protocol === 'icmp' ? null : choice.port;
      break;
    }
    case 'REDIRECT': {
      const ports = optionArg(target, 'to-ports');
      const range = ports === undefined ? [null, null] : parsePorts(ports);
      if (range === null) return { error: `REDIRECT --to-ports ${ports} cannot be read` };
      pkt.dst = null;
      pkt.dstLabel = `the address of ${pkt.inInterface}`;
      assumptions.push(
        `REDIRECT sends the packet to the primary address of ${pkt.inInterface}, which an iptables dump does not show.`,
      );
      const choice = choosePort(pkt.dport, range[0], range[1], random, 'destination', 'REDIRECT');
      note(choice);
      pkt.dport = pkt.protocol === 'icmp' ? null : choice.port;
      local = true;
      break;
    }
    case 'NETMAP': {
      const to = parseCidr(optionArg(target, 'to') ?? '');
      if (to === null) return { error: `NETMAP --to ${optionArg(target, 'to') ?? '(missing)'} cannot be read` };
      const mask = prefixMask(to.length);
      // Keep the host bits, replace the network bits: the destination before routing, the source after.
      const map = (ip: number | null): number | null => (ip === null ? null : ((ip & ~mask) | to.base) >>> 0);
      if (hook === 'PREROUTING') pkt.dst = map(pkt.dst);
      else pkt.src = map(pkt.src);
      break;
    }
    default:
      return { error: `${kind} is not a NAT target` };
  }

  const after = tupleOf(pkt);
  const changed =
    before.src !== after.src ||
    before.dst !== after.dst ||
    before.sport !== after.sport ||
    before.dport !== after.dport;
  const isDestination = kind === 'DNAT' || kind === 'REDIRECT' || (kind === 'NETMAP' && hook === 'PREROUTING');
  // The kernel flags the connection as DNATed (SNATed) only when the tuple really changed.
  if (changed && isDestination) pkt.ct.dnat = true;
  if (changed && !isDestination) pkt.ct.snat = true;
  const from = isDestination ? endpointText(before.dst, before.dport) : endpointText(before.src, before.sport);
  const to = isDestination ? endpointText(after.dst, after.dport) : endpointText(after.src, after.sport);
  let reason = `${kind} ${isDestination ? 'destination' : 'source'} ${from} → ${to}`;
  if (!changed) reason += ' (unchanged)';
  if (notes.length > 0) reason += ` (${notes.join('; ')})`;
  // The verdict names a port only when the rule chose one (a FIP keeps the port, so 'DNAT to 10.0.1.5').
  const namedPort = target.options.some(
    (o) =>
      o.name === 'to-ports' ||
      ((o.name === 'to-destination' || o.name === 'to-source') && (o.args[0] ?? '').includes(':')),
  );
  const address = isDestination ? after.dst : after.src;
  const port = isDestination ? after.dport : after.sport;
  const phrase =
    kind === 'REDIRECT'
      ? `REDIRECT to the gateway${port === null ? '' : ` port ${port}`}`
      : `${kind} to ${namedPort ? endpointText(address, port) : address}`;
  return {
    reason,
    record: { kind, before, after },
    assumptions,
    local,
    direction: isDestination ? 'destination' : 'source',
    phrase,
  };
}
