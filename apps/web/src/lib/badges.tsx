import type { GatewaySummary } from '@natscope/api';

/** The backend a gateway's rules live in: legacy or nft, as its own script chose. */
export function BackendBadge({ backend }: { backend: GatewaySummary['backend'] }) {
  return (
    <span className={`badge badge--backend-${backend}`} title={backend === 'unknown' ? 'backend not known yet' : `iptables-${backend}`}>
      {backend}
    </span>
  );
}

/** ok / error / pending, plus "stale" when an older good reading is being shown after a failure. */
export function StatusBadge({ status, stale }: { status: GatewaySummary['status']; stale: boolean }) {
  return (
    <span className="status">
      <span className={`badge badge--status-${status}`}>{status}</span>
      {stale && (
        <span className="badge badge--stale" title="The latest reading failed; the last good one is shown">
          stale
        </span>
      )}
    </span>
  );
}

/** Diagnostic counts by severity; zero counts are dimmed so problems stand out. */
export function SeverityCounts({ counts }: { counts: GatewaySummary['diagnostics'] }) {
  const parts = (['error', 'warning', 'info'] as const).map((severity) => (
    <span
      key={severity}
      className={`sev-count sev-count--${severity} ${counts[severity] === 0 ? 'sev-count--zero' : ''}`}
      title={`${counts[severity]} ${severity}${counts[severity] === 1 ? '' : 's'}`}
    >
      {counts[severity]}
      <span className="sev-count__label">{severity[0]}</span>
    </span>
  ));
  return (
    <span className="sev-counts" aria-label={`${counts.error} errors, ${counts.warning} warnings, ${counts.info} infos`}>
      {parts}
    </span>
  );
}
