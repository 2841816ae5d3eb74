import { describe, expect, it } from 'vitest';
import { parseFilter, toggleFacet } from './filter-query.js';

describe('the filter language', () => {
  it('reads addresses, CIDRs, ports, EIPs, protocols and text', () => {
    const { terms, problems } = parseFilter(
      '203.0.113.12  10.0.1.0/24 port:22 :8080 2222 eip:192.168.100.10 tcp proto:UDP SHARED',
    );
    expect(problems).toEqual([]);
    expect(terms.map((t) => t.kind)).toEqual([
      'address',
      'address',
      'port',
      'port',
      'port',
      'eip',
      'protocol',
      'protocol',
      'text',
    ]);
    expect(terms[1]).toMatchObject({ kind: 'address', cidr: { length: 24 } });
    expect(terms[4]).toMatchObject({ kind: 'port', port: 2222 });
    expect(terms[7]).toMatchObject({ kind: 'protocol', protocol: 'udp' });
    expect(terms[8]).toEqual({ kind: 'text', text: 'shared' });
  });

  it('reports tokens that look like terms but are not valid ones', () => {
    const { terms, problems } = parseFilter('10.0.1.300 port:70000 eip:10.0.0.0/8 proto: ip:nonsense');
    expect(terms).toEqual([]);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/10\.0\.1\.300.*not an IPv4/);
    expect(problems[1]).toMatch(/0 to 65535/);
    expect(problems[2]).toMatch(/one IPv4 address/);
  });

  it('treats an empty filter as no terms', () => {
    expect(parseFilter('   ')).toEqual({ terms: [], problems: [] });
  });

  it('reads is: facets and refuses one it does not know', () => {
    expect(parseFilter('is:FIP').terms).toEqual([{ kind: 'facet', facet: 'fip', text: 'is:FIP' }]);
    expect(parseFilter('is:broken').problems[0]).toMatch(/is: takes one of fip, dnat/);
  });

  it('toggles a facet in the filter, keeping the other terms', () => {
    expect(toggleFacet('', 'dnat')).toBe('is:dnat');
    expect(toggleFacet('tcp is:dnat', 'dnat')).toBe('tcp');
    expect(toggleFacet('  tcp ', 'warning')).toBe('tcp is:warning');
  });
});
