import { describe, expect, it } from 'vitest';
import { EMPTY_TRACE, readTraceLink, traceApiQuery, traceProblems, writeTraceLink } from './trace-link.js';

describe('trace links', () => {
  it('reads a trace from the page link and writes it back without defaults', () => {
    const fields = readTraceLink(
      new URLSearchParams('view=graph&src=203.0.113.7&dst=192.168.100.12&dport=2222&proto=tcp&in=net1'),
    );
    expect(fields).toEqual({ ...EMPTY_TRACE, src: '203.0.113.7', dst: '192.168.100.12', dport: '2222' });
    const search = new URLSearchParams();
    writeTraceLink(search, { ...fields!, inInterface: 'eth0', mark: '0x1' });
    expect(search.toString()).toBe('src=203.0.113.7&dst=192.168.100.12&dport=2222&in=eth0&mark=0x1');
  });

  it('finds no trace in a link without addresses', () => {
    expect(readTraceLink(new URLSearchParams('view=graph&dport=22'))).toBeNull();
  });

  it('asks the API with its own field names', () => {
    expect(
      traceApiQuery({ ...EMPTY_TRACE, src: '10.0.1.7', dst: '192.168.100.10', dport: '8080', inInterface: 'eth0' }),
    ).toBe('src=10.0.1.7&dst=192.168.100.10&protocol=tcp&dport=8080&inInterface=eth0');
  });

  it('says what is wrong with the form, in words', () => {
    expect(traceProblems({ ...EMPTY_TRACE, src: '10.0.1', dst: '', dport: '22x', protocol: 'sctp' })).toEqual([
      'Destination port must be a number from 0 to 65535.',
      'Protocol must be tcp, udp or icmp.',
      'Source must be an IPv4 address, like 203.0.113.7.',
      'Destination must be an IPv4 address, like 192.168.100.12.',
    ]);
    expect(traceProblems({ ...EMPTY_TRACE, src: '10.0.1.7', dst: '8.8.8.8' })).toEqual([]);
  });
});
