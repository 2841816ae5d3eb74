import { createContext, useContext } from 'react';
import type { RuleDrift } from '../desired/rule-drift.js';
import type { RuleRole } from '../gateway/diagnostic-roles.js';
import type { RuleFlag } from '../gateway/rule-diagnostics.js';
import type { RuleKey } from '../../lib/url-state.js';

/** What chain nodes need from the page: selection, highlights, diagnostic and desired-state markers and the callbacks. */
export interface GraphInteraction {
  /** Selected rule as `<table>/<chain>/<index>`. */
  selected: string | null;
  /** Highlighted rules (a diagnostic's or a trace's), as `<table>/<chain>/<index>`. */
  highlighted: ReadonlySet<string>;
  flags: ReadonlyMap<string, RuleFlag>;
  /** Rules that the chosen diagnostic says never match, or that take such a rule's traffic. */
  roles: ReadonlyMap<string, RuleRole>;
  /** What the desired-state comparison says about each rule (its marker: orphaned, differs). */
  drift: ReadonlyMap<string, RuleDrift>;
  onSelectRule: (key: RuleKey) => void;
  onShowMore: (nodeId: string) => void;
  onShowFewer: (nodeId: string) => void;
  /** Brings a chain into view at a zoom where its rows are legible (from its far summary). */
  onZoomTo: (nodeId: string) => void;
  /**
   * The roving tabindex: per chain node id, the rule index whose row is the chain's one Tab stop (absent: its first
   * drawn rule). Arrow keys move it (graph-keys.ts).
   */
  activeRows: ReadonlyMap<string, number>;
  /** Rules a compared reading did not have (a diff shown on the graph), as `<table>/<chain>/<index>`: tagged "added". */
  added: ReadonlySet<string>;
  /** Per chain node id, the rules a compared reading had and this one has not: drawn struck through below its rows. */
  removed: ReadonlyMap<string, readonly string[]>;
  /** Rules the shown trace's NAT rewrote the packet in, as `<table>/<chain>/<index>`: tagged "rewrote" on their row. */
  rewrote: ReadonlySet<string>;
  /** Makes a row its chain's Tab stop and focuses it, panning the graph when the row is off screen. */
  focusRow: (nodeId: string, index: number) => void;
  /** → on a jump: remembers where from and focuses the target chain; ← goes back there. */
  followJump: (from: { nodeId: string; index: number }, targetNodeId: string) => void;
  jumpBack: () => boolean;
}

/** Passed through context so that a new selection does not rebuild nodes (and never re-runs the layout). */
export const GraphInteractionContext = createContext<GraphInteraction | null>(null);

/** The graph interaction of the enclosing ChainFlow. */
export function useGraphInteraction(): GraphInteraction {
  const value = useContext(GraphInteractionContext);
  if (!value) throw new Error('chain nodes render only inside ChainFlow');
  return value;
}
