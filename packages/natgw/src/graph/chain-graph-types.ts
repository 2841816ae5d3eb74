import type { Counters } from '@natscope/api';

/** The role a chain plays, so the UI can group and colour it. */
export type ChainRole =
  | 'hook' // a built-in chain (PREROUTING, POSTROUTING, …)
  | 'kube-ovn' // a chain the gateway's init creates (DNAT_FILTER, SHARED_SNAT, VPC_MARK, …)
  | 'operator'; // any other user chain (kept and drawn the same generic way)

/** A chain as a graph node. Rules are referenced by their 1-based index in the report's chain. */
export interface ChainNode {
  id: string; // '<table>/<chain>', e.g. 'nat/PREROUTING' (stable: Playwright users select on it)
  table: string;
  chain: string;
  role: ChainRole;
  builtin: boolean;
  policy: string | null;
  counters: Counters | null;
  ruleCount: number;
  /** True when nothing jumps here and it is not a hook: an orphan chain (drawn apart). */
  orphan: boolean;
}

/** A jump or goto from one rule to a user chain. */
export interface ChainEdge {
  id: string; // '<table>/<chain>#<index>-><table>/<target>'
  source: string; // node id
  target: string; // node id
  ruleIndex: number; // the jumping rule's index in the source chain (edges leave from its row)
  line: number;
  kind: 'jump' | 'goto';
  counters: Counters | null; // the jumping rule's counters: how much traffic took this edge
}

/** The chain graph of one dump: plain data, no React. */
export interface ChainGraph {
  nodes: ChainNode[];
  edges: ChainEdge[];
}
