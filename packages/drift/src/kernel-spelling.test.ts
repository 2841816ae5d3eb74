import { describe, expect, it } from 'vitest';
import { hasHostBits, kernelCidr, kernelHost, kernelProtocol } from './kernel-spelling.js';

describe('kernel spelling', () => {
  it('stores protocols in lower case', () => {
    expect(kernelProtocol('TCP')).toBe('tcp');
  });

  it('clears host bits and always writes the prefix of a CIDR', () => {
    expect(kernelCidr('10.0.1.5/24')).toBe('10.0.1.0/24');
    expect(kernelCidr('10.0.1.5')).toBe('10.0.1.5/32');
    expect(kernelCidr('fd00::/64')).toBeNull();
  });

  it('writes a host without /32 and refuses a network', () => {
    expect(kernelHost('10.0.1.5/32')).toBe('10.0.1.5');
    expect(kernelHost('10.0.1.0/24')).toBeNull();
  });

  it('tells the spellings nat-gateway.sh will not find again (F4) from a bare host', () => {
    expect(hasHostBits('10.0.1.5/24')).toBe(true);
    expect(hasHostBits('10.0.1.0/24')).toBe(false);
    expect(hasHostBits('10.0.1.5')).toBe(false);
  });
});
