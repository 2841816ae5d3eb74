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
  type ReactFlowInstance,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { formatRuleKey, type RuleKey } from '../../lib/url-state.js';
import type { RuleDrift } from '../desired/rule-drift.js';
import { ROLE_TEXT, type RuleRole } from '../gateway/diagnostic-roles.js';
import type { RuleFlag } from '../gateway/rule-diagnostics.js';
import { ChainNodeView } from './ChainNodeView.js';
import { flowModel, type ChainFlowNode, type JumpFlowEdge } from './flow-model.js';
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
  /** A chosen "never matches" diagnostic's rules and their parts (see diagnostic-roles.ts); a legend explains them. */
  roles?: ReadonlyMap<string, RuleRole>;
  /** The desired-state comparison by rule (`ruleDrift`): orphaned and differing rules get a tag on their row. */
  drift?: ReadonlyMap<string, RuleDrift>;
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
// Below this zoom rule text (12 px) is too small to read (under 9 px): a big graph opens at this zoom on its first chains
// instead of fitted whole, and highlighted rules are brought into view no smaller. Nor below the zoom at which a row is
// still a 24 px target.
const READABLE_ZOOM = Math.max(0.75, TARGET_ZOOM);
const EDGE_COLOR = { light: '#6a4fd6', dark: '#a48bff' };
const NO_ROLES: ReadonlyMap<string, RuleRole> = new Map();
const NO_DRIFT: ReadonlyMap<string, RuleDrift> = new Map();

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
const MINIMAP_SIZE = { width: 150, height: 100 };

// Room around highlighted chains: generous around one or two (a diagnostic), little around a trace's whole path, whose
// chains span most of the graph and would otherwise shrink to an unreadable zoom.
function focusPadding(nodes: readonly string[]): number {
  return nodes.length > 2 ? 0.05 : 0.4;
}

function ChainFlowCanvas({ report, graph, matches, selected, highlighted, flags, roles = NO_ROLES, drift = NO_DRIFT, colorMode, onSelectRule, onReady }: ChainFlowProps) {
  const flow = useReactFlow<ChainFlowNode>();
  const container = useRef<HTMLDivElement>(null);
  const [limits, setLimits] = useState<ReadonlyMap<string, number>>(new Map());

  const highlightedKeys = useMemo(() => new Set(highlighted.map(formatRuleKey)), [highlighted]);
  const pinned = useMemo(() => {
    const byNode = new Map<string, Set<number>>();
    for (const ref of [...highlighted, ...(selected ? [selected] : [])]) {
      const id = `${ref.table}/${ref.chain}`;
      const set = byNode.get(id) ?? new Set<number>();
      set.add(ref.index);
      byNode.set(id, set);
    }
    return byNode;
  }, [highlighted, selected]);

  const tagged = useMemo(() => taggedRules(drift), [drift]);
  const model = useMemo(
    () => flowModel(graph, report, { matches, limits, defaultLimit: DEFAULT_ROW_LIMIT, pinned, tagged, edgeColor: EDGE_COLOR[colorMode] }),
    [graph, report, matches, limits, pinned, tagged, colorMode],
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
        return active || chosen ? { ...edge, className: `${edge.className ?? ''} jump-edge--active`, animated: true } : edge;
      }),
    [model.edges, highlightedKeys, selected],
  );

  const interaction = useMemo<GraphInteraction>(
    () => ({
      selected: selected ? formatRuleKey(selected) : null,
      highlighted: highlightedKeys,
      flags,
      roles,
      drift,
      onSelectRule,
      onShowMore: (id) => setLimits((old) => new Map(old).set(id, (old.get(id) ?? DEFAULT_ROW_LIMIT) + 200)),
      onShowFewer: (id) =>
        setLimits((old) => {
          const next = new Map(old);
          next.delete(id);
          return next;
        }),
    }),
    [selected, highlightedKeys, flags, roles, drift, onSelectRule],
  );

  const highlightedNodes = useMemo(() => [...new Set(highlighted.map((r) => `${r.table}/${r.chain}`))], [highlighted]);

  // The first view, once React Flow's viewport exists: the whole graph when it fits at a readable zoom, else its start
  // (the hooks, top left) at a readable zoom. Node sizes are known without measuring (they are set on each node).
  // A link naming a rule opens on that rule's row (it is always drawn: selected rules are pinned); one naming a
  // diagnostic or a trace, on the chains of its rules.
  const selectedAtStart = useRef(selected);
  const highlightedAtStart = useRef(highlightedNodes);
  const initialView = useCallback(
    (instance: ReactFlowInstance<ChainFlowNode, JumpFlowEdge>) => {
      const box = container.current;
      const all = instance.getNodes();
      if (!box || all.length === 0) return;
      const start = selectedAtStart.current;
      const node = start && all.find((n) => n.id === `${start.table}/${start.chain}`);
      const row = node ? node.data.rows.items.findIndex((item) => item.kind === 'rule' && item.rule.index === start?.index) : -1;
      if (node && row >= 0) {
        const y = node.position.y + HEADER_HEIGHT + (row + 0.5) * ROW_HEIGHT;
        void instance.setCenter(node.position.x + (node.width ?? 0) / 2, y, { zoom: 1 });
        return;
      }
      if (highlightedAtStart.current.length > 0) {
        void instance.fitView({ nodes: highlightedAtStart.current.map((id) => ({ id })), padding: focusPadding(highlightedAtStart.current), minZoom: READABLE_ZOOM, maxZoom: 1 });
        return;
      }
      const bounds = getNodesBounds(all);
      const fit = Math.min(box.clientWidth / bounds.width, box.clientHeight / bounds.height) * 0.92;
      if (fit >= READABLE_ZOOM) void instance.fitView({ padding: 0.08, maxZoom: 1 });
      else void instance.setViewport({ x: 24 - bounds.x * READABLE_ZOOM, y: 24 - bounds.y * READABLE_ZOOM, zoom: READABLE_ZOOM });
    },
    [],
  );

  // Bring highlighted rules into view when a diagnostic is chosen or a trace runs.
  useEffect(() => {
    if (highlightedNodes.length === 0) return;
    const timer = window.setTimeout(() => {
      void flow.fitView({ nodes: highlightedNodes.map((id) => ({ id })), duration: 300, padding: focusPadding(highlightedNodes), minZoom: READABLE_ZOOM, maxZoom: 1 });
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
      <div className="chain-flow" ref={container} style={{ '--edge-color': EDGE_COLOR[colorMode] } as CSSProperties}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          colorMode={colorMode}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          nodesFocusable
          edgesFocusable={false}
          minZoom={0.05}
          maxZoom={2.5}
          onInit={initialView}
          proOptions={{ hideAttribution: true }}
          aria-label="NAT chain flow graph"
        >
          <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
          <Controls showInteractive={false} position="bottom-left" />
          {/* Smaller than React Flow's 200 × 150: over a long chain the overview hides the rows' counters beneath it. */}
          <MiniMap pannable zoomable position="bottom-right" ariaLabel="Overview of the chain graph" style={MINIMAP_SIZE} />
          {roles.size > 0 && <RoleLegend />}
        </ReactFlow>
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
