import { ApiError } from '@natscope/api';
import type { z } from 'zod';
import { ApiRequestError } from './api-request-error.js';

/** GETs `path` and parses the body with `schema`; every failure becomes an ApiRequestError with a readable message. */
export async function fetchJson<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiRequestError(
      'unreachable',
      'The natscope server did not answer. Check that it is running and reachable from this browser.',
      0,
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiRequestError(
      'bad-response',
      `The server answered ${path} with HTTP ${response.status} but not with JSON: is a proxy in the way?`,
      response.status,
    );
  }
  if (!response.ok) {
    const error = ApiError.safeParse(body);
    if (error.success) throw new ApiRequestError(error.data.error.code, error.data.error.message, response.status);
    throw new ApiRequestError('bad-response', `HTTP ${response.status} from ${path}.`, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape';
    throw new ApiRequestError(
      'bad-response',
      `The server's answer to ${path} does not match this dashboard's schema (${where}). Are server and web app the same version?`,
      response.status,
    );
  }
  return parsed.data;
}
