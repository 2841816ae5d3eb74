import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorCode } from '@natscope/api';
import type { z } from 'zod';

/** An error with the HTTP status and `{error: {code, message}}` body it becomes. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Parses `value` with `schema` or throws a 400 naming `what` and the first problem. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  const message =
    issue?.code === 'unrecognized_keys'
      ? `unknown ${what} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      : `${what} ${path}${issue?.message ?? 'invalid'}`;
  throw new HttpError(400, 'bad-request', message);
}

/** The JSON 404 for anything no route claimed; mounted last. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not-found', `no such endpoint: ${req.method} ${req.path.slice(0, 200)}`));
};

/**
 * The one error middleware: HttpError and Express's own 4xx errors (a malformed URL, say) become their
 * status with `{error: {code, message}}`; anything else is a 500 whose details go to the log, never to the
 * client. No stack trace ever leaves the server.
 */
export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const status =
      typeof err === 'object' && err && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 400 && status < 500) {
      res.status(status).json({
        error: { code: 'bad-request', message: status === 400 ? 'malformed request' : `request refused (${status})` },
      });
      return;
    }
    log(`natscope: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    res.status(500).json({ error: { code: 'internal', message: 'internal error; see the server log' } });
  };
}
