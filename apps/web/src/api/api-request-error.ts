/** Why a request to the natscope server failed, in words the page can show as they are. */
export class ApiRequestError extends Error {
  /** `{error: {code}}` from the server, or 'unreachable' / 'bad-response' when there was no usable answer. */
  readonly code: string;
  /** HTTP status, or 0 when the server was not reached. */
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = 'ApiRequestError';
    this.code = code;
    this.status = status;
  }
}
