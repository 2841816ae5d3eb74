import { ApiError } from '@natscope/api';
import type { z } from 'zod';
import { ApiRequestError } from './api-request-error.js';

/**
 * GETs `path` and parses the body with `schema`. Every failure becomes an ApiRequestError with a readable message:
 * TanStack Query is told (api-request-error.ts) that a query's error is one, and this is what makes it true.
 */
export async function fetchJson<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  try {
    return await request(path, schema, signal);
  } catch (error) {
    if (error instanceof ApiRequestError) throw error;
    // Not a way the server can answer: a schema's refinement or transform that threw, say. Kept as the cause.
    throw new ApiRequestError(
      'client-error',
      `Reading the answer to ${path} failed in this dashboard: ${String(error)}`,
      0,
      { cause: error },
    );
  }
}

async function request<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  } catch (cause) {
    // TanStack Query settles a cancelled query itself and never shows this error; it is typed all the same.
    if (signal?.aborted) throw new ApiRequestError('aborted', `The request for ${path} was cancelled.`, 0, { cause });
    throw new ApiRequestError(
      'unreachable',
      'The natscope server did not answer. Check that it is running and reachable from this browser.',
      0,
      { cause },
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new ApiRequestError(
      'bad-response',
      `The server answered ${path} with HTTP ${response.status} but not with JSON: is a proxy in the way?`,
      response.status,
      { cause },
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
