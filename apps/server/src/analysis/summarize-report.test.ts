import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { describe, expect, it } from 'vitest';
import { reportAddresses, sortAddresses } from './summarize-report.js';
import { fixture } from '../test-support/fixture-fleet.js';

const report = inspect(parse(fixture('s5-tenant-v116-legacy.txt'), { file: 's5' }));

describe('reportAddresses', () => {
  it('lists every EIP, internal IP and SNAT CIDR once', () => {
    const addresses = reportAddresses(report);
    expect(new Set(addresses).size).toBe(addresses.length);
    const expected = new Set<string>();
    for (const m of report.mappings) {
      expected.add(m.eip);
      if (m.kind === 'snat') expected.add(m.internalCidr);
      if (m.kind === 'fip' || m.kind === 'dnat') expected.add(m.internalIp);
    }
    expect(new Set(addresses)).toEqual(expected);
  });
});

describe('sortAddresses', () => {
  it('puts addresses and CIDRs in numeric order, 10.0.1.9 before 10.0.1.10, unlike a text sort', () => {
    expect(sortAddresses(['192.168.100.10', '10.0.1.10', '10.0.1.0/24', '10.0.1.9'])).toEqual([
      '10.0.1.0/24',
      '10.0.1.9',
      '10.0.1.10',
      '192.168.100.10',
    ]);
  });

  it('keeps a CIDR and its network address both, and puts anything that is not an address last', () => {
    expect(sortAddresses(['zeta', '10.0.1.0', '10.0.1.0/24', 'alpha'])).toEqual([
      '10.0.1.0',
      '10.0.1.0/24',
      'alpha',
      'zeta',
    ]);
  });
});
