import type { InspectReport, RuleRef } from '@natscope/api';
import type { ChainGraph } from '@natscope/natgw';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  getNodesBounds,
  getViewportForBounds,
  useReactFlow,
  useStoreApi,
  type ReactFlowInstance,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { formatRuleKey, type RuleKey } from '../../lib/url-state.js';
import type { RuleDrift } from '../desired/rule-drift.js';
import type { ChangeMarks } from '../history/change-marks.js';
import { ROLE_TEXT, type RuleRole } from '../gateway/diagnostic-roles.js';
import type { RuleFlag } from '../gateway/rule-diagnostics.js';
import { ChainNodeView } from './ChainNodeView.js';
import { chainFlagCounts, flowModel, type ChainFlowNode, type JumpFlowEdge } from './flow-model.js';
import { GraphLegend } from './GraphLegend.js';
import { GraphInteractionContext, type GraphInteraction } from './graph-interaction.js';
import { layoutBoxes } from './layout.js';
import { HEADER_HEIGHT, ROW_HEIGHT, TARGET_ZOOM } from './node-size.js';
import { DEFAULT_ROW_LIMIT } from './visible-rows.js';

// Module scope: React Flow warns (and re-mounts every node) when nodeTypes is a new object each render.
const nodeTypes = { chain: ChainNodeView };

/** What an image export needs from the graph: the element holding every node and edge, and how to frame all of it. */
export interface GraphImageFrame {
  element: HTMLElement;
  width: number;
  height: number;
  /** CSS transform that puts the whole graph (not just the visible part) into width × height. */
  transform: string;
  edgeCount: number;
}

/** Handed to the page once the graph is mounted, so export buttons outside the canvas can reach it. */
export interface GraphHandle {
  imageFrame: () => GraphImageFrame | null;
}

/** Props of the chain flow graph. */
export interface ChainFlowProps {
  report: InspectReport;
  graph: ChainGraph;
  /** Filter result per `<table>/<chain>`, or null without a filter. */
  matches: ReadonlyMap<string, ReadonlySet<number>> | null;
  selected: RuleKey | null;
  /** Rules to highlight (a diagnostic's; a trace's path can use the same prop). */
  highlighted: readonly RuleRef[];
  flags: ReadonlyMap<string, RuleFlag>;
  /**
   * Rules to frame instead of every highlighted chain (a trace's rewriting or deciding rules): the view centres on
   * their rows at a legible zoom, so the rule behind a verdict is on screen rather than the path's end.
   */
  focus?: readonly RuleRef[] | null;
  /** The rules a shown trace's NAT rewrote the packet in: their rows carry a "rewrote" tag. */
  rewrote?: readonly RuleRef[] | null;
  /** A chosen "never matches" diagnostic's rules and their parts (see diagnostic-roles.ts); a legend explains them. */
  roles?: ReadonlyMap<string, RuleRole>;
  /** The desired-state comparison by rule (`ruleDrift`): orphaned and differing rules get a tag on their row. */
  drift?: ReadonlyMap<string, RuleDrift>;
  /** A diff shown on the graph (`changeMarks`): added rows tagged, removed rules struck through under their chain. */
  changes?: ChangeMarks | null;
  colorMode: 'light' | 'dark';
  onSelectRule: (key: RuleKey) => void;
  onReady?: (handle: GraphHandle | null) => void;
}

/** The NAT flow graph: chains as nodes of rule rows, laid out left to right, jumps as edges from their rows. */
export function ChainFlow(props: ChainFlowProps) {
  return (
    <ReactFlowProvider>
      <ChainFlowCanvas {...props} />
    </ReactFlowProvider>
  );
}

const EXPORT_PADDING = 24;
/**
 * Above this many rules the graph opens as its overview: each chain a header with its counts, markers and the
 * rows that jump (so every edge is drawn), its other rules folded; a chain opens in place. Busy gateways (200
 * rules) otherwise open on half their inbound side in small text.
 */
const OVERVIEW_RULES = 50;
/**
 * Below this zoom a rule row would be a target under 24 px and its 12 px text near 10 px: rows give way to a summary
 * drawn at a fixed size on screen (semantic zoom), so no zoom level shows text too small to read or rows too small
 * to hit. The same floor the graph opens at and frames rules at.
 */
