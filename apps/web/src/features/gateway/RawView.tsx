import { useEffect, useRef } from 'react';
import { ROLE_TEXT, type RuleRoleKind } from './diagnostic-roles.js';

/**
 * The raw iptables-save text exactly as the pod printed it, with line numbers, and the gateway command's stderr.
 * The selected rule's line is marked and scrolled into view; lines of filter matches and highlighted rules are marked;
 * a chosen "never matches" diagnostic's dead rule is struck through and the rule that takes its traffic outlined.
 */
export function RawView({
  lines,
  stderr,
  selectedLine,
  markedLines,
  roleLines = new Map(),
}: {
  lines: readonly string[];
  stderr: string;
  selectedLine: number | null;
  markedLines: ReadonlySet<number>;
  roleLines?: ReadonlyMap<number, RuleRoleKind>;
}) {
  const selected = useRef<HTMLDivElement>(null);
  useEffect(() => {
    selected.current?.scrollIntoView({ block: 'center' });
  }, [selectedLine]);
  const width = String(lines.length).length;
  return (
    <div className="raw-view">
      <section aria-labelledby="stderr-title" className="raw-view__stderr">
        <h2 id="stderr-title" className="panel__title">
          stderr
        </h2>
        {stderr.trim() ? <pre className="raw-view__stderr-text">{stderr}</pre> : <p className="muted">The gateway command wrote nothing to stderr.</p>}
      </section>
      <section aria-labelledby="raw-title">
        <h2 id="raw-title" className="panel__title">
          iptables-save output <span className="muted">({lines.length} lines)</span>
        </h2>
        {lines.length === 0 || (lines.length === 1 && lines[0] === '') ? (
          <p className="muted">The gateway printed nothing on stdout.</p>
        ) : (
          <pre className="raw-view__text" aria-label="Raw iptables-save output">
            {lines.map((line, i) => {
              const number = i + 1;
              const role = roleLines.get(number);
              const cls = number === selectedLine ? 'raw-line raw-line--selected' : markedLines.has(number) ? 'raw-line raw-line--marked' : 'raw-line';
              return (
                <div
                  key={number}
                  className={role ? `${cls} raw-line--${role}` : cls}
                  title={role ? ROLE_TEXT[role] : undefined}
                  ref={number === selectedLine ? selected : undefined}
                >
                  <span className="raw-line__number" aria-hidden="true">
                    {String(number).padStart(width, ' ')}
                  </span>
                  {line || ' '}
                </div>
              );
            })}
          </pre>
        )}
      </section>
    </div>
  );
}
