import type { ApiRequestError } from './api-request-error.js';

// Answers that another try cannot change: a link to a gateway or pod that does not exist, a query the server refuses.
const FINAL_STATUSES: ReadonlySet<number> = new Set([400, 404]);

/**
 * TanStack Query's `retry`: one more try for a failure that may pass (the server unreachable, a 5xx), none for a
 * final answer, so an unknown gateway says so at once instead of "Reading…" through a retry's back-off. Queries
 * fail only with ApiRequestError (fetchJson wraps every failure), so no other error needs a guard.
 */
export function shouldRetry(failureCount: number, error: ApiRequestError): boolean {
  if (FINAL_STATUSES.has(error.status)) return false;
  return failureCount < 1;
}