const FAR_ZOOM = TARGET_ZOOM;
// Below this zoom rule text (12 px) is too small to read (under 9 px): a big graph opens at this zoom on its first chains
// instead of fitted whole, and highlighted rules are brought into view no smaller. Nor below the zoom at which a row is
// still a 24 px target.
const READABLE_ZOOM = Math.max(0.75, TARGET_ZOOM);
const EDGE_COLOR = { light: '#6a4fd6', dark: '#a48bff' };
const NO_ROLES: ReadonlyMap<string, RuleRole> = new Map();
const NO_DRIFT: ReadonlyMap<string, RuleDrift> = new Map();
const NO_KEYS: ReadonlySet<string> = new Set();
const NO_REMOVED: ReadonlyMap<string, readonly string[]> = new Map();

// The rules whose rows carry a desired-state tag, by node id (`<table>/<chain>`), so their nodes are sized for it.
function taggedRules(drift: ReadonlyMap<string, RuleDrift>): Map<string, Set<number>> {
  const byNode = new Map<string, Set<number>>();
  for (const [key, rule] of drift) {
    if (!rule.mark) continue;
    const last = key.lastIndexOf('/');
    const id = key.slice(0, last);
    const set = byNode.get(id) ?? new Set<number>();
    set.add(Number(key.slice(last + 1)));
    byNode.set(id, set);
  }
  return byNode;
}
const MINIMAP_SIZE = { width: 150, height: 100, margin: 0 };

// Chains in the minimap in their role's colour, so it is not an empty box in the light theme.
function minimapNodeClass(node: ChainFlowNode): string {
  return `minimap-node minimap-node--${node.data.chain.role}`;
}

// Room around highlighted chains: generous around one or two (a diagnostic), little around a trace's whole path, whose
// chains span most of the graph and would otherwise shrink to an unreadable zoom.
function focusPadding(nodes: readonly string[]): number {
  return nodes.length > 2 ? 0.05 : 0.4;
}

/** Where a rule's row is drawn, in graph coordinates; null when its chain is not drawn or the row is folded away. */
function rowRect(
  nodes: readonly ChainFlowNode[],
  rule: RuleRef,
): { x: number; y: number; width: number; height: number } | null {
  const node = nodes.find((n) => n.id === `${rule.table}/${rule.chain}`);
  if (!node) return null;
  const row = node.data.rows.items.findIndex((item) => item.kind === 'rule' && item.rule.index === rule.index);
  if (row < 0) return null;
  return {
    x: node.position.x,
    y: node.position.y + HEADER_HEIGHT + row * ROW_HEIGHT,
    width: node.width ?? 0,
    height: ROW_HEIGHT,
  };
}

/**
 * Centres the view on rules' rows, zoomed to fit them but never below READABLE_ZOOM (nor above 1). When they do not
 * all fit at that floor, the first (a trace's DNAT, which decided where the packet goes) wins over the rest.
 */
function frameRules(
  instance: Pick<ReactFlowInstance<ChainFlowNode, JumpFlowEdge>, 'getNodes' | 'setCenter'>,
  box: HTMLElement,
  rules: readonly RuleRef[],
): void {
  const rects = rules.map((r) => rowRect(instance.getNodes(), r)).filter((r) => r !== null);
  if (rects.length === 0) return;
  const union = (list: typeof rects) => {
    const x = Math.min(...list.map((r) => r.x));
    const y = Math.min(...list.map((r) => r.y));
    return {
      x,
      y,
      width: Math.max(...list.map((r) => r.x + r.width)) - x,
      height: Math.max(...list.map((r) => r.y + r.height)) - y,
    };
  };
  const zoomFor = (r: { width: number; height: number }) =>
    Math.min(1, (box.clientWidth * 0.85) / r.width, (box.clientHeight * 0.85) / r.height);
  let frame = union(rects);
  if (zoomFor(frame) < READABLE_ZOOM) frame = rects[0]!;
  const zoom = Math.max(READABLE_ZOOM, zoomFor(frame));
  void instance.setCenter(frame.x + frame.width / 2, frame.y + frame.height / 2, { zoom, duration: 300 });
}

