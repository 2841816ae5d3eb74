import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { describe, expect, it } from 'vitest';
import { reportAddresses, summarizeReport } from './summarize-report.js';
import { fixture } from './test-support/fixture-fleet.js';

const report = inspect(parse(fixture('s5-tenant-v116-legacy.txt'), { file: 's5' }));

describe('summarizeReport', () => {
  it('counts mappings by kind and diagnostics by severity', () => {
    const facts = summarizeReport(report);
    expect(facts.counts).toEqual({ fip: 1, dnat: 2, snat: 2, hairpin: 3, rules: report.stats.rules });
    const bySeverity = { error: 0, warning: 0, info: 0 };
    for (const d of report.diagnostics) bySeverity[d.severity]++;
    expect(facts.diagnostics).toEqual(bySeverity);
  });
});

describe('reportAddresses', () => {
  it('lists every EIP, internal IP and SNAT CIDR once, in numeric order', () => {
    const addresses = reportAddresses(report);
    expect(new Set(addresses).size).toBe(addresses.length);
    for (const m of report.mappings) {
      expect(addresses).toContain(m.eip);
      if (m.kind === 'snat') expect(addresses).toContain(m.internalCidr);
      if (m.kind === 'fip' || m.kind === 'dnat') expect(addresses).toContain(m.internalIp);
    }
    const numeric = (a: string) => a.split('/')[0]!.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
    expect(addresses.map(numeric)).toEqual([...addresses.map(numeric)].sort((a, b) => a - b));
  });

  it('puts 10.0.1.9 before 10.0.1.10, unlike a text sort', () => {
    const hairpin = (eip: string) => ({ kind: 'hairpin' as const, eip, rules: [], counters: { packets: 0, bytes: 0 } });
    const fake = { ...report, mappings: [hairpin('10.0.1.10'), hairpin('10.0.1.9')] };
    expect(reportAddresses(fake)).toEqual(['10.0.1.9', '10.0.1.10']);
  });
});
