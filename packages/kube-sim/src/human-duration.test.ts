import { describe, expect, it } from 'vitest';
import { humanDuration } from './human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration', () => {
  it.each([
    [-5 * s, '<invalid>'],
    [-1 * s, '0s'],
    [45 * s, '45s'],
    [119 * s, '119s'],
    [5 * m + 30 * s, '5m30s'],
    [5 * m, '5m'],
    [150 * m, '150m'],
    [3 * h + 12 * m, '3h12m'],
    [30 * h, '30h'],
    [4 * d + 2 * h, '4d2h'],
    [40 * d, '40d'],
    [3 * 365 * d + 31 * d, '3y31d'],
    [9 * 365 * d, '9y'],
  ])('prints %d ms as %s, like kubectl AGE', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
