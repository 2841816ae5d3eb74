import { describe, expect, it } from 'vitest';
import { protocolName, protocolNumber } from './protocols.js';

describe('protocolNumber', () => {
  it('reads the names iptables prints and the numbers a user may write as one protocol', () => {
    expect(protocolNumber('tcp')).toBe(6);
    expect(protocolNumber('TCP')).toBe(6);
    expect(protocolNumber('6')).toBe(6);
    expect(protocolNumber('udplite')).toBe(136);
    expect(protocolNumber('gre')).toBe(47);
  });

  it('takes all and 0 as the same non-match', () => {
    expect(protocolNumber('all')).toBe(0);
    expect(protocolNumber('0')).toBe(0);
  });

  it('knows nothing of a name outside the table or a number over 255', () => {
    expect(protocolNumber('ipencap')).toBeNull();
    expect(protocolNumber('256')).toBeNull();
    expect(protocolNumber('__proto__')).toBeNull();
    expect(protocolNumber('constructor')).toBeNull();
  });

  it('names a number as iptables-save prints it', () => {
    expect(protocolName(17)).toBe('udp');
    expect(protocolName(58)).toBe('ipv6-icmp');
    expect(protocolName(4)).toBeNull();
  });
});
