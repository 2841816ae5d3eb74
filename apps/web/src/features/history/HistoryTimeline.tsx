import type { HistoryStatus } from '@natscope/api';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { gatewayHistoryQuery } from '../../api/queries.js';
import type { RefreshInterval } from '../../api/queries.js';
import { formatClock } from '../../lib/format.js';
import { readingBefore, timelineLayout, type TimelineMark } from './timeline-layout.js';
import './history.css';

const HOUR = 3_600_000;
/** The zooms, narrowest first; the last is the retention (added per server). */
const ZOOMS = [
  { id: '1h', label: '1 h', ms: HOUR },
  { id: '6h', label: '6 h', ms: 6 * HOUR },
  { id: '1d', label: '1 d', ms: 24 * HOUR },
  { id: '3d', label: '3 d', ms: 72 * HOUR },
] as const;

const CHANGE_WORDS: Record<TimelineMark['change'], string> = {
  first: 'first kept reading',
  rules: 'rules changed',
  stderr: 'stderr changed',
};

/**
 * The gateway's timeline: one mark per kept reading (each a change of a pod's rules or stderr), the stretches it could
 * not be read in red, zoomable from an hour to the retention. Choosing a mark shows the page as of that reading;
 * Compare diffs the chosen reading (else the newest) with the one before it or with now.
 */
export function HistoryTimeline({
  namespace,
  name,
  status,
  at,
  atTime,
  now,
  refreshInterval,
  onChoose,
  onCompare,
}: {
  namespace: string;
  name: string;
  status: HistoryStatus;
  /** The reading shown (time travel), or null for live. */
  at: number | null;
  /** When that reading was taken, so a zoom that would leave it out is widened. */
  atTime: string | null;
  now: number;
  refreshInterval: RefreshInterval;
  onChoose: (id: number) => void;
  onCompare: (from: number, to: number | 'latest') => void;
}) {
  const zooms = useMemo(
    () => [
      ...ZOOMS.filter((z) => z.ms < status.retentionDays * 24 * HOUR),
      { id: 'all', label: `${status.retentionDays} d`, ms: status.retentionDays * 24 * HOUR },
    ],
    [status.retentionDays],
  );
  const [chosen, setChosen] = useState<string | null>(null);
  // Until the user zooms, the narrowest window that holds the reading shown.
  const zoom =
    zooms.find((z) => z.id === chosen) ??
    zooms.find((z) => atTime === null || Date.parse(atTime) >= now - z.ms) ??
    zooms[zooms.length - 1]!;
  // Whole minutes: the query's key (and so the request) changes once a minute, not with every tick of `now`.
  const until = Math.ceil(now / 60_000) * 60_000;
  const since = until - zoom.ms;
  const history = useQuery(gatewayHistoryQuery(namespace, name, new Date(since).toISOString(), refreshInterval));
  const entries = useMemo(() => history.data?.entries ?? [], [history.data]);
  const layout = useMemo(() => timelineLayout(entries, since, until), [entries, since, until]);
  const newest = layout.marks.at(-1)?.id ?? null;
  const subject = at ?? newest;
  const before = subject !== null ? readingBefore(entries, subject) : null;
  const changes = layout.marks.filter((m) => m.change === 'rules').length;

  return (
    <section className="history" aria-labelledby="history-title" data-testid="history-timeline">
      <div className="history__head">
        <h2 id="history-title" className="history__title">
          History
        </h2>
        <span className="history__summary" data-testid="history-summary" aria-live="polite">
          {history.isPending
            ? 'reading the history…'
            : history.isError
              ? `history could not be read: ${history.error.message}`
              : `${words(layout.marks.length, 'kept reading')}, ${words(changes, 'rule change')}` +
                (layout.spans.length > 0 ? `, ${words(layout.spans.length, 'unreadable stretch', 'es')}` : '') +
                (history.data?.next ? ' (the newest 1000 shown)' : '') +
                ` in the last ${zoom.label}`}
        </span>
        <span className="spacer" />
        <div className="history__zoom" role="group" aria-label="Timeline span">
          {zooms.map((z) => (
            <button
              key={z.id}
              type="button"
              className="btn btn--tiny"
              aria-pressed={z.id === zoom.id}
              data-testid={`history-zoom-${z.id}`}
              onClick={() => setChosen(z.id)}
            >
              {z.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="btn btn--small"
          data-testid="history-compare"
          disabled={subject === null || before === null}
          title={before === null ? 'No earlier reading of this pod in the span shown' : undefined}
          onClick={() => subject !== null && before !== null && onCompare(before, subject)}
        >
          {at === null ? 'Compare the last change' : 'Compare with the reading before'}
        </button>
        {at !== null && (
          <button
            type="button"
            className="btn btn--small"
            data-testid="history-compare-latest"
            onClick={() => onCompare(at, 'latest')}
          >
            Compare with now
          </button>
        )}
      </div>
      <div className="history__strip" role="group" aria-label={`Readings from ${formatClock(since, now)} to now`}>
        {layout.spans.map((s, i) => (
          <div
            key={`span-${i}`}
            className="history__span"
            role="img"
            aria-label={`unreadable: ${s.message}`}
            title={`unreadable: ${s.message}`}
            data-testid={`history-unreadable-${i}`}
            style={{ left: `${s.from * 100}%`, width: `max(3px, ${(s.to - s.from) * 100}%)` }}
          />
        ))}
        {layout.marks.map((m) => (
          <button
            key={m.id}
            type="button"
            className={`history__mark history__mark--${m.change}`}
            style={{ left: `${m.x * 100}%` }}
            aria-pressed={m.id === at}
            aria-label={`Reading at ${formatClock(m.at, now)}: ${CHANGE_WORDS[m.change]} (pod ${m.pod})`}
            title={`${formatClock(m.at, now)}: ${CHANGE_WORDS[m.change]} (pod ${m.pod})`}
            data-testid={`history-reading-${m.id}`}
            onClick={() => onChoose(m.id)}
          />
        ))}
      </div>
      <div className="history__axis" aria-hidden="true">
        <span>{formatClock(since, now)}</span>
        <span>now</span>
      </div>
    </section>
  );
}

function words(n: number, thing: string, plural = 's'): string {
  return `${n} ${thing}${n === 1 ? '' : plural}`;
}