/** Room the tools panel takes at the top of the canvas, and the margin around a framed graph, in screen pixels. */
const TOOLS_HEIGHT = 44;
const FRAME_MARGIN = 16;

/** The first view of a graph: all of it when legible whole, else its start (top left) at the legible zoom. */
function frameStart(
  instance: Pick<ReactFlowInstance<ChainFlowNode, JumpFlowEdge>, 'getNodes' | 'setViewport'>,
  box: HTMLElement,
): void {
  if (frameLegibly(instance, box)) return;
  const bounds = getNodesBounds(instance.getNodes());
  void instance.setViewport({
    x: FRAME_MARGIN - bounds.x * READABLE_ZOOM,
    y: TOOLS_HEIGHT + FRAME_MARGIN - bounds.y * READABLE_ZOOM,
    zoom: READABLE_ZOOM,
  });
}

/**
 * Fits the whole graph below the tools when it is legible whole (at READABLE_ZOOM or more, never above 1); returns
 * false, doing nothing, when it is not.
 */
function frameLegibly(
  instance: Pick<ReactFlowInstance<ChainFlowNode, JumpFlowEdge>, 'getNodes' | 'setViewport'>,
  box: HTMLElement,
): boolean {
  const bounds = getNodesBounds(instance.getNodes());
  // Below the tools along the top edge (overview, legend, minimap), which would otherwise cover the first chain.
  const width = box.clientWidth - 2 * FRAME_MARGIN;
  const height = box.clientHeight - TOOLS_HEIGHT - 2 * FRAME_MARGIN;
  const zoom = Math.min(1, width / bounds.width, height / bounds.height);
  if (zoom < READABLE_ZOOM) return false;
  void instance.setViewport({
    x: FRAME_MARGIN + (width - bounds.width * zoom) / 2 - bounds.x * zoom,
    y: TOOLS_HEIGHT + FRAME_MARGIN + (height - bounds.height * zoom) / 2 - bounds.y * zoom,
    zoom,
  });
  return true;
}

