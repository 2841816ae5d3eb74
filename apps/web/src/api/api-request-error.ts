/** Why a request to the natscope server failed, in words the page can show as they are. */
export class ApiRequestError extends Error {
  /**
   * `{error: {code}}` from the server, or, when there was no usable answer: 'unreachable', 'bad-response',
   * 'aborted' (the query was cancelled), 'client-error' (this app failed while reading the answer).
   */
  readonly code: string;
  /** HTTP status, or 0 when the server was not reached. */
  readonly status: number;

  constructor(code: string, message: string, status: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiRequestError';
    this.code = code;
    this.status = status;
  }
}

// The type of every query's `error` (and of `retry`'s argument), said once: fetchJson turns each failure into an
// ApiRequestError, so pages read `error.status` and `error.code` without asking `instanceof` first.
declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiRequestError;
  }
}
