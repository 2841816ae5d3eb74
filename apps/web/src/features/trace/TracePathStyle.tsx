import type { TraceResult } from '@natscope/api';
import { useMemo } from 'react';
import { tracedChains } from './trace-path.js';

/** A CSS string literal for an attribute selector (escapes quotes and backslashes). */
function cssString(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Dims what the traced packet did not touch while its path is shown: chains it never entered, rows it did not
 * take, jumps it did not follow. The lit rows and animated edges come from the graph's own highlighting; this
 * only fades the rest, as a style element, so the graph needs no trace-specific code.
 */
export function TracePathStyle({ result }: { result: TraceResult }) {
  const css = useMemo(() => {
    const visited = [...tracedChains(result)].map((id) => `:not([data-id=${cssString(id)}])`).join('');
    const faded = `.chain-flow .react-flow__node${visited}`;
    const untaken = '.chain-flow .rule-row:not(.rule-row--highlighted):not(.rule-row--selected) .rule-row__button';
    // Faded by colour, never by opacity: muted text on the page background still reads at 4.5:1 (WCAG 1.4.3).
    return [
      `${faded} .chain-node, ${faded} .chain-node__header { background: var(--bg); border-style: dashed; box-shadow: none; }`,
      `${faded} .chain-node, ${faded} .chain-node * { color: var(--muted); }`,
      `${untaken}, ${untaken} * { color: var(--muted); font-weight: 400; }`,
      '.chain-flow .react-flow__edge:not(.jump-edge--active) .react-flow__edge-path { stroke: var(--border-strong); }',
      '.chain-flow .react-flow__edge:not(.jump-edge--active) .react-flow__edge-text { fill: var(--muted); }',
    ].join('\n');
  }, [result]);
  return <style data-testid="trace-path-style">{css}</style>;
}
