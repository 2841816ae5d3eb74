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
    return [
      `.chain-flow .react-flow__node${visited} { opacity: 0.35; }`,
      '.chain-flow .rule-row:not(.rule-row--highlighted):not(.rule-row--selected) { opacity: 0.55; }',
      '.chain-flow .react-flow__edge:not(.jump-edge--active) { opacity: 0.25; }',
    ].join('\n');
  }, [result]);
  return <style data-testid="trace-path-style">{css}</style>;
}