function ChainFlowCanvas({
  report,
  graph,
  matches,
  selected,
  highlighted,
  focus = null,
  rewrote = null,
  flags,
  roles = NO_ROLES,
  drift = NO_DRIFT,
  changes = null,
  colorMode,
  onSelectRule,
  onReady,
}: ChainFlowProps) {
  const flow = useReactFlow<ChainFlowNode>();
  const container = useRef<HTMLDivElement>(null);
  const [limits, setLimits] = useState<ReadonlyMap<string, number>>(new Map());
  const [overview, setOverview] = useState(() => report.stats.rules > OVERVIEW_RULES);
  const [minimap, setMinimap] = useState(false);
  const [activeRows, setActiveRows] = useState<ReadonlyMap<string, number>>(new Map());
  // The jump rows → followed, most recent last, so ← walks back the way the keyboard came.
  const jumpTrail = useRef<{ nodeId: string; index: number }[]>([]);
  // A filter shows the rules it keeps: folding them away would hide the answer.
  const defaultLimit = overview && matches === null ? 0 : DEFAULT_ROW_LIMIT;
  const chooseOverview = useCallback((on: boolean) => {
    setOverview(on);
    setLimits(new Map());
    refitOnLayout.current = true;
  }, []);
  // Set when the nodes change size all at once (overview on or off): the next layout is fitted into view.
  const refitOnLayout = useRef(false);

  const highlightedKeys = useMemo(() => new Set(highlighted.map(formatRuleKey)), [highlighted]);
  const pinned = useMemo(() => {
    const byNode = new Map<string, Set<number>>();
    for (const ref of [...highlighted, ...(selected ? [selected] : []), ...(changes?.added ?? [])]) {
      const id = `${ref.table}/${ref.chain}`;
      const set = byNode.get(id) ?? new Set<number>();
      set.add(ref.index);
      byNode.set(id, set);
    }
    return byNode;
  }, [highlighted, selected, changes]);

  const rewroteKeys = useMemo(() => new Set((rewrote ?? []).map(formatRuleKey)), [rewrote]);
  const tagged = useMemo(() => {
    const byNode = taggedRules(drift);
    // A rewriting rule's tag (and an added one's) takes the room a desired-state tag does (node-size.ts).
    for (const ref of [...(rewrote ?? []), ...(changes?.added ?? [])]) {
      const id = `${ref.table}/${ref.chain}`;
      byNode.set(id, new Set([...(byNode.get(id) ?? []), ref.index]));
    }
    return byNode;
  }, [drift, rewrote, changes]);
  const flagged = useMemo(() => chainFlagCounts(flags), [flags]);
  const model = useMemo(
    () =>
      flowModel(graph, report, {
        matches,
        limits,
        defaultLimit,
        pinned,
        tagged,
        flagged,
        removed: changes?.removed ?? NO_REMOVED,
        edgeColor: EDGE_COLOR[colorMode],
      }),
    [graph, report, matches, limits, defaultLimit, pinned, tagged, flagged, changes, colorMode],
  );

  // Keyed on the layout key alone (node ids, sizes, edge ids): a counter refresh brings new objects with the
  // same key, so dagre does not run again. The measure lets the UI bench count layout runs.
  const { layoutKey } = model;
  const positions = useMemo(() => {
    performance.mark('natscope:layout:start');
    const placed = layoutBoxes(model.boxes, model.edges);
    performance.measure('natscope:layout', 'natscope:layout:start');
    return placed;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on purpose: boxes and edges are new objects on every counter refresh, the key is not
  }, [layoutKey]);

  const nodes = useMemo<ChainFlowNode[]>(
    () => model.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? { x: 0, y: 0 } })),
    [model.nodes, positions],
  );
  const edges = useMemo(
    () =>
      model.edges.map((edge) => {
        const active = edge.data && highlightedKeys.has(`${edge.source}/${edge.data.ruleIndex}`);
        const chosen = selected && edge.data && `${edge.source}/${edge.data.ruleIndex}` === formatRuleKey(selected);
        return active || chosen
          ? { ...edge, className: `${edge.className ?? ''} jump-edge--active`, animated: true }
          : edge;
      }),
    [model.edges, highlightedKeys, selected],
  );

  // Focuses an element of the graph and, when it is off screen (or zoomed too small to read), pans to it at a legible zoom.
  const focusInGraph = useCallback(
    (selector: string) => {
      const box = container.current;
      const element = box?.querySelector<HTMLElement>(selector);
      if (!box || !element) return;
      element.focus({ preventScroll: true });
      const rect = element.getBoundingClientRect();
      const pane = box.getBoundingClientRect();
      const inside =
        rect.left >= pane.left && rect.right <= pane.right && rect.top >= pane.top && rect.bottom <= pane.bottom;
      if (inside && flow.getZoom() >= READABLE_ZOOM) return;
      const at = flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      // At once: d3's animated pan zooms out on the way over a long distance, which would swap the rows for their far
      // summaries mid-flight and take the focus with them.
      void flow.setCenter(at.x, at.y, { zoom: Math.max(flow.getZoom(), READABLE_ZOOM) });
    },
    [flow],
  );

  const interaction = useMemo<GraphInteraction>(
    () => ({
      selected: selected ? formatRuleKey(selected) : null,
      highlighted: highlightedKeys,
      flags,
      roles,
      drift,
      onSelectRule,
      // From the overview a chain opens to the usual first rows; after that each click shows 200 more.
      onShowMore: (id) =>
        setLimits((old) => {
          const current = old.get(id) ?? defaultLimit;
          return new Map(old).set(id, current === 0 ? DEFAULT_ROW_LIMIT : current + 200);
        }),
      activeRows,
      rewrote: rewroteKeys,
      added: changes?.addedKeys ?? NO_KEYS,
      removed: changes?.removed ?? NO_REMOVED,
      focusRow: (nodeId, index) => {
        setActiveRows((old) => new Map(old).set(nodeId, index));
        // After the render that makes the row its chain's Tab stop; only drawn rows are ever made active.
        window.setTimeout(() => focusInGraph(`[data-row-key="${CSS.escape(`${nodeId}/${index}`)}"]`), 0);
      },
      followJump: (from, target) => {
        jumpTrail.current.push(from);
        focusInGraph(`[data-roving-node="${CSS.escape(target)}"][tabindex="0"]`);
      },
      jumpBack: () => {
        const from = jumpTrail.current.pop();
        if (!from) return false;
        focusInGraph(`[data-row-key="${CSS.escape(`${from.nodeId}/${from.index}`)}"]`);
        return true;
      },
      onZoomTo: (id) =>
        void flow.fitView({ nodes: [{ id }], duration: 300, padding: 0.3, minZoom: READABLE_ZOOM, maxZoom: 1 }),
      onShowFewer: (id) =>
        setLimits((old) => {
          const next = new Map(old);
          next.delete(id);
          return next;
        }),
    }),
    [
      selected,
      highlightedKeys,
      flags,
      roles,
      drift,
      onSelectRule,
      defaultLimit,
      flow,
      activeRows,
      focusInGraph,
      rewroteKeys,
      changes,
    ],
  );

  const highlightedNodes = useMemo(() => [...new Set(highlighted.map((r) => `${r.table}/${r.chain}`))], [highlighted]);

  // The first view, once React Flow's viewport exists: the whole graph when it fits at a readable zoom, else its start
  // (the hooks, top left) at a readable zoom. Node sizes are known without measuring (they are set on each node).
  // A link naming a rule opens on that rule's row (it is always drawn: selected rules are pinned); one naming a
  // diagnostic or a trace, on the chains of its rules.
  const selectedAtStart = useRef(selected);
  const highlightedAtStart = useRef(highlightedNodes);
  const initialView = useCallback((instance: ReactFlowInstance<ChainFlowNode, JumpFlowEdge>) => {
    const box = container.current;
    const all = instance.getNodes();
    if (!box || all.length === 0) return;
    const start = selectedAtStart.current;
    const node = start && all.find((n) => n.id === `${start.table}/${start.chain}`);
    const row = node
      ? node.data.rows.items.findIndex((item) => item.kind === 'rule' && item.rule.index === start?.index)
      : -1;
    if (node && row >= 0) {
      const y = node.position.y + HEADER_HEIGHT + (row + 0.5) * ROW_HEIGHT;
      void instance.setCenter(node.position.x + (node.width ?? 0) / 2, y, { zoom: 1 });
      return;
    }
    if (highlightedAtStart.current.length > 0) {
      void instance.fitView({
        nodes: highlightedAtStart.current.map((id) => ({ id })),
        padding: focusPadding(highlightedAtStart.current),
        minZoom: READABLE_ZOOM,
        maxZoom: 1,
      });
      return;
    }
    // The whole graph when it is legible whole; a graph of every rule that is not opens as its overview instead
    // (framed once its smaller nodes are placed); an overview still too big opens at its start (the hooks and nat,
    // top left) at the legible zoom: never a first sight of far summaries or unreadable rows.
    if (overviewAtStart.current) {
      frameStart(instance, box);
      return;
    }
    if (frameLegibly(instance, box)) return;
    refitOnLayout.current = true;
    setOverview(true);
  }, []);
  const overviewAtStart = useRef(overview);
  // After "Overview" / "All rules" every node changes size: the next layout is framed as a first view is.
  useEffect(() => {
    if (!refitOnLayout.current) return;
    refitOnLayout.current = false;
    const timer = window.setTimeout(() => {
      const box = container.current;
      if (!box) return;
      frameStart(flow, box);
    }, 0);
    return () => window.clearTimeout(timer);
  }, [positions, flow]);

  // Semantic zoom without re-rendering: the zoom goes to a CSS variable and a class on the container, which the
  // nodes' far look (node-far) and the edge labels read.
  const store = useStoreApi<ChainFlowNode, JumpFlowEdge>();
  useEffect(() => {
    const apply = (zoom: number) => {
      const element = container.current;
      if (!element) return;
      element.style.setProperty('--zoom', String(zoom));
      element.classList.toggle('chain-flow--far', zoom < FAR_ZOOM);
    };
    apply(store.getState().transform[2]);
    return store.subscribe((state) => apply(state.transform[2]));
  }, [store]);

  // Bring highlighted rules into view when a diagnostic is chosen or a trace runs; a trace frames the rules that decided.
  const focusKey = focus ? focus.map(formatRuleKey).join(' ') : '';
  const focusRef = useRef(focus);
  focusRef.current = focus;
  useEffect(() => {
    const rules = focusRef.current;
    if (!rules || rules.length === 0) return;
    const timer = window.setTimeout(() => {
      const box = container.current;
      if (box) frameRules(flow, box, rules);
    }, 0);
    return () => window.clearTimeout(timer);
  }, [flow, focusKey, positions]);

  useEffect(() => {
    if (highlightedNodes.length === 0 || focusRef.current?.length) return;
    const timer = window.setTimeout(() => {
      void flow.fitView({
        nodes: highlightedNodes.map((id) => ({ id })),
        duration: 300,
        padding: focusPadding(highlightedNodes),
        minZoom: READABLE_ZOOM,
        maxZoom: 1,
      });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [flow, highlightedNodes]);

  useEffect(() => {
    if (!onReady) return;
    onReady({
      imageFrame: () => {
        const element = container.current?.querySelector<HTMLElement>('.react-flow__viewport');
        const all = flow.getNodes();
        if (!element || all.length === 0) return null;
        // React Flow's own export recipe: frame the bounds of every node, not the part on screen.
        const bounds = getNodesBounds(all);
        const width = Math.ceil(bounds.width + 2 * EXPORT_PADDING);
        const height = Math.ceil(bounds.height + 2 * EXPORT_PADDING);
        const viewport = getViewportForBounds(bounds, width, height, 1, 1, 0);
        return {
          element,
          width,
          height,
          transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
          edgeCount: flow.getEdges().length,
        };
      },
    });
    return () => onReady(null);
  }, [flow, onReady]);

  return (
    <GraphInteractionContext.Provider value={interaction}>
      <div
        className={minimap ? 'chain-flow chain-flow--with-minimap' : 'chain-flow'}
        ref={container}
        style={{ '--edge-color': EDGE_COLOR[colorMode] } as CSSProperties}
        data-overview={overview && matches === null ? 'true' : 'false'}
      >
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          colorMode={colorMode}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          // One Tab stop per chain is its active row (the roving tabindex in ChainNodeView), not the node box as well.
          nodesFocusable={false}
          edgesFocusable={false}
          minZoom={0.05}
          maxZoom={2.5}
          onInit={initialView}
          proOptions={{ hideAttribution: true }}
          aria-label="NAT chain flow graph"
        >
          <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
          <Controls showInteractive={false} position="bottom-right" />
          <Panel position="top-left" className="graph-tools">
            <div className="segmented" role="group" aria-label="Rows drawn">
              <button
                type="button"
                className="btn btn--small"
                aria-pressed={overview}
                data-testid="graph-overview"
                onClick={() => chooseOverview(true)}
              >
                Overview
              </button>
              <button
                type="button"
                className="btn btn--small"
                aria-pressed={!overview}
                data-testid="graph-all-rules"
                onClick={() => chooseOverview(false)}
              >
                All rules
              </button>
            </div>
            <GraphLegend />
            <button
              type="button"
              className="btn btn--small"
              aria-pressed={minimap}
              data-testid="graph-minimap"
              onClick={() => setMinimap((on) => !on)}
            >
              Minimap
            </button>
          </Panel>
          {roles.size > 0 && <RoleLegend />}
        </ReactFlow>
        {/* Beside the canvas, never over it: over the graph it hid SHARED_DNAT's and HAIRPIN_SNAT's counters. */}
        {minimap && (
          <div className="chain-flow__minimap">
            <MiniMap
              pannable
              zoomable
              ariaLabel="Overview of the chain graph"
              style={MINIMAP_SIZE}
              position="top-left"
              nodeClassName={minimapNodeClass}
            />
          </div>
        )}
      </div>
    </GraphInteractionContext.Provider>
  );
}

/** Says what the two looks of a "never matches" diagnostic's rules mean. */
function RoleLegend() {
  return (
    <Panel position="top-right" className="graph-legend" data-testid="role-legend">
      <span className="graph-legend__item">
        <span className="graph-legend__swatch rule-row--dead" aria-hidden="true" /> {ROLE_TEXT.dead}
      </span>
      <span className="graph-legend__item">
        <span className="graph-legend__swatch rule-row--shadowing" aria-hidden="true" /> {ROLE_TEXT.shadowing}
      </span>
    </Panel>
  );
}
