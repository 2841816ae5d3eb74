import type { GatewayError } from '@natscope/api';
import { errorAdvice } from './error-advice.js';

/** A gateway error with its cause (the server's message) and what to do, plus a command or RBAC rule to copy. */
export function GatewayErrorDetails({
  error,
  namespace,
  pod,
  stale,
}: {
  error: GatewayError;
  namespace: string;
  pod: string | null;
  stale: boolean;
}) {
  const advice = errorAdvice(error.code, namespace, pod);
  return (
    <div className="gateway-error" role="group" aria-label={`Error: ${advice.title}`}>
      <div className="gateway-error__head">
        <span className="badge badge--sev-error">{error.code}</span>
        <strong>{advice.title}</strong>
        {stale && <span className="muted">— showing the last good reading</span>}
      </div>
      <p className="gateway-error__cause">{error.message}</p>
      <p className="gateway-error__todo">
        <span className="gateway-error__label">What to do:</span> {advice.todo}
      </p>
      {advice.snippet && <pre className="snippet">{advice.snippet}</pre>}
    </div>
  );
}
