import { describe, expect, it } from 'vitest';
import { formatInterface, interfaceCovers, parseInterface } from './interface-set.js';

const i = (text: string) => (text.startsWith('!') ? parseInterface(text.slice(1), true) : parseInterface(text, false));

describe('interface sets', () => {
  it('treats a missing match as any interface', () => {
    expect(interfaceCovers(null, i('eth0'))).toBe(true);
    expect(interfaceCovers(i('eth0'), null)).toBe(false);
    expect(interfaceCovers(i('+'), null)).toBe(true);
  });

  it('matches exact names and + wildcards by prefix', () => {
    expect(interfaceCovers(i('eth0'), i('eth0'))).toBe(true);
    expect(interfaceCovers(i('eth0'), i('eth1'))).toBe(false);
    expect(interfaceCovers(i('eth+'), i('eth0'))).toBe(true);
    expect(interfaceCovers(i('eth+'), i('eth1+'))).toBe(true);
    expect(interfaceCovers(i('eth1+'), i('eth+'))).toBe(false);
    expect(interfaceCovers(i('eth0'), i('eth+'))).toBe(false);
    expect(interfaceCovers(i('net+'), i('eth0'))).toBe(false);
  });

  it('handles negation on either side', () => {
    expect(interfaceCovers(i('!eth0'), i('net1'))).toBe(true);
    expect(interfaceCovers(i('!eth0'), i('eth0'))).toBe(false);
    expect(interfaceCovers(i('!eth+'), i('net1'))).toBe(true);
    expect(interfaceCovers(i('!eth+'), i('eth7'))).toBe(false);
    expect(interfaceCovers(i('!eth0'), i('eth+'))).toBe(false);
    expect(interfaceCovers(i('!eth0'), i('!eth+'))).toBe(true);
    expect(interfaceCovers(i('!eth+'), i('!eth0'))).toBe(false);
    expect(interfaceCovers(i('eth0'), i('!eth0'))).toBe(false);
  });

  it('prints what iptables printed', () => {
    expect(formatInterface(i('!eth+'))).toBe('!eth+');
    expect(formatInterface(i('net1'))).toBe('net1');
  });
});
