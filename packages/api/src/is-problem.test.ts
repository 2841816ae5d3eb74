import { describe, expect, it } from 'vitest';
import { GatewayHealth } from './gateway.js';
import { isProblem } from './is-problem.js';

describe('isProblem', () => {
  it('keeps a gateway whose latest reading failed, whatever the reading still shown says', () => {
    for (const health of GatewayHealth.options) {
      expect(isProblem({ reading: 'error', health }), health).toBe(true);
      expect(isProblem({ reading: 'stale', health }), health).toBe(true);
    }
  });

  it('keeps a gateway that was read fine but is broken or degraded: a good reading of a dead gateway is a problem', () => {
    expect(isProblem({ reading: 'ok', health: 'broken' })).toBe(true);
    expect(isProblem({ reading: 'ok', health: 'degraded' })).toBe(true);
  });

  it('leaves out a healthy gateway and one the first pass has not reached yet', () => {
    expect(isProblem({ reading: 'ok', health: 'healthy' })).toBe(false);
    expect(isProblem({ reading: 'pending', health: 'unknown' })).toBe(false);
  });
});
