import { describe, expect, it } from 'vitest';
import { inspectFixture, lineOf } from '../report/fixture-corpus.js';

describe('mappings', () => {
  it('recovers the typical tenant: SNAT for two CIDRs, a floating IP, two port forwards, hairpin per EIP', () => {
    const { dump, report } = inspectFixture('s5-tenant-v116-legacy.txt');
    const ref = (fragment: string, chain: string, index: number) => ({
      table: 'nat',
      chain,
      index,
      line: lineOf(dump, fragment),
    });
    expect(report.mappings).toEqual([
      {
        kind: 'fip',
        eip: '192.168.100.11',
        internalIp: '10.0.1.5',
        rules: [ref('-d 192.168.100.11/32', 'EXCLUSIVE_DNAT', 1), ref('-s 10.0.1.5/32', 'EXCLUSIVE_SNAT', 1)],
        counters: { packets: 14106, bytes: 15431964 },
      },
      {
        kind: 'dnat',
        eip: '192.168.100.12',
        protocol: 'tcp',
        externalPort: 2222,
        internalIp: '10.0.2.20',
        internalPort: 22,
        rules: [ref('--dport 2222', 'SHARED_DNAT', 1)],
        counters: { packets: 21018, bytes: 15742482 },
      },
      {
        kind: 'dnat',
        eip: '192.168.100.10',
        protocol: 'tcp',
        externalPort: 8080,
        internalIp: '10.0.1.30',
        internalPort: 80,
        rules: [ref('--dport 8080', 'SHARED_DNAT', 2)],
        counters: { packets: 34750, bytes: 17965750 },
      },
      {
        kind: 'snat',
        eip: '192.168.100.10',
        internalCidr: '10.0.1.0/24',
        randomFully: true,
        outInterface: 'net1',
        rules: [ref('-s 10.0.1.0/24', 'SHARED_SNAT', 1)],
        counters: { packets: 427, bytes: 231007 },
      },
      {
        kind: 'snat',
        eip: '192.168.100.10',
        internalCidr: '10.0.2.0/24',
        randomFully: true,
        outInterface: 'net1',
        rules: [ref('-s 10.0.2.0/24', 'SHARED_SNAT', 2)],
        counters: { packets: 0, bytes: 0 },
      },
      ...['192.168.100.10', '192.168.100.11', '192.168.100.12'].map((eip, i) => ({
        kind: 'hairpin',
        eip,
        rules: [ref(`--ctorigdst ${eip} `, 'HAIRPIN_SNAT', i + 1)],
        counters: expect.any(Object),
      })),
    ]);
  });

  it('finds the same mappings in every generation and backend of the tenant', () => {
    const key = (file: string) =>
      inspectFixture(file)
        .report.mappings.filter((m) => m.kind !== 'hairpin')
        .map(({ rules: _rules, counters: _counters, ...m }) => ({
          ...m,
          ...(m.kind === 'snat' ? { randomFully: true, outInterface: 'net1' } : {}),
        }));
    const v116 = key('s5-tenant-v116-legacy.txt');
    for (const file of [
      's5-tenant-v111-nft.txt',
      's5-tenant-v114-legacy.txt',
      's5-tenant-v114-nft.txt',
      's5-tenant-v116-nft.txt',
      's5-tenant-master-legacy.txt',
      's5-tenant-master-nft.txt',
    ]) {
      expect(key(file), file).toEqual(v116);
    }
  });

  it('writes protocols in lower case, even for a DNAT created as TCP', () => {
    const { report } = inspectFixture('f3-dnat-uppercase-v114-legacy.txt');
    expect(report.mappings).toEqual([
      expect.objectContaining({ kind: 'dnat', protocol: 'tcp', externalPort: 22, internalPort: 22 }),
    ]);
  });

  it('lists a duplicated rule once, naming both copies and adding their counters', () => {
    const { report } = inspectFixture('f4-snat-host-bits-v116-legacy.txt');
    const snat = report.mappings.find((m) => m.kind === 'snat')!;
    expect(snat.rules.map((r) => r.index)).toEqual([1, 2]);
    expect(snat.counters).toEqual({ packets: 13127, bytes: 1636986 });
  });

  it('writes addresses without /32 and CIDRs with their prefix, /32 included', () => {
    const { report } = inspectFixture('s6-overlapping-snat-v116-legacy.txt');
    expect(
      report.mappings.filter((m) => m.kind === 'snat').map((m) => [m.eip, m.kind === 'snat' && m.internalCidr]),
    ).toEqual([
      ['192.168.100.20', '10.0.0.0/16'],
      ['192.168.100.21', '10.0.1.0/24'],
      ['192.168.100.22', '10.0.1.5/32'],
    ]);
  });

  it('keeps operator chains and takes no mapping from rules outside Kube-OVN shapes', () => {
    const { report } = inspectFixture('operator-chains-v116-legacy.txt');
    const counts = Object.fromEntries(
      ['fip', 'dnat', 'snat', 'hairpin'].map((k) => [k, report.mappings.filter((m) => m.kind === k).length]),
    );
    expect(counts).toEqual({ fip: 1, dnat: 2, snat: 2, hairpin: 3 });
    const chains = report.tables.flatMap((t) => t.chains.map((c) => `${t.name}/${c.name}`));
    expect(chains).toEqual(expect.arrayContaining(['nat/OPS_INGRESS_AUDIT', 'nat/OPS_MGMT_MASQ', 'mangle/NATGW_DROP']));
    // The MASQUERADE and LOG rules are no mappings, yet they are in the tables with readable summaries.
    const masq = report.tables[0]!.chains.find((c) => c.name === 'OPS_MGMT_MASQ')!.rules;
    expect(masq.map((r) => r.summary)).toEqual(['/* mgmt egress */ → MASQUERADE']);
  });

  it('does not take a rule of another shape in a Kube-OVN chain for a mapping', () => {
    // In the match-cases dump nothing is in a Kube-OVN chain, so nothing is a mapping, though DNAT/SNAT abound.
    const { report } = inspectFixture('match-cases-legacy.txt');
    expect(report.mappings).toEqual([]);
  });
});
