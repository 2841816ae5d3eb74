export type * from './graph/chain-graph-types.js';
export { inspect, type InspectOptions } from './report/inspect.js';
export { chainGraph } from './graph/chain-graph.js';
export { findMappings, type MappingScan } from './mappings/find-mappings.js';
export { ruleShape, type RuleShape } from './kube-ovn/rule-shape.js';
export { ruleSummary } from './report/rule-summary.js';
export { describeRule } from './report/describe-rule.js';
export { isKubeOvnChain, KUBE_OVN_CHAINS } from './kube-ovn/kube-ovn-chains.js';
// Packet-matching building blocks, shared with the trace: IPv4/CIDR math lives in ./ipv4.ts (parseCidr,
// cidrContains, cidrHas, ipToInt, intToIp, …), port sets in ./port-set.ts, interface wildcards in
// ./interface-set.ts, and a rule's accepted packets in ./match-space.ts (matchSpace, spaceCovers).
export * from './packet-sets/ipv4.js';
export * from './packet-sets/port-set.js';
export * from './packet-sets/interface-set.js';
export { matchSpace, spaceCovers, type MatchSpace, type AddressSet } from './packet-sets/match-space.js';
export { parseNatAddress, type NatAddress } from './packet-sets/nat-address.js';
export { isTerminal, mayRewritePacket, sameTarget } from './packet-sets/target-effect.js';
export { CoverIndex, type CoverStats } from './facts/cover-index.js';
export { DumpFacts } from './facts/dump-facts.js';
// The packet trace: follows a connection's first packet through the dump, rule by rule.
export { trace } from './trace/trace.js';
export type { TraceDump, TraceTable, TraceChain, TraceRule } from './trace/trace-types.js';
// Health: what a reading's diagnostics say in a few words, and the headline of a gateway or a dump.
export { diagnosticPhrase } from './checks/diagnostic-phrase.js';
export { findingsHealth, type FindingsHealth } from './health/findings-health.js';
export { gatewayHeadline, type HeadlineInput } from './health/gateway-headline.js';
// Contract 6: what changed between two readings, and the changes in words.
export { diff, type DiffReading, type DiffTable } from './diff/diff.js';
export { diffPhrases } from './diff/diff-phrases.js';
