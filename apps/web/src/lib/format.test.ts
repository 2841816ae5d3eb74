import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes, formatClock, formatCount, formatRate } from './format.js';

describe('number formats for dense tables', () => {
  it('shortens counts', () => {
    expect([0, 950, 1234, 34_500, 5_600_000].map(formatCount)).toEqual(['0', '950', '1.2k', '35k', '5.6M']);
  });

  it('prints bytes in binary units', () => {
    expect([512, 1536, 20 * 1024 * 1024].map(formatBytes)).toEqual(['512 B', '1.5 KiB', '20 MiB']);
  });

  it('keeps idle rates silent', () => {
    expect(formatRate(0)).toBe('');
    expect(formatRate(null)).toBe('');
    expect(formatRate(0.05)).toBe('<0.1/s');
    expect(formatRate(2.26)).toBe('2.3/s');
    expect(formatRate(4200)).toBe('4.2k/s');
  });

  it('says how old a reading is', () => {
    expect(formatAge(null)).toBe('never');
    expect(formatAge(1)).toBe('just now');
    expect(formatAge(42)).toBe('42 s ago');
    expect(formatAge(600)).toBe('10 min ago');
  });
});

describe('formatClock', () => {
  it('writes a time of today alone and names the day of an older one', () => {
    // Built from local parts: the browser's time zone is what the page shows.
    const now = new Date(2026, 11, 7, 10, 0, 0).getTime();
    expect(formatClock(new Date(2026, 11, 7, 2, 58, 3).getTime(), now)).toBe('02:58:03');
    expect(formatClock(new Date(2026, 11, 6, 23, 5, 0).toISOString(), now)).toBe('Dec 6 23:05:00');
  });
});
