import type { DriftCounts, DriftStatus, Severity } from '@natscope/api';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The worst severity among the counts, or null when there are none. */
function worst(counts: DriftCounts): Severity | null {
  if (counts.error > 0) return 'error';
  if (counts.warning > 0) return 'warning';
  if (counts.info > 0) return 'info';
  return null;
}

/** Findings by severity in words, worst first: `2 errors, 6 warnings`. */
function driftCountsText(counts: DriftCounts): string {
  return (['error', 'warning', 'info'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => plural(counts[s], s))
    .join(', ');
}

/**
 * A gateway's desired state in one badge: "in sync", "N findings" in the colour of the worst one (its severities
 * in words beside it for screen readers, and in the title), or "unknown". The reason an unknown state has is the
 * caller's to show: it is often long (an RBAC rule), so it does not fit a badge.
 */
export function DriftBadge({ status, counts }: { status: DriftStatus; counts: DriftCounts }) {
  if (status === 'in-sync') return <span className="badge badge--status-ok">in sync</span>;
  if (status === 'unknown') return <span className="badge badge--drift-unknown">unknown</span>;
  const total = counts.error + counts.warning + counts.info;
  const severity = worst(counts);
  const words = driftCountsText(counts);
  return (
    <span
      className={`badge ${severity ? `badge--sev-${severity}` : 'badge--drift-unknown'}`}
      title={words || 'drifted'}
    >
      {total > 0 ? plural(total, 'finding') : 'drifted'}
      {words && <span className="visually-hidden">: {words}</span>}
    </span>
  );
}
