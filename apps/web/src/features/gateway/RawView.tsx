import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { readPreference, writePreference } from '../../app/stored-preference.js';
import { copyText } from '../../lib/copy-text.js';
import { ROLE_TEXT, type RuleRoleKind } from './diagnostic-roles.js';
import { findMatches, type RawMatch } from './raw-find.js';
import { RawToolbar } from './RawToolbar.js';

const WRAP_KEY = 'natscope.rawWrap';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

/** A line's text with its find matches marked; the current match has its own class so the page can scroll to it. */
function markedText(
  text: string,
  matches: readonly { match: RawMatch; n: number }[] | undefined,
  current: number,
): ReactNode {
  if (!matches) return text || ' ';
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { match, n } of matches) {
    if (match.start > at) parts.push(text.slice(at, match.start));
    parts.push(
      <mark key={n} className={n === current ? 'raw-match raw-match--current' : 'raw-match'}>
        {text.slice(match.start, match.end)}
      </mark>,
    );
    at = match.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/**
 * The raw iptables-save text exactly as the pod printed it, with line numbers, and the gateway command's stderr.
 * The selected rule's line is marked and scrolled into view; lines of filter matches and highlighted rules are marked;
 * a chosen "never matches" diagnostic's dead rule is struck through and the rule that takes its traffic outlined.
 * A find box marks and steps through matches, long lines wrap on request, and a line copies with a click on its
 * number (or "Copy line" for the current one, from the keyboard).
 */
export function RawView({
  lines,
  stderr,
  selectedLine,
  markedLines,
  roleLines = new Map(),
}: {
  lines: readonly string[];
  /** The gateway command's stderr; null for a file, which has none. */
  stderr: string | null;
  selectedLine: number | null;
  markedLines: ReadonlySet<number>;
  roleLines?: ReadonlyMap<number, RuleRoleKind>;
}) {
  const selected = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLPreElement>(null);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  // Bumped by each step or new query: only then does the view scroll to the current match (not on each refresh).
  const [jump, setJump] = useState(0);
  const [wrap, setWrap] = useState(() => readPreference(WRAP_KEY, isBoolean, false));
  const [copied, setCopied] = useState('');

  useEffect(() => {
    selected.current?.scrollIntoView?.({ block: 'center' });
  }, [selectedLine]);

  const matches = useMemo(() => findMatches(lines, query), [lines, query]);
  // A refresh may change the dump under the find: keep the current match in range.
  const at = matches.length === 0 ? 0 : Math.min(current, matches.length - 1);
  const byLine = useMemo(() => {
    const map = new Map<number, { match: RawMatch; n: number }[]>();
    matches.forEach((match, n) => map.set(match.line, [...(map.get(match.line) ?? []), { match, n }]));
    return map;
  }, [matches]);

  useEffect(() => {
    if (jump === 0) return;
    text.current?.querySelector('.raw-match--current')?.scrollIntoView?.({ block: 'center', inline: 'nearest' });
  }, [jump]);

  const step = (by: 1 | -1) => {
    if (matches.length === 0) return;
    setCurrent((at + by + matches.length) % matches.length);
    setJump((j) => j + 1);
  };
  const copyLineAt = (number: number) => {
    void copyText(lines[number - 1] ?? '').then((ok) =>
      setCopied(ok ? `Copied line ${number}.` : `Could not copy line ${number}: select its text instead.`),
    );
  };
  const currentMatch = matches[at];
  const copyLine = currentMatch ? currentMatch.line + 1 : selectedLine;
  const width = String(lines.length).length;
  return (
    <div className="raw-view">
      {stderr !== null && (
        <section aria-labelledby="stderr-title" className="raw-view__stderr">
          <h2 id="stderr-title" className="panel__title">
            stderr
          </h2>
          {stderr.trim() ? (
            <pre className="raw-view__stderr-text">{stderr}</pre>
          ) : (
            <p className="muted">The gateway command wrote nothing to stderr.</p>
          )}
        </section>
      )}
      <section aria-labelledby="raw-title">
        <h2 id="raw-title" className="panel__title">
          iptables-save output <span className="muted">({lines.length} lines)</span>
        </h2>
        {lines.length === 0 || (lines.length === 1 && lines[0] === '') ? (
          <p className="muted">The gateway printed nothing on stdout.</p>
        ) : (
          <>
            <RawToolbar
              query={query}
              onQuery={(q) => {
                setQuery(q);
                setCurrent(0);
                setJump((j) => j + 1);
              }}
              count={matches.length}
              current={at}
              onStep={step}
              wrap={wrap}
              onWrap={(w) => {
                setWrap(w);
                writePreference(WRAP_KEY, w);
              }}
              copyLine={copyLine}
              onCopy={copyLineAt}
              status={copied}
            />
            {/* A scroller keyboard users must be able to reach (WCAG 2.1.1): focusable, and named as a region. */}
            <pre
              ref={text}
              className={wrap ? 'raw-view__text raw-view__text--wrap' : 'raw-view__text'}
              role="region"
              aria-label="Raw iptables-save output"
              tabIndex={0}
            >
              {lines.map((line, i) => {
                const number = i + 1;
                const role = roleLines.get(number);
                const cls =
                  number === selectedLine
                    ? 'raw-line raw-line--selected'
                    : markedLines.has(number)
                      ? 'raw-line raw-line--marked'
                      : 'raw-line';
                return (
                  <div
                    key={number}
                    className={role ? `${cls} raw-line--${role}` : cls}
                    title={role ? ROLE_TEXT[role] : undefined}
                    ref={number === selectedLine ? selected : undefined}
                  >
                    {/* A click on the number copies the line: a mouse shortcut, hidden from screen readers (it would
                        read before every line), with "Copy line" in the tools as the keyboard's way. */}
                    <span
                      className="raw-line__number"
                      aria-hidden="true"
                      title={`Copy line ${number}`}
                      onClick={() => copyLineAt(number)}
                    >
                      {String(number).padStart(width, ' ')}
                    </span>
                    <span className="raw-line__text">{markedText(line, byLine.get(i), at)}</span>
                  </div>
                );
              })}
            </pre>
          </>
        )}
      </section>
    </div>
  );
}
