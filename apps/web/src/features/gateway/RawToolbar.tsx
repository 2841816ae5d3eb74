import { MAX_MATCHES } from './raw-find.js';

/** What the find box says of its matches: `3 of 12`, `no match`, nothing while empty. */
function matchText(query: string, count: number, current: number): string {
  if (query === '') return '';
  if (count === 0) return 'no match';
  return `${current + 1} of ${count}${count >= MAX_MATCHES ? '+' : ''}`;
}

/**
 * The raw view's tools: find (Enter for the next match, Shift+Enter the previous), wrap long lines, and copy the
 * current line (the current match's, else the selected rule's): the keyboard's way to what a click on a line number does.
 */
export function RawToolbar({
  query,
  onQuery,
  count,
  current,
  onStep,
  wrap,
  onWrap,
  copyLine,
  onCopy,
  status,
}: {
  query: string;
  onQuery: (query: string) => void;
  count: number;
  current: number;
  onStep: (by: 1 | -1) => void;
  wrap: boolean;
  onWrap: (wrap: boolean) => void;
  /** The 1-based line "Copy line" copies, or null when no line is current. */
  copyLine: number | null;
  onCopy: (line: number) => void;
  /** What the last copy did ("Copied line 12."), said politely to screen readers. */
  status: string;
}) {
  return (
    <div className="raw-tools" role="group" aria-label="Raw dump tools">
      <label className="field field--inline raw-tools__find">
        <span>Find</span>
        <input
          type="search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          }}
          spellCheck={false}
          placeholder="e.g. 192.168.100.12"
          aria-describedby="raw-find-count"
          data-testid="raw-find"
        />
      </label>
      <span id="raw-find-count" className="raw-tools__count" aria-live="polite" data-testid="raw-find-count">
        {matchText(query, count, current)}
      </span>
      <button
        type="button"
        className="btn btn--small"
        onClick={() => onStep(-1)}
        disabled={count === 0}
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
      >
        ↑
      </button>
      <button
        type="button"
        className="btn btn--small"
        onClick={() => onStep(1)}
        disabled={count === 0}
        aria-label="Next match"
        title="Next match (Enter)"
      >
        ↓
      </button>
      <label className="raw-tools__wrap">
        <input type="checkbox" checked={wrap} onChange={(e) => onWrap(e.target.checked)} data-testid="raw-wrap" />
        Wrap long lines
      </label>
      <button
        type="button"
        className="btn btn--small"
        disabled={copyLine === null}
        onClick={() => copyLine !== null && onCopy(copyLine)}
        title={copyLine === null ? 'Find a line or select a rule first; or click a line number' : undefined}
        data-testid="raw-copy-line"
      >
        {copyLine === null ? 'Copy line' : `Copy line ${copyLine}`}
      </button>
      <span className="raw-tools__status" role="status" data-testid="raw-copy-status">
        {status}
      </span>
    </div>
  );
}
