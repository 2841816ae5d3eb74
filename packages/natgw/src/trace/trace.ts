/**
 * The packet trace: follows the first packet of a new connection through the gateway's iptables, rule by
 * rule, without touching the gateway.
 *
 * A forwarded packet crosses, in the kernel's priority order: raw, mangle, nat PREROUTING (DNAT); the
 * routing decision; mangle, filter FORWARD; mangle, nat POSTROUTING (SNAT). A packet for the gateway's own
 * address goes to mangle, filter, nat INPUT instead. Tables the dump does not hold are taken as empty,
 * and the result says so.
 */
import { TraceRequest, type TraceResult, type TraceStep } from '@natscope/api';
import { escapeNonUtf8, hasNonUtf8 } from '@natscope/iptables';
import { intToIp, ipToInt } from '../packet-sets/ipv4.js';
import { tupleOf } from './trace-packet.js';
import { gatewayAddresses, inferRoute, type RouteDecision } from './trace-route.js';
import type { Hook, PacketState, TraceDump, TraceLog, TraceTable } from './trace-types.js';
import { verdictSentence } from './trace-verdict.js';
import { walkHook, type HookOutcome } from './trace-walk.js';

const FIRST_PACKET =
  'The packet is the first of a new connection (conntrack state NEW). The nat table sees only this packet: the rest of the connection is translated the same way without visiting the nat chains again.';

const PREROUTING_TABLES = ['raw', 'mangle', 'nat'] as const;
const FORWARD_PATH: [string, Hook][] = [
  ['mangle', 'FORWARD'],
  ['filter', 'FORWARD'],
  ['mangle', 'POSTROUTING'],
  ['nat', 'POSTROUTING'],
];
const INPUT_PATH: [string, Hook][] = [
  ['mangle', 'INPUT'],
  ['filter', 'INPUT'],
  ['nat', 'INPUT'],
];

/** Traces `request` (the first packet of a connection) through `dump` (a parsed dump or an inspect report). */
export function trace(dump: TraceDump, request: TraceRequest): TraceResult {
  const packet = TraceRequest.parse(request);
  const log: TraceLog = { steps: [], nat: [], phrases: [], assumptions: new Set([FIRST_PACKET]) };
  const tables = tablesByName(dump, log);
  const pkt = initialPacket(packet);

  const run = (name: string, hook: Hook): HookOutcome | null => {
    const table = tables.get(name);
    if (table === undefined) return null;
    if (name === 'nat' && !pkt.ct.tracked) {
      log.steps.push(routingStep('nat', hook, 'the connection is untracked: the nat table is not consulted'));
      return null;
    }
    return walkHook(table, hook, pkt, log);
  };
  const dropped = (outcome: HookOutcome | null): boolean => outcome !== null && outcome.verdict !== 'ACCEPT';
  const finish = (
    fate: TraceResult['fate'],
    outInterface: string,
    inferred: boolean,
    droppedBy?: string,
  ): TraceResult => {
    const verdict = verdictSentence(log, { fate, outInterface, tracked: pkt.ct.tracked, droppedBy });
    return {
      packet,
      steps: log.steps.map(readable),
      nat: log.nat.map((n) => (hasNonUtf8(n.chain) ? { ...n, chain: escapeNonUtf8(n.chain) } : n)),
      final: { ...tupleOf(pkt), outInterface },
      outInterfaceInferred: inferred,
      assumptions: [...log.assumptions].map(escapeNonUtf8),
      verdict: escapeNonUtf8(verdict),
      fate,
    };
  };

  let local = false;
  for (const name of PREROUTING_TABLES) {
    const outcome = run(name, 'PREROUTING');
    if (dropped(outcome))
      return finish('dropped', packet.outInterface ?? 'none', false, droppedBy(name, 'PREROUTING', outcome!));
    if (outcome?.local) local = true;
  }
  if (pkt.ct.dnat) {
    log.assumptions.add(
      `After the DNAT, conntrack holds the connection as NEW,DNAT with original destination ${intToIp(pkt.ct.origDst)}: --ctstate DNAT and --ctorigdst ${intToIp(pkt.ct.origDst)} match from here on (this is how hairpin rules see it).`,
    );
  }

  const route = routeOf(dump, pkt, packet.outInterface, local);
  log.steps.push(routingStep('routing', 'decision', route.reason));
  pkt.outInterface = route.outInterface;
  const inferred = packet.outInterface === undefined;
  for (const [name, hook] of route.local ? INPUT_PATH : FORWARD_PATH) {
    const outcome = run(name, hook);
    if (dropped(outcome)) return finish('dropped', route.outInterface, inferred, droppedBy(name, hook, outcome!));
  }
  return finish(route.local ? 'local' : 'forwarded', route.outInterface, inferred);
}

