import type { InspectReport, Rate, ReportChain } from '@natscope/api';
import type { ChainGraph, ChainNode } from '@natscope/natgw';
import { MarkerType, Position, type Edge, type Node } from '@xyflow/react';
import { formatCount, formatRate } from '../../lib/format.js';
import type { LayoutBox } from './layout.js';
import { chainNodeSize } from './node-size.js';
import { visibleRows, type ChainRows } from './visible-rows.js';

/** What a chain node draws. */
export type ChainNodeData = {
  chain: ChainNode;
  rows: ChainRows;
  /** Rules in the chain. */
  total: number;
  filtered: boolean;
  limit: number;
  /** Whether the node has a footer (match count, show more / fewer); part of its height. */
  footer: boolean;
  canShowFewer: boolean;
  /** Rule indexes with an edge leaving their row (each gets a source handle). */
  jumpRows: ReadonlySet<number>;
  /**
   * What entered a user chain: the packets of the rules that jump to it (null when none jumps here or the dump has no
   * counters). A user chain's own `[0:0]` means nothing, so it is never shown; built-in chains keep their policy counters.
   */
  inbound: number | null;
  /** Diagnostics naming the chain's rules, by severity: the overview's markers and the header's colour. */
  flagged: ChainFlagCounts;
  /** Rules a compared reading had in this chain and this reading has not, drawn struck through after the rows. */
  removed?: readonly string[];
  /** For the one node that stands for a table's empty built-in chains: those chains, with their policies and counters. */
  folded?: readonly ChainNode[];
};

/** How many of a chain's rules carry a diagnostic, by the worst severity on each. */
export interface ChainFlagCounts {
  error: number;
  warning: number;
  info: number;
}

/** A React Flow node of type 'chain'. */
export type ChainFlowNode = Node<ChainNodeData, 'chain'>;

/** Data on a jump edge, for its label and for highlighting. */
export type JumpEdgeData = { ruleIndex: number; packets: number | null };

/** A React Flow edge for a jump or goto. */
export type JumpFlowEdge = Edge<JumpEdgeData>;

/** The graph as React Flow wants it, before positions; `layoutKey` changes only when the layout must. */
export interface FlowModel {
  nodes: Omit<ChainFlowNode, 'position'>[];
  edges: JumpFlowEdge[];
  boxes: LayoutBox[];
  layoutKey: string;
}

/** View choices that change what is drawn. */
export interface FlowView {
  /** Filter result per node id, or null without a filter. */
  matches: ReadonlyMap<string, ReadonlySet<number>> | null;
  /** Per node id, how many rows to draw before folding (default when absent). */
  limits: ReadonlyMap<string, number>;
  defaultLimit: number;
  /** The edge colour of the theme (arrowheads are SVG markers, which CSS variables do not reach). */
  edgeColor: string;
  /** Per node id, rules that must be drawn (selected or highlighted). */
  pinned: ReadonlyMap<string, ReadonlySet<number>>;
  /** Per node id, rules whose row carries a desired-state tag (orphaned, differs): their rows are wider. */
  tagged?: ReadonlyMap<string, ReadonlySet<number>>;
  /** Per node id, its rules' diagnostics by severity (`chainFlagCounts`). */
  flagged?: ReadonlyMap<string, ChainFlagCounts>;
  /** Per node id, the rules a compared reading had and this one has not (each a row more, struck through). */
  removed?: ReadonlyMap<string, readonly string[]>;
}

/** Chains of at most this many rules stay open in the overview: folding them would save nothing. */
const OVERVIEW_OPEN_RULES = 2;

const NO_FLAGS: ChainFlagCounts = { error: 0, warning: 0, info: 0 };

/** Counts, per chain node id, the rules a diagnostic names, each once by its worst severity. */
export function chainFlagCounts(
  flags: ReadonlyMap<string, { severity: keyof ChainFlagCounts }>,
): Map<string, ChainFlagCounts> {
  const byNode = new Map<string, ChainFlagCounts>();
  for (const [key, flag] of flags) {
    const id = key.slice(0, key.lastIndexOf('/'));
    const counts = byNode.get(id) ?? { ...NO_FLAGS };
    counts[flag.severity] += 1;
    byNode.set(id, counts);
  }
  return byNode;
}

