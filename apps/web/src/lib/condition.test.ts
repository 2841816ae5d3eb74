import { GatewayHealth, ReadingState } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { conditionParts, conditionTone, conditionWord } from './condition.js';

describe('conditionTone', () => {
  it('never draws a broken gateway green, however well it was read', () => {
    expect(conditionTone({ reading: 'ok', health: 'broken' })).toBe('error');
    expect(conditionTone({ reading: 'stale', health: 'broken' })).toBe('error');
  });

  it('is green only for a gateway read fine whose rules are healthy', () => {
    const green = ReadingState.options.flatMap((reading) =>
      GatewayHealth.options
        .filter((health) => conditionTone({ reading, health }) === 'ok')
        .map((health) => `${reading}/${health}`),
    );
    expect(green).toEqual(['ok/healthy']);
  });

  it('draws degraded rules and an old reading in amber, a failed reading in red', () => {
    expect(conditionTone({ reading: 'ok', health: 'degraded' })).toBe('warning');
    expect(conditionTone({ reading: 'stale', health: 'healthy' })).toBe('warning');
    expect(conditionTone({ reading: 'error', health: 'unknown' })).toBe('error');
    expect(conditionTone({ reading: 'pending', health: 'unknown' })).toBe('pending');
  });
});

describe('conditionWord', () => {
  it('says the health of a gateway that was read, and what failed otherwise', () => {
    expect(conditionWord({ reading: 'ok', health: 'broken' })).toBe('broken');
    expect(conditionWord({ reading: 'error', health: 'unknown' })).toBe('read failed');
    expect(conditionWord({ reading: 'stale', health: 'degraded' })).toBe('stale · degraded');
    expect(conditionWord({ reading: 'pending', health: 'unknown' })).toBe('pending');
  });
});

describe('conditionParts', () => {
  it('puts the health on the badge and its cause and drift beside it', () => {
    expect(
      conditionParts({
        reading: 'ok',
        health: 'broken',
        headline: 'read · broken: not initialised · drifted: 5 errors',
      }),
    ).toEqual({
      tone: 'error',
      word: 'broken',
      rest: 'not initialised · drifted: 5 errors',
    });
    expect(conditionParts({ reading: 'ok', health: 'healthy', headline: 'read · healthy' })).toEqual({
      tone: 'ok',
      word: 'healthy',
      rest: '',
    });
  });

  it('names a failed reading and keeps its cause', () => {
    expect(
      conditionParts({ reading: 'error', health: 'unknown', headline: 'read failed: exec timed out · health unknown' }),
    ).toEqual({
      tone: 'error',
      word: 'read failed',
      rest: 'exec timed out · health unknown',
    });
  });

  it('keeps a headline whole when it does not start with the word', () => {
    const headline = 'read failed: exec timed out (older reading shown) · healthy';
    expect(conditionParts({ reading: 'stale', health: 'healthy', headline }).rest).toBe(headline);
  });
});
