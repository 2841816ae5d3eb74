import { describe, expect, it } from 'vitest';
import { gatewayNamedBy } from './gateway-named-by.js';

describe('gatewayNamedBy', () => {
  it('finds the gateway a dump is named after by its pod', () => {
    expect(gatewayNamedBy('vpc-nat-gw-gw1-0.txt', ['gw1', 'gw2'])).toBe('gw1');
    expect(gatewayNamedBy('/tmp/incident/vpc-nat-gw-gw2-1.iptables', ['gw1', 'gw2'])).toBe('gw2');
  });

  it('prefers the longer of two names that both fit the text', () => {
    expect(gatewayNamedBy('vpc-nat-gw-gw-b-0.txt', ['gw', 'gw-b'])).toBe('gw-b');
    expect(gatewayNamedBy('vpc-nat-gw-gw-0.txt', ['gw', 'gw-b'])).toBe('gw');
  });

  it('names none for a file not named after a pod, or after a gateway not present', () => {
    expect(gatewayNamedBy('dump.txt', ['gw1'])).toBeNull();
    expect(gatewayNamedBy('vpc-nat-gw-gw3-0.txt', ['gw1', 'gw2'])).toBeNull();
    expect(gatewayNamedBy('vpc-nat-gw-gw10-0.txt', ['gw1'])).toBeNull();
  });
});