const EMPTY = new Set<number>();

function edgeWidth(packets: number | null): number {
  if (!packets) return 1.5;
  return Math.min(7, 1.5 + Math.log10(1 + packets) * 0.9);
}

function edgeLabel(packets: number | null, rate: Rate | null | undefined): string {
  if (packets === null) return '';
  const perSecond = formatRate(rate?.packetsPerSecond);
  return `${formatCount(packets)} pkts${perSecond ? ` · ${perSecond}` : ''}`;
}

/**
 * About how many characters the header's meta line takes (`policy ACCEPT  16 rules  in 3.4k pkts  warnings on 10 rules`),
 * with room for any packet count: counters change on every refresh and must not move the layout.
 */
function metaChars(node: ChainNode, flagged: ChainFlagCounts): number {
  let chars = `${node.ruleCount} rules`.length + 16;
  if (node.policy) chars += 16;
  if (flagged.error > 0) chars += `errors on ${flagged.error} rules`.length + 4;
  if (flagged.warning > 0) chars += `warnings on ${flagged.warning} rules`.length + 4;
  return chars;
}

/** The id of the node standing for a table's empty built-in chains (`nat/(empty hooks)`). */
export function emptyHooksId(table: string): string {
  return `${table}/(empty hooks)`;
}

/**
 * The nodes to draw: a table's built-in chains without rules (INPUT, OUTPUT, FORWARD … that only count their
 * policy) become one node of one row, where they used to take a full node each and push the table down.
 */
function foldEmptyHooks(nodes: readonly ChainNode[]): { node: ChainNode; folded?: readonly ChainNode[] }[] {
  const empty = (n: ChainNode) => n.builtin && n.ruleCount === 0;
  const byTable = new Map<string, ChainNode[]>();
  for (const n of nodes) if (empty(n)) byTable.set(n.table, [...(byTable.get(n.table) ?? []), n]);
  const drawn: { node: ChainNode; folded?: readonly ChainNode[] }[] = [];
  for (const n of nodes) {
    const group = byTable.get(n.table) ?? [];
    if (!empty(n) || group.length < 2) {
      drawn.push({ node: n });
      continue;
    }
    if (group[0] !== n) continue;
    const policies = new Set(group.map((g) => g.policy));
    const [policy] = policies;
    drawn.push({
      node: {
        // A table saved twice keeps its `nat#2` prefix: the id is built from the first member's.
        id: emptyHooksId(n.id.slice(0, n.id.indexOf('/'))),
        table: n.table,
        chain: group.map((g) => g.chain).join(' · '),
        role: 'hook',
        builtin: true,
        policy: policies.size === 1 ? (policy ?? null) : null,
        counters: null,
        ruleCount: 0,
        orphan: false,
      },
      folded: group,
    });
  }
  return drawn;
}

/**
 * Converts the chain graph (plain data from natgw) and the report's rules into React Flow nodes and edges: the one
 * place that knows both shapes. Edges leave from the jumping rule's row (source handle `r<index>`) and enter the
 * target chain's header (handle `in`); their width and label carry the jumping rule's counters.
 */
