/**
 * The data the packet trace works on.
 *
 * The simulator reads only what a parsed dump and an inspect report have in common (tables → chains →
 * rules with their decoded matches), so the CLI can trace a freshly parsed file and the server can trace
 * the report it already holds, without parsing again.
 */
import type { DecodedRule, TraceStep, Tuple } from '@natscope/api';

/** One rule as the simulator needs it: where it is and what it matches (a parsed `Rule` or a `ReportRule`). */
export interface TraceRule {
  index: number;
  line: number;
  text: string;
  decoded: DecodedRule;
}

/** One chain: built-in chains have a policy, user chains have null. */
export interface TraceChain {
  name: string;
  policy: string | null;
  rules: readonly TraceRule[];
}

/** One table of the dump. */
export interface TraceTable {
  name: string;
  chains: readonly TraceChain[];
}

/** What `trace` reads: a parsed `Dump` or an `InspectReport` both fit. */
export interface TraceDump {
  tables: readonly TraceTable[];
}

/** Conntrack's view of the connection the traced packet opens. */
export interface ConnState {
  /** False after a raw-table NOTRACK / CT --notrack: the nat table is then skipped. */
  tracked: boolean;
  /** Set once a DNAT (SNAT) actually changed the tuple, as the kernel's IPS_DST_NAT (IPS_SRC_NAT) bit. */
  dnat: boolean;
  snat: boolean;
  /** The original direction tuple: what the first packet looked like before any NAT. */
  origSrc: number;
  origDst: number;
  origSport: number | null;
  origDport: number | null;
  /** The connection mark (CONNMARK / -m connmark). */
  mark: number;
}

/** The packet while it crosses the gateway. Addresses are unsigned 32-bit integers; null means unknown. */
export interface PacketState {
  protocol: 'tcp' | 'udp' | 'icmp';
  src: number | null;
  dst: number | null;
  /** What to print for an unknown address (MASQUERADE or REDIRECT to an interface address the dump does not show). */
  srcLabel: string | null;
  dstLabel: string | null;
  sport: number | null;
  dport: number | null;
  inInterface: string;
  /** Null until the routing decision. */
  outInterface: string | null;
  mark: number;
  ct: ConnState;
}

/** The netfilter hook a chain is walked for. */
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'POSTROUTING';

/** How a table's walk over one hook ended. */
export type HookVerdict = 'ACCEPT' | 'DROP' | 'REJECT' | 'QUEUE';

/** One NAT rewrite as the result reports it. */
export interface NatRecord {
  table: string;
  chain: string;
  index: number;
  line: number;
  kind: string;
  before: Tuple;
  after: Tuple;
}

/** What the walk collects while it runs; turned into a `TraceResult` at the end. */
export interface TraceLog {
  steps: TraceStep[];
  nat: NatRecord[];
  /** Each rewrite in a few words with its rule ('DNAT to 10.0.1.10:22 in SHARED_DNAT rule 1'), for the verdict. */
  phrases: { direction: 'destination' | 'source'; text: string }[];
  /** Assumptions in the order they were made; a Set so one assumption is said once. */
  assumptions: Set<string>;
}
