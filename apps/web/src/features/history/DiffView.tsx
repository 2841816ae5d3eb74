import type { DiffRule, GatewayDiff } from '@natscope/api';
import { diffPhrases } from '@natscope/natgw';
import { useQuery } from '@tanstack/react-query';
import { readingDiffQuery } from '../../api/queries.js';
import { EmptyState } from '../../lib/EmptyState.js';
import { formatClock } from '../../lib/format.js';
import './history.css';

/**
 * `view=diff&from=&to=`: what changed between two kept readings, in words first (mappings, with when each change was
 * seen; reordered chains; diagnostics), then the rule lines added and removed with their lines in their readings.
 */
export function DiffView({
  namespace,
  name,
  from,
  to,
  now,
  onShowGraph,
}: {
  namespace: string;
  name: string;
  from: number | null;
  to: number | 'latest' | null;
  now: number;
  /** Shows the `to` reading's graph with these changes marked on it. */
  onShowGraph: (diff: GatewayDiff) => void;
}) {
  const diff = useQuery({
    ...readingDiffQuery(namespace, name, from ?? 0, to ?? 'latest'),
    enabled: from !== null,
  });
  if (from === null)
    return (
      <EmptyState title="Choose two readings to compare">
        <p>
          Pick a reading on the timeline above and press <strong>Compare with the reading before</strong> or{' '}
          <strong>Compare with now</strong>; or press <strong>Compare the last change</strong>.
        </p>
      </EmptyState>
    );
  if (diff.isPending)
    return (
      <p className="loading">
        Comparing kept readings {from} and {to ?? 'latest'}…
      </p>
    );
  if (diff.isError)
    return (
      <EmptyState title="These readings could not be compared" tone="error">
        <p>{diff.error.message}</p>
      </EmptyState>
    );
  const d = diff.data;
  const phrases = diffPhrases(d, {
    added: d.changedAt.added.map((t) => formatClock(t, now)),
    removed: d.changedAt.removed.map((t) => formatClock(t, now)),
    changed: d.changedAt.changed.map((t) => formatClock(t, now)),
  });
  const none = phrases.length === 0 && d.rules.added.length === 0 && d.rules.removed.length === 0;
  return (
    <section className="diff-view" aria-labelledby="diff-title" data-testid="diff-view">
      <div className="diff-view__head">
        <h2 id="diff-title" className="diff-view__title">
          Changes from {formatClock(d.from.at, now)} to {formatClock(d.to.at, now)}
        </h2>
        <span className="diff-view__meta">
          kept readings {d.from.id} → {d.to.id}
          {d.from.pod === d.to.pod ? ` of pod ${d.to.pod}` : ` (pod ${d.from.pod} → ${d.to.pod})`}
        </span>
        <span className="spacer" />
        {!none && (
          <button type="button" className="btn btn--small" data-testid="diff-show-graph" onClick={() => onShowGraph(d)}>
            Show on the graph
          </button>
        )}
      </div>
      {none ? (
        <EmptyState title="No change in the rules">
          <p>Both readings hold the same rules in the same order; only counters moved, and traffic is not a change.</p>
        </EmptyState>
      ) : (
        <>
          {phrases.length > 0 && (
            <ul className="diff-view__phrases" aria-label="What changed">
              {phrases.map((p, i) => (
                <li key={i} data-testid={`diff-phrase-${i}`}>
                  {p}
                </li>
              ))}
            </ul>
          )}
          <RuleLines title="Rules removed" sign="−" kind="removed" rules={d.rules.removed} reading={d.from.id} />
          <RuleLines title="Rules added" sign="+" kind="added" rules={d.rules.added} reading={d.to.id} />
        </>
      )}
    </section>
  );
}

function RuleLines({
  title,
  sign,
  kind,
  rules,
  reading,
}: {
  title: string;
  sign: string;
  kind: 'added' | 'removed';
  rules: readonly DiffRule[];
  reading: number;
}) {
  if (rules.length === 0) return null;
  return (
    <>
      <h3 className="diff-view__subtitle">
        {title} ({rules.length})
      </h3>
      <table className={`diff-rules diff-rules--${kind}`}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
            <th scope="col">Table</th>
            <th scope="col" title={`The rule's line in kept reading ${reading}`}>
              Line
            </th>
            <th scope="col">Rule</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={i} data-testid={`diff-rule-${kind}-${i}`}>
              <td className="diff-rules__sign">
                <span aria-hidden="true">{sign}</span>
                <span className="visually-hidden">{kind}</span>
              </td>
              <td>{r.table}</td>
              <td>{r.line}</td>
              <td>
                <code>{r.text}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
