import { describe, expect, it } from 'vitest';
import { findMatches, MAX_MATCHES } from './raw-find.js';

const lines = [
  '*nat',
  '-A SHARED_DNAT -d 192.168.100.12/32 -p tcp -j DNAT',
  '-A SHARED_snat -s 10.0.1.0/24 -j SNAT',
  'COMMIT',
];

describe('findMatches', () => {
  it('finds every occurrence, case-insensitive, in reading order', () => {
    const found = findMatches(lines, 'nat');
    expect(found.map((m) => m.line)).toEqual([0, 1, 1, 2, 2]);
    // Columns point at the text as printed, whatever its case.
    expect(found.map((m) => lines[m.line]!.slice(m.start, m.end))).toEqual(['nat', 'NAT', 'NAT', 'nat', 'NAT']);
    expect(found[1]).toEqual({ line: 1, start: 11, end: 14 });
  });

  it('takes the text literally: dots and slashes are no pattern', () => {
    expect(findMatches(lines, '100.12/32')).toEqual([{ line: 1, start: 26, end: 35 }]);
    expect(findMatches(lines, '1.0.1')).toEqual([]);
    expect(findMatches(lines, '')).toEqual([]);
  });

  it('stops marking at MAX_MATCHES', () => {
    expect(
      findMatches(
        Array.from({ length: MAX_MATCHES }, () => 'aa'),
        'a',
      ),
    ).toHaveLength(MAX_MATCHES);
  });
});
