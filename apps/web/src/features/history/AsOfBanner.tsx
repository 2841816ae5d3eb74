import type { GatewayDetail } from '@natscope/api';
import { formatClock } from '../../lib/format.js';

/**
 * Says the page is the past: which reading, of which pod, when. Everything below it (graph, EIP table, raw, trace) is
 * that reading's; "Back to live" drops `at=` from the link.
 */
export function AsOfBanner({
  id,
  detail,
  now,
  onLive,
}: {
  id: number;
  detail: GatewayDetail | undefined;
  now: number;
  onLive: () => void;
}) {
  return (
    <div className="banner banner--warning history-as-of" role="status" data-testid="history-as-of">
      <span>
        {detail?.collectedAt ? (
          <>
            <strong>As of {formatClock(detail.collectedAt, now)}</strong>: the rules of pod <code>{detail.pod}</code> as
            they were then (kept reading {id}), with that moment's counters. The gateway may have changed since.
          </>
        ) : (
          <strong>As of kept reading {id}…</strong>
        )}
      </span>
      <button type="button" className="btn btn--small" data-testid="history-live" onClick={onLive}>
        Back to live
      </button>
    </div>
  );
}
