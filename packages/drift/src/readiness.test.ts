import { describe, expect, it } from 'vitest';
import { readiness } from './readiness.js';

describe('readiness', () => {
  it('reads status.ready, as the Ready printer column does', () => {
    expect(readiness({ ready: true }).ready).toBe(true);
    expect(readiness({ ready: false }).why).toBe('status.ready is false');
  });

  it('says an object without status was never programmed', () => {
    expect(readiness(undefined)).toMatchObject({ ready: false, neverProgrammed: true });
  });

  it('falls back to a Ready condition only when status.ready is absent', () => {
    const ok = { type: 'Ready', status: 'True' };
    expect(readiness({ conditions: [ok] }).ready).toBe(true);
    expect(readiness({ ready: false, conditions: [ok] }).ready).toBe(false);
  });

  it('names a pending replay', () => {
    expect(readiness({ ready: false, redo: '2026-12-01T09:14:03' }).why).toContain(
      'status.redo is 2026-12-01T09:14:03',
    );
  });
});
