import { describe, expect, it } from 'vitest';
import {
  cidrAncestor,
  cidrContains,
  cidrHas,
  cidrKey,
  cidrOverlaps,
  formatCidr,
  formatCidrWithPrefix,
  intToIp,
  ipToInt,
  ipToIntAt,
  parseCidr,
  parseCidrAt,
  prefixMask,
  stripHostPrefix,
} from './ipv4.js';

describe('ipv4', () => {
  it('converts dotted quads to unsigned integers and back', () => {
    expect(ipToInt('0.0.0.0')).toBe(0);
    expect(ipToInt('255.255.255.255')).toBe(0xffffffff);
    expect(ipToInt('192.168.100.11')).toBe(0xc0a8640b);
    expect(intToIp(0xc0a8640b)).toBe('192.168.100.11');
    expect(intToIp(0xffffffff)).toBe('255.255.255.255');
  });

  it('rejects what is not a dotted quad', () => {
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '01.2.3.4',
      'a.b.c.d',
      'example.com',
      '::1',
      '1.2.3.-4',
    ]) {
      expect(ipToInt(bad), bad).toBeNull();
    }
  });

  it('parses a bare address as a /32 and clears host bits like iptables', () => {
    expect(parseCidr('10.0.1.5')).toEqual({ base: ipToInt('10.0.1.5'), length: 32 });
    expect(parseCidr('10.0.1.5/24')).toEqual({ base: ipToInt('10.0.1.0'), length: 24 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ base: 0, length: 0 });
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('10.0.0.0/255.255.0.0')).toBeNull();
    expect(parseCidr('10.0.0.0/')).toBeNull();
    for (const bad of ['10.0.0.0/08', '10.0.0.0/1x', '10.0.0.0/123', '10.0.0/8', '/8'])
      expect(parseCidr(bad), bad).toBeNull();
    expect(parseCidr('10.0.0.0/8')).toEqual({ base: ipToInt('10.0.0.0'), length: 8 });
  });

  it('reads an address or prefix inside a longer text without looking past its end', () => {
    const text = '-s 10.0.1.5/24 -d 192.168.100.11/32';
    expect(parseCidrAt(text, 3, 14)).toEqual({ base: ipToInt('10.0.1.0'), length: 24 });
    expect(parseCidrAt(text, 3, 11)).toEqual({ base: ipToInt('10.0.1.5'), length: 32 });
    expect(parseCidrAt(text, 18, 35)).toEqual({ base: ipToInt('192.168.100.11'), length: 32 });
    expect(parseCidrAt(text, 3, 13)).toEqual({ base: 0, length: 2 });
    expect(parseCidrAt(text, 2, 14)).toBeNull();
    expect(ipToIntAt(text, 18, 32)).toBe(ipToInt('192.168.100.11'));
    expect(ipToIntAt(text, 18, 33)).toBeNull();
  });

  it('computes masks at the edges', () => {
    expect(prefixMask(0)).toBe(0);
    expect(prefixMask(1)).toBe(0x80000000);
    expect(prefixMask(24)).toBe(0xffffff00);
    expect(prefixMask(32)).toBe(0xffffffff);
  });

  it('decides containment by prefix, not by text', () => {
    const c = (s: string) => parseCidr(s)!;
    expect(cidrContains(c('10.0.0.0/16'), c('10.0.1.0/24'))).toBe(true);
    expect(cidrContains(c('10.0.1.0/24'), c('10.0.0.0/16'))).toBe(false);
    expect(cidrContains(c('10.0.0.0/16'), c('10.1.0.0/24'))).toBe(false);
    expect(cidrContains(c('0.0.0.0/0'), c('192.168.100.10'))).toBe(true);
    expect(cidrContains(c('10.0.1.0/24'), c('10.0.1.5/32'))).toBe(true);
    expect(cidrContains(c('10.0.1.5'), c('10.0.1.5/32'))).toBe(true);
    expect(cidrOverlaps(c('10.0.1.0/24'), c('10.0.0.0/8'))).toBe(true);
    expect(cidrOverlaps(c('10.0.1.0/24'), c('10.0.2.0/24'))).toBe(false);
    expect(cidrHas(c('10.0.1.0/24'), ipToInt('10.0.1.200')!)).toBe(true);
    expect(cidrHas(c('10.0.1.0/24'), ipToInt('10.0.2.1')!)).toBe(false);
  });

  it('walks to ancestors and keys prefixes uniquely', () => {
    const p = parseCidr('10.0.1.5')!;
    expect(formatCidr(cidrAncestor(p, 16))).toBe('10.0.0.0/16');
    expect(cidrKey(parseCidr('10.0.0.0/8')!)).not.toBe(cidrKey(parseCidr('10.0.0.0/16')!));
    expect(cidrKey(parseCidr('10.0.1.5/24')!)).toBe(cidrKey(parseCidr('10.0.1.0/24')!));
  });

  it('formats addresses without /32 and CIDRs with their prefix', () => {
    expect(formatCidr(parseCidr('192.168.100.11/32')!)).toBe('192.168.100.11');
    expect(formatCidr(parseCidr('10.0.1.0/24')!)).toBe('10.0.1.0/24');
    expect(formatCidrWithPrefix(parseCidr('10.0.1.5')!)).toBe('10.0.1.5/32');
    expect(stripHostPrefix('192.168.100.11/32')).toBe('192.168.100.11');
    expect(stripHostPrefix('10.0.1.0/24')).toBe('10.0.1.0/24');
  });
});
