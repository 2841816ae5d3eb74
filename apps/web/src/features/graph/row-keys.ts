/** What a key pressed on a rule row asks the graph to do (the roving tabindex of ChainNodeView). */
export type RowMove = { kind: 'row'; index: number } | { kind: 'jump' } | { kind: 'back' } | null;

/**
 * ↑/↓ move between the chain's drawn rules, Home/End to its first and last, → follows the row's jump into the chain it
 * names, ← goes back to the jump that led here. Anything else is the browser's (Tab leaves the chain: one stop each).
 */
export function rowMove(key: string, drawn: readonly number[], current: number, jumps: boolean): RowMove {
  const at = drawn.indexOf(current);
  switch (key) {
    case 'ArrowDown':
      return at >= 0 && at < drawn.length - 1 ? { kind: 'row', index: drawn[at + 1]! } : null;
    case 'ArrowUp':
      return at > 0 ? { kind: 'row', index: drawn[at - 1]! } : null;
    case 'Home':
      return drawn.length > 0 ? { kind: 'row', index: drawn[0]! } : null;
    case 'End':
      return drawn.length > 0 ? { kind: 'row', index: drawn[drawn.length - 1]! } : null;
    case 'ArrowRight':
      return jumps ? { kind: 'jump' } : null;
    case 'ArrowLeft':
      return { kind: 'back' };
    default:
      return null;
  }
}
