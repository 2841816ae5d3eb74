import { describe, expect, it } from 'vitest';
import { StringCache } from './string-cache.js';

describe('StringCache', () => {
  it('returns the exact text of the range', () => {
    const cache = new StringCache(2);
    const text = '-j DNAT -j SNAT --dport dport eth0 eth1';
    const words = text.split(' ');
    let at = 0;
    for (const word of words) {
      expect(cache.get(text, at, at + word.length)).toBe(word);
      at += word.length + 1;
    }
    expect(cache.get(text, 3, 3)).toBe('');
  });

  it('stays correct when spellings collide in a tiny table', () => {
    const cache = new StringCache(1);
    const text = 'aa ab ba bb aa';
    for (let i = 0; i < 200; i++) {
      const start = 3 * (i % 5);
      expect(cache.get(text, start, start + 2)).toBe(text.slice(start, start + 2));
    }
  });
});
