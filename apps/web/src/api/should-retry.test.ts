import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api-request-error.js';
import { shouldRetry } from './should-retry.js';

describe('shouldRetry', () => {
  it('never retries a 404 or a 400: the answer is final', () => {
    expect(shouldRetry(0, new ApiRequestError('not-found', 'no gateway kube-system/nope', 404))).toBe(false);
    expect(shouldRetry(0, new ApiRequestError('bad-request', 'src must be an address', 400))).toBe(false);
  });

  it('retries once what may pass: an unreachable server, a 5xx, an answer this app could not read', () => {
    expect(shouldRetry(0, new ApiRequestError('unreachable', 'no answer', 0))).toBe(true);
    expect(shouldRetry(0, new ApiRequestError('internal', 'oops', 500))).toBe(true);
    expect(shouldRetry(0, new ApiRequestError('client-error', 'boom', 0))).toBe(true);
    expect(shouldRetry(1, new ApiRequestError('internal', 'oops', 500))).toBe(false);
  });
});
