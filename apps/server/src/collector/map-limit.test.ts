import { describe, expect, it } from 'vitest';
import { mapLimit } from './map-limit.js';

describe('mapLimit', () => {
  it('never has more than the limit in flight and visits every item once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await mapLimit([...Array(20).keys()], 3, async (item) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      seen.push(item);
      inFlight--;
    });
    expect(peak).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  });

  it('lets fast items overtake a slow one instead of waiting in batches', async () => {
    const done: number[] = [];
    await mapLimit([0, 1, 2, 3, 4], 2, async (item) => {
      await new Promise((r) => setTimeout(r, item === 0 ? 60 : 5));
      done.push(item);
    });
    expect(done.at(-1)).toBe(0);
  });

  it('finishes at once on an empty list', async () => {
    await expect(mapLimit([], 4, async () => undefined)).resolves.toBeUndefined();
  });
});
