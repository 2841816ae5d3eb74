import type { ChainRows } from './visible-rows.js';

// The chain node's geometry. The CSS in styles.css (.chain-node …) uses the same numbers through custom
// properties set from here, so the layout's estimate and the drawn node are the same size.
/** Height of one rule or fold row: a row is a button, and at the graph's readable zoom it must stay a 24 px target. */
export const ROW_HEIGHT = 28;
/** The smallest zoom the graph opens at: rows (and the footer's buttons) still 24 px on screen (WCAG 2.5.8). */
export const TARGET_ZOOM = 24.2 / ROW_HEIGHT;
/** Height of the node header (chain name, table, policy line). */
export const HEADER_HEIGHT = 46;
/** Height of the footer with the "show more" controls. */
export const FOOTER_HEIGHT = 30;
/** Width of one character of the rule text (12 px monospace). */
const CHAR_WIDTH = 7.3;
/** Width of everything in a row but the rule text: index, marker, counters, rate, padding. */
const ROW_CHROME = 200;
/** Width of a desired-state tag before a rule's text: "orphaned" in 11 px bold sans measures 71 px in Chromium, plus its margin. */
export const DRIFT_TAG_WIDTH = 80;
/** Width of one character of the header's meta line (11 px sans), for the line of counts and diagnostic words. */
const META_CHAR_WIDTH = 6.6;
const MIN_WIDTH = 280;
const MAX_WIDTH = 600;

const NO_TAGS: ReadonlySet<number> = new Set();

/**
 * Size of a chain node: wide enough for its longest drawn rule (up to a cap), tall enough for its rows. Rules in
 * `tagged` (by index) carry a desired-state tag before their text, so their row needs that much more; `removed` are
 * the rules a compared reading had, drawn struck through below the rows.
 */
export function chainNodeSize(
  rows: ChainRows,
  hasFooter: boolean,
  title: string,
  emptyBuiltin: boolean,
  tagged: ReadonlySet<number> = NO_TAGS,
  metaChars = 0,
  removed: readonly string[] = [],
): { width: number; height: number } {
  let longest = 0;
  for (const item of rows.items)
    if (item.kind === 'rule')
      longest = Math.max(
        longest,
        item.rule.summary.length * CHAR_WIDTH + (tagged.has(item.rule.index) ? DRIFT_TAG_WIDTH : 0),
      );
  // A removed rule's struck-through row: its text after a "removed" tag, as wide as a tagged row's.
  for (const text of removed) longest = Math.max(longest, text.length * CHAR_WIDTH + DRIFT_TAG_WIDTH);
  const width = Math.round(
    Math.min(
      MAX_WIDTH,
      Math.max(MIN_WIDTH, ROW_CHROME + longest, 120 + title.length * 9, 24 + metaChars * META_CHAR_WIDTH),
    ),
  );
  // An empty user chain says so in one row; an empty built-in chain is just its header (policy and counters).
  const bodyRows = rows.items.length > 0 || !emptyBuiltin ? Math.max(rows.items.length, 1) : 0;
  const height = HEADER_HEIGHT + (bodyRows + removed.length) * ROW_HEIGHT + (hasFooter ? FOOTER_HEIGHT : 0) + 2;
  return { width, height };
}
