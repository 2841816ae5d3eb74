import dagre from '@dagrejs/dagre';

/** A box to place: its id, size in pixels, and the group (table) it is laid out with. */
export interface LayoutBox {
  id: string;
  group: string;
  width: number;
  height: number;
}

/** Top-left corner of a placed box (React Flow's node position). */
export interface Point {
  x: number;
  y: number;
}

const GROUP_GAP = 64;
/** Horizontal gap between columns: room for an edge and its label (`20k pkts · 38/s`). */
export const RANK_GAP = 180;

/**
 * The boxes in the order a packet meets them: breadth-first from each box that jumps somewhere (the hooks, in order),
 * following edges in the order given (rule order), then the boxes not reached. dagre starts its crossing reduction from insertion order, so
 * chains a hook jumps to early end up above those it jumps to later.
 */
function packetOrder(boxes: readonly LayoutBox[], edges: readonly { source: string; target: string }[]): LayoutBox[] {
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const ordered: LayoutBox[] = [];
  // Chains that lead somewhere first; idle ones (INPUT, OUTPUT without rules) after them, out of the packet's way.
  const starts = [...boxes.filter((b) => next.has(b.id)), ...boxes.filter((b) => !next.has(b.id))];
  for (const start of starts) {
    const queue = [start.id];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      const box = byId.get(id);
      if (!box || seen.has(id)) continue;
      seen.add(id);
      ordered.push(box);
      queue.push(...(next.get(id) ?? []));
    }
  }
  return ordered;
}

function layoutGroup(
  boxes: readonly LayoutBox[],
  edges: readonly { source: string; target: string }[],
): { positions: Map<string, Point>; height: number } {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 28, ranksep: RANK_GAP, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const box of packetOrder(boxes, edges)) graph.setNode(box.id, { width: box.width, height: box.height });
  edges.forEach((edge, i) => {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target))
      graph.setEdge(edge.source, edge.target, {}, String(i));
  });
  dagre.layout(graph);
  // dagre centres each node in its rank's column (all nodes of a rank share a centre x). Aligning them to the
  // column's left edge instead keeps every edge at least `ranksep` long, so its label never covers all of it.
  const columnWidth = new Map<number, number>();
  for (const box of boxes) {
    const x = Math.round(graph.node(box.id).x);
    columnWidth.set(x, Math.max(columnWidth.get(x) ?? 0, box.width));
  }
  const positions = new Map<string, Point>();
  let bottom = 0;
  for (const box of boxes) {
    const placed = graph.node(box.id);
    const centre = Math.round(placed.x);
    // dagre gives centres; React Flow wants top-left corners.
    const point = { x: placed.x - (columnWidth.get(centre) ?? box.width) / 2, y: placed.y - box.height / 2 };
    positions.set(box.id, point);
    bottom = Math.max(bottom, point.y + box.height);
  }
  return { positions, height: bottom };
}

/**
 * Places chain nodes left to right along the packet's path with dagre (hooks first, then the chains they jump to),
 * one table at a time, tables stacked top to bottom in the order given (nat above mangle). The only layout in the
 * app; callers memoise on the boxes and edges, never on counters.
 */
export function layoutBoxes(
  boxes: readonly LayoutBox[],
  edges: readonly { source: string; target: string }[],
): Map<string, Point> {
  const groups = new Map<string, LayoutBox[]>();
  for (const box of boxes) {
    const list = groups.get(box.group);
    if (list) list.push(box);
    else groups.set(box.group, [box]);
  }
  const positions = new Map<string, Point>();
  let top = 0;
  for (const members of groups.values()) {
    const ids = new Set(members.map((b) => b.id));
    const placed = layoutGroup(
      members,
      edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    );
    for (const [id, point] of placed.positions) positions.set(id, { x: point.x, y: point.y + top });
    top += placed.height + GROUP_GAP;
  }
  return positions;
}
