import { useEffect, useRef } from 'react';

/**
 * The raw iptables-save text exactly as the pod printed it, with line numbers, and the gateway command's stderr.
 * The selected rule's line is marked and scrolled into view; lines of filter matches and highlighted rules are marked.
 */
export function RawView({
  lines,
  stderr,
  selectedLine,
  markedLines,
}: {
  lines: readonly string[];
  stderr: string;
  selectedLine: number | null;
  markedLines: ReadonlySet<number>;
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
              const cls = number === selectedLine ? 'raw-line raw-line--selected' : markedLines.has(number) ? 'raw-line raw-line--marked' : 'raw-line';
              return (
                <div key={number} className={cls} ref={number === selectedLine ? selected : undefined}>
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
