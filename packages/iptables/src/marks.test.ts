import { describe, expect, it } from 'vitest';
import { parseMark, parseMarkMask } from './marks.js';

describe('parseMarkMask', () => {
  it('reads hex and decimal marks with an optional mask', () => {
    expect(parseMarkMask('0x1/0x1')).toEqual({ value: 1, mask: 1 });
    expect(parseMarkMask('16')).toEqual({ value: 16, mask: 0xffffffff });
    expect(parseMarkMask('0x4000/0xFFFF')).toEqual({ value: 0x4000, mask: 0xffff });
  });

  it('refuses what is not a 32-bit mark', () => {
    expect(parseMarkMask('0xfffffffff')).toBeNull();
    expect(parseMarkMask('red')).toBeNull();
    expect(parseMarkMask('1/')).toBeNull();
    expect(parseMark('4294967296')).toBeNull();
    expect(parseMark('4294967295')).toBe(0xffffffff);
  });
});
