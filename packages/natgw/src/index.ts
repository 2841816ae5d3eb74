export type * from './graph/chain-graph-types.js';
export { inspect, type InspectOptions } from './report/inspect.js';
export { chainGraph } from './graph/chain-graph.js';
export * from './packet-sets/ipv4.js';
export * from './packet-sets/port-set.js';
export * from './packet-sets/interface-set.js';
export { type MappingScan } from './mappings/find-mappings.js';
export { type RuleShape } from './kube-ovn/rule-shape.js';
export { mappingTitle, say } from './mappings/mapping-phrase.js';
export { isKubeOvnChain } from './kube-ovn/kube-ovn-chains.js';
// Packet-matching types and the IPv4/CIDR math (parseCidr, cidrContains, cidrHas, ipToInt, intToIp, …), port sets and
// interface wildcards that the web and drift use too.
export { type MatchSpace, type AddressSet } from './packet-sets/match-space.js';
export { type NatAddress } from './packet-sets/nat-address.js';
// The protocol vocabulary, for the web's filter (it imports natgw, not iptables): names ⇄ numbers, all/0.
export { PROTOCOL_NUMBERS, protocolNumber } from '@natscope/iptables';
export { type CoverStats } from './facts/cover-index.js';
// The packet trace: follows a connection's first packet through the dump, rule by rule.
export { trace } from './trace/trace.js';
export type { TraceDump, TraceTable, TraceChain, TraceRule } from './trace/trace-types.js';
// Health: what a reading's diagnostics say in a few words, and the headline of a gateway or a dump.
export { findingsHealth, type FindingsHealth } from './health/findings-health.js';
export { gatewayHeadline, type HeadlineInput } from './health/gateway-headline.js';
export { reportCounts, type ReportCounts } from './health/report-counts.js';
// Contract 6: what changed between two readings, and the changes in words.
export { diff, mappingKey, type DiffReading, type DiffTable } from './diff/diff.js';
export { diffPhrases, type DiffPhraseTimes } from './diff/diff-phrases.js';