/** The first table of each name; a second one (two saves pasted together) is noted and left out. */
function tablesByName(dump: TraceDump, log: TraceLog): Map<string, TraceTable> {
  const tables = new Map<string, TraceTable>();
  for (const table of dump.tables) {
    if (tables.has(table.name))
      log.assumptions.add(`The dump holds the ${table.name} table twice; the trace uses the first.`);
    else tables.set(table.name, table);
  }
  const absent = ['nat', 'mangle', 'filter'].filter((name) => !tables.has(name));
  if (absent.length > 0) {
    log.assumptions.add(
      `The dump has no ${absent.join(' or ')} table; ${absent.length === 1 ? 'it was' : 'they were'} taken as empty (every packet accepted, nothing changed).`,
    );
  }
  return tables;
}

function initialPacket(packet: TraceRequest): PacketState {
  const src = ipToInt(packet.src)!; // TraceRequest has checked both are IPv4 addresses
  const dst = ipToInt(packet.dst)!;
  const ports = packet.protocol !== 'icmp';
  const sport = ports ? (packet.sport ?? null) : null;
  const dport = ports ? (packet.dport ?? null) : null;
  const mark = packet.mark === undefined ? 0 : Number(packet.mark) >>> 0;
  return {
    protocol: packet.protocol,
    src,
    dst,
    srcLabel: null,
    dstLabel: null,
    sport,
    dport,
    inInterface: packet.inInterface,
    outInterface: null,
    mark,
    ct: {
      tracked: true,
      dnat: false,
      snat: false,
      origSrc: src,
      origDst: dst,
      origSport: sport,
      origDport: dport,
      mark: 0,
    },
  };
}

function routeOf(dump: TraceDump, pkt: PacketState, given: string | undefined, redirected: boolean): RouteDecision {
  if (redirected)
    return {
      local: true,
      outInterface: 'lo',
      reason: 'REDIRECT addressed the packet to the gateway itself: delivered locally',
    };
  if (given !== undefined)
    return { local: given === 'lo', outInterface: given, reason: `leaves by ${given}, as the request says` };
  return inferRoute(pkt, gatewayAddresses(dump));
}

/**
 * A step as the report names things: a chain whose bytes are not UTF-8 escaped (`OPS_\xe9`) in its name and its
 * sentence, so a trace of a parsed dump lands on the rows of the report's graph (whose names are escaped the same way).
 */
function readable(step: TraceStep): TraceStep {
  if (!hasNonUtf8(step.chain) && !hasNonUtf8(step.reason)) return step;
  return { ...step, chain: escapeNonUtf8(step.chain), reason: escapeNonUtf8(step.reason) };
}

function routingStep(table: string, chain: string, reason: string): TraceStep {
  return { table, chain, index: null, line: null, result: 'continue', reason };
}

function droppedBy(table: string, hook: Hook, outcome: HookOutcome): string {
  const how = outcome.verdict === 'REJECT' ? 'REJECT' : 'DROP';
  return outcome.rule === null
    ? `the ${how} policy of ${table} ${hook}`
    : `${table} ${outcome.rule.chain} rule ${outcome.rule.index}`;
}