export function flowModel(graph: ChainGraph, report: InspectReport, view: FlowView): FlowModel {
  // Node ids as natgw makes them: a table saved twice gets `nat#2/…` for its second copy.
  const chains = new Map<string, ReportChain>();
  const copies = new Map<string, number>();
  for (const table of report.tables) {
    const copy = (copies.get(table.name) ?? 0) + 1;
    copies.set(table.name, copy);
    const prefix = copy === 1 ? table.name : `${table.name}#${copy}`;
    for (const chain of table.chains) chains.set(`${prefix}/${chain.name}`, chain);
  }

  const jumpRows = new Map<string, Set<number>>();
  const inbound = new Map<string, number>();
  for (const edge of graph.edges) {
    const set = jumpRows.get(edge.source) ?? new Set<number>();
    set.add(edge.ruleIndex);
    jumpRows.set(edge.source, set);
    if (edge.counters) inbound.set(edge.target, (inbound.get(edge.target) ?? 0) + edge.counters.packets);
  }

  const nodes: FlowModel['nodes'] = [];
  const boxes: LayoutBox[] = [];
  const keyParts: string[] = [];
  for (const { node, folded } of foldEmptyHooks(graph.nodes)) {
    const chain = chains.get(node.id);
    const jumps = jumpRows.get(node.id) ?? EMPTY;
    const pinned = new Set([...jumps, ...(view.pinned.get(node.id) ?? EMPTY)]);
    // The overview folds a chain's rules, except in a chain so short that its rows take no more room than the fold.
    const limit =
      view.limits.get(node.id) ??
      (view.defaultLimit === 0 && node.ruleCount <= OVERVIEW_OPEN_RULES ? node.ruleCount : view.defaultLimit);
    const rows = chain
      ? visibleRows(chain, view.matches?.get(node.id) ?? (view.matches ? EMPTY : null), limit, pinned)
      : { items: [], matching: 0, overLimit: 0 };
    const canShowFewer = view.limits.has(node.id) && limit > view.defaultLimit;
    // The overview's fold rows are their own "show" buttons: a footer would make every folded chain a row taller.
    const overviewFold = limit === 0 && view.matches === null;
    const hasFooter =
      (rows.overLimit > 0 && !overviewFold) || canShowFewer || (view.matches !== null && node.ruleCount > 0);
    const flagged = view.flagged?.get(node.id) ?? NO_FLAGS;
    const size = chainNodeSize(
      rows,
      hasFooter,
      node.chain,
      node.builtin && node.ruleCount === 0,
      view.tagged?.get(node.id),
      metaChars(node, flagged),
      view.removed?.get(node.id),
    );
    nodes.push({
      id: node.id,
      type: 'chain',
      data: {
        chain: node,
        rows,
        total: node.ruleCount,
        filtered: view.matches !== null,
        limit,
        footer: hasFooter,
        canShowFewer,
        jumpRows: jumps,
        inbound: node.builtin ? null : (inbound.get(node.id) ?? null),
        flagged,
        ...(view.removed?.get(node.id) ? { removed: view.removed.get(node.id) } : {}),
        ...(folded ? { folded } : {}),
      },
      width: size.width,
      height: size.height,
      targetPosition: Position.Left,
      sourcePosition: Position.Right,
      ariaLabel: `${node.table} chain ${node.chain}, ${node.ruleCount} rule${node.ruleCount === 1 ? '' : 's'}`,
      className: node.orphan ? 'chain-flow-node chain-flow-node--orphan' : 'chain-flow-node',
    });
    boxes.push({ id: node.id, group: node.id.slice(0, node.id.indexOf('/')), ...size });
    keyParts.push(`${node.id}:${size.width}x${size.height}`);
  }

  const edges: JumpFlowEdge[] = graph.edges.map((edge) => {
    const rules = chains.get(edge.source)?.rules ?? [];
    // Rules are stored in order, so index i is at i - 1; the search is only a fallback.
    const atIndex = rules[edge.ruleIndex - 1];
    const rule = atIndex?.index === edge.ruleIndex ? atIndex : rules.find((r) => r.index === edge.ruleIndex);
    const packets = edge.counters?.packets ?? null;
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: `r${edge.ruleIndex}`,
      targetHandle: 'in',
      label: edgeLabel(packets, rule?.rate),
      data: { ruleIndex: edge.ruleIndex, packets },
      className: packets === 0 ? 'jump-edge jump-edge--idle' : 'jump-edge',
      style: { strokeWidth: edgeWidth(packets) },
      markerEnd: {
        type: MarkerType.ArrowClosed,
        width: 16,
        height: 16,
        markerUnits: 'userSpaceOnUse',
        color: view.edgeColor,
      },
      focusable: false,
    };
  });
  for (const edge of graph.edges) keyParts.push(edge.id);

  return { nodes, edges, boxes, layoutKey: keyParts.join('|') };
}
