import type { GatewayDetail } from '@natscope/api';
import { GatewayErrorDetails } from '../fleet/GatewayErrorDetails.js';

/**
 * What must be read before the graph: the rules shown may not be the rules in force (legacy tables present), the
 * gateway is not initialised, or the latest reading failed and an older one is shown.
 */
export function BackendWarnings({ detail }: { detail: GatewayDetail }) {
  const report = detail.report;
  const critical = (report?.diagnostics ?? []).filter(
    (d) => d.code === 'legacy-tables-present' || d.code === 'gateway-not-initialized',
  );
  const dumpWarnings = report?.warnings ?? [];
  if (!detail.error && critical.length === 0 && dumpWarnings.length === 0) return null;
  return (
    <div className="backend-warnings">
      {detail.error && (
        <div className={`banner ${report ? 'banner--warning' : 'banner--error'}`}>
          <GatewayErrorDetails
            error={detail.error}
            namespace={detail.namespace}
            pod={detail.pod}
            stale={detail.stale}
          />
        </div>
      )}
      {critical.map((d, i) => (
        <div
          key={i}
          className={`banner banner--${d.severity === 'error' ? 'error' : 'warning'}`}
          role="alert"
          data-testid={`warning-${d.code}`}
        >
          <strong>
            {d.code === 'legacy-tables-present'
              ? 'The rules shown may not be the rules in force.'
              : 'This gateway is not initialised.'}
          </strong>{' '}
          {/* The message says what breaks and the fix; the generic help beside it said the same a second time. */}
          {d.message}
        </div>
      ))}
      {dumpWarnings
        .filter((w) => !critical.some((d) => d.code === 'legacy-tables-present' && /legacy/i.test(w)))
        .map((w) => (
          <div key={w} className="banner banner--warning">
            The dump says: <code>{w}</code>
          </div>
        ))}
    </div>
  );
}
