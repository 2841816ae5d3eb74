import { DriftReport } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { unknownDrift } from './unknown-drift.js';

describe('unknownDrift', () => {
  it('says the gateway could not be compared, and why', () => {
    const report = unknownDrift('gw1', 'iptables-eips: forbidden');
    expect(report).toEqual({
      gateway: 'gw1',
      status: 'unknown',
      reason: 'iptables-eips: forbidden',
      drifts: [],
      resources: [],
    });
    expect(DriftReport.parse(report)).toEqual(report);
  });
});
