import { describe, expect, it } from 'vitest';
import { inspectFixture } from './fixture-corpus.js';

function summaries(file: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of inspectFixture(file).report.tables) {
    for (const chain of table.chains)
      if (chain.rules.length) out[`${table.name}/${chain.name}`] = chain.rules.map((r) => r.summary);
  }
  return out;
}

describe('rule summaries', () => {
  it('says what each Kube-OVN rule maps, in one line', () => {
    expect(summaries('s5-tenant-v116-legacy.txt')).toEqual({
      'nat/PREROUTING': ['→ DNAT_FILTER'],
      'nat/POSTROUTING': ['→ SNAT_FILTER'],
      'nat/DNAT_FILTER': ['→ EXCLUSIVE_DNAT', '→ SHARED_DNAT'],
      'nat/EXCLUSIVE_DNAT': ['192.168.100.11 ⇄ 10.0.1.5'],
      'nat/EXCLUSIVE_SNAT': ['192.168.100.11 ⇄ 10.0.1.5'],
      'nat/HAIRPIN_SNAT': ['hairpin 192.168.100.10', 'hairpin 192.168.100.11', 'hairpin 192.168.100.12'],
      'nat/SHARED_DNAT': ['tcp 192.168.100.12:2222 → 10.0.2.20:22', 'tcp 192.168.100.10:8080 → 10.0.1.30:80'],
      'nat/SHARED_SNAT': ['10.0.1.0/24 → 192.168.100.10', '10.0.2.0/24 → 192.168.100.10'],
      'nat/SNAT_FILTER': ['→ EXCLUSIVE_SNAT', '→ SHARED_SNAT', '→ HAIRPIN_SNAT'],
      'mangle/PREROUTING': ['→ VPC_MARK'],
      'mangle/VPC_MARK': ['MARK 0x1/0x1 from eth0'],
    });
  });

  it('writes a /32 SNAT source as an address', () => {
    expect(summaries('s6-overlapping-snat-v116-legacy.txt')['nat/SHARED_SNAT']).toContain('10.0.1.5 → 192.168.100.22');
  });

  it('renders operator rules compactly: matches, then the target', () => {
    const s = summaries('operator-chains-v116-legacy.txt');
    expect(s['nat/PREROUTING']).toEqual(['in net1 → OPS_INGRESS_AUDIT', '→ DNAT_FILTER']);
    expect(s['nat/POSTROUTING']).toEqual(['→ SNAT_FILTER', 'from !10.0.0.0/8 out net1 goto OPS_MGMT_MASQ']);
    expect(s['nat/OPS_INGRESS_AUDIT']).toEqual([
      'tcp to 192.168.100.10 dports 80,443,8080 /* audit "web" ingress */ → LOG "natgw web: "',
      '→ RETURN',
    ]);
    expect(s['mangle/PREROUTING']).toEqual(['→ VPC_MARK', 'tcp in net1 dports 23,2323 → NATGW_DROP']);
  });

  it('renders negated ports, marks, conntrack and unknown modules readably', () => {
    const s = summaries('match-cases-legacy.txt');
    expect(s['nat/COVER_PORTS']).toContain('tcp to 203.0.113.40 dport !22 → DNAT 10.0.9.5');
    expect(s['nat/COVER_UNKNOWN']).toContain('from 10.3.0.0/16 -m limit --limit 5/sec → RETURN');
    expect(s['nat/COVER_IFACES']).toContain('from 10.1.0.0/16 out eth1 → SNAT 203.0.113.30');
    expect(s['mangle/COVER_MARKS']).toEqual([
      'mark 0x1/0x1 → ACCEPT',
      'mark 0x3/0x3 → ACCEPT',
      'mark 0x2/0x2 → ACCEPT',
      '→ MARK 0x1/0x1',
      'mark 0x3/0x3 → DROP',
    ]);
    expect(s['mangle/COVER_STATES']).toEqual([
      'ctstate NEW,ESTABLISHED → ACCEPT',
      'ctstate NEW → DROP',
      'ctstate DNAT → DROP',
    ]);
  });
});
