import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiRequestError } from './api-request-error.js';
import { fetchJson } from './fetch-json.js';

const Body = z.object({ n: z.number() });

/** fetchJson against a fetch that answers `answer` (or throws it, when it is an Error). */
async function failureOf(answer: Response | Error, schema: z.ZodType = Body): Promise<unknown> {
  vi.stubGlobal('fetch', () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)));
  return fetchJson('/api/x', schema).then(
    () => expect.fail('fetchJson resolved'),
    (error: unknown) => error,
  );
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

// The web app registers ApiRequestError as every query's error type (api-request-error.ts): this is what keeps
// that true.
describe('fetchJson fails only with ApiRequestError', () => {
  it.each([
    ['no answer', new TypeError('Failed to fetch'), 'unreachable', 0],
    ['an answer that is not JSON', new Response('<html>', { status: 502 }), 'bad-response', 502],
    [
      "the server's error body",
      json({ error: { code: 'not-found', message: 'no gateway a/b' } }, 404),
      'not-found',
      404,
    ],
    ['an error without the error body', json({ oops: true }, 500), 'bad-response', 500],
    ['a body the schema refuses', json({ n: 'one' }), 'bad-response', 200],
  ])('%s', async (_what, answer, code, status) => {
    const error = await failureOf(answer);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code, status });
  });

  it('a schema that throws while parsing', async () => {
    const throwing = z.object({ n: z.number() }).transform(() => {
      throw new RangeError('no');
    });
    const error = await failureOf(json({ n: 1 }), throwing);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code: 'client-error', cause: expect.any(RangeError) });
  });

  it('a cancelled request', async () => {
    const controller = new AbortController();
    controller.abort();
    vi.stubGlobal('fetch', () => Promise.reject(new DOMException('aborted', 'AbortError')));
    await expect(fetchJson('/api/x', Body, controller.signal)).rejects.toMatchObject({ code: 'aborted' });
  });
});
