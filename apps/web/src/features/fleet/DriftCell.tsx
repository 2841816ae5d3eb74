import type { GatewayDrift } from '@natscope/api';
import { DriftBadge } from '../../lib/DriftBadge.js';
import { shortText } from '../../lib/short-text.js';

// Long enough for "vpc-nat-gw-locked-0: its rules could not be read (exec-forbidden)", short enough for a column.
const REASON_CHARS = 72;

/**
 * The fleet's desired-state cell: the badge, and for an unknown state why, in words on the row (never only in a
 * title). A long reason (an RBAC rule, the legacy-tables warning) shows its start; the whole text, as the server
 * wrote it, is a disclosure away.
 */
export function DriftCell({ drift }: { drift: GatewayDrift }) {
  const reason = drift.status === 'unknown' ? drift.reason : undefined;
  const short = reason ? shortText(reason, REASON_CHARS) : '';
  return (
    <span className="drift-cell">
      <DriftBadge status={drift.status} counts={drift.counts} />
      {reason &&
        (short === reason ? (
          <span className="drift-cell__reason">{reason}</span>
        ) : (
          <details className="drift-cell__reason disclosure">
            <summary>
              {short}
              <span className="visually-hidden"> (show the whole reason)</span>
            </summary>
            <pre className="drift-reason-text">{reason}</pre>
          </details>
        ))}
    </span>
  );
}
