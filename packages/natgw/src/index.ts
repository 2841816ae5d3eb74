export type * from './chain-graph-types.js';
export { inspect, type InspectOptions } from './inspect.js';
export { chainGraph } from './chain-graph.js';
export { findMappings, type MappingScan } from './find-mappings.js';
export { ruleShape, type RuleShape } from './rule-shape.js';
export { ruleSummary } from './rule-summary.js';
export { describeRule } from './describe-rule.js';
export { isKubeOvnChain, KUBE_OVN_CHAINS } from './kube-ovn-chains.js';
// Packet-matching building blocks, shared with the trace: IPv4/CIDR math lives in ./ipv4.ts (parseCidr,
// cidrContains, cidrHas, ipToInt, intToIp, …), port sets in ./port-set.ts, interface wildcards in
// ./interface-set.ts, and a rule's accepted packets in ./match-space.ts (matchSpace, spaceCovers).
export * from './ipv4.js';
export * from './port-set.js';
export * from './interface-set.js';
export { matchSpace, spaceCovers, type MatchSpace, type AddressSet } from './match-space.js';
export { parseNatAddress, type NatAddress } from './nat-address.js';
export { isTerminal, mayRewritePacket, sameTarget } from './target-effect.js';
export { CoverIndex, type CoverStats } from './cover-index.js';
export { DumpFacts } from './rule-facts.js';
// The packet trace: follows a connection's first packet through the dump, rule by rule.
export { trace } from './trace.js';
export type { TraceDump, TraceTable, TraceChain, TraceRule } from './trace-types.js';
