import { describe, expect, it } from 'vitest';
import { TraceRequest } from './trace.js';

const packet = { src: '203.0.113.7', dst: '192.168.100.12' };

describe('TraceRequest ports', () => {
  it('takes a port as a number or as decimal text, as a query string carries it', () => {
    expect(TraceRequest.parse({ ...packet, dport: 22 }).dport).toBe(22);
    expect(TraceRequest.parse({ ...packet, dport: '22', sport: '0' })).toMatchObject({ dport: 22, sport: 0 });
  });

  it('refuses what a coercion would have read as a port', () => {
    for (const dport of ['', '0x16', '1e1', ' 22', '22.0', '-1', '65536', 22.5]) {
      expect(TraceRequest.safeParse({ ...packet, dport }).success, JSON.stringify(dport)).toBe(false);
    }
  });
});
