import { describe, expect, it } from 'vitest';
import { inspectFixture, lineOf, linesOf } from '../report/fixture-corpus.js';

describe('rule-shadowed', () => {
  it('reports SNAT rules that an earlier broader CIDR takes (v1.16 appends broad-first)', () => {
    for (const file of ['s6-overlapping-snat-v116-legacy.txt', 's6-overlapping-snat-v116-nft.txt']) {
      const { dump, report } = inspectFixture(file);
      const broad = lineOf(dump, '-s 10.0.0.0/16');
      expect(linesOf(report, 'rule-shadowed'), file).toEqual([
        [lineOf(dump, '-s 10.0.1.0/24'), broad],
        [lineOf(dump, '-s 10.0.1.5/32'), broad],
      ]);
      const d = report.diagnostics.find((x) => x.code === 'rule-shadowed')!;
      expect(d.message).toContain('(line 22: 10.0.1.0/24 → 192.168.100.21) never matches');
      expect(d.message).toContain('its source 10.0.0.0/16 contains 10.0.1.0/24');
      expect(d.message).toContain('kube-ovn #6680');
    }
  });

  it('finds nothing in master’s longest-prefix-first order of the same SNATs', () => {
    expect(linesOf(inspectFixture('s6-overlapping-snat-master-legacy.txt').report, 'rule-shadowed')).toEqual([]);
  });

  it('reports the second EIP of an SNAT "pool" for one CIDR as never used', () => {
    for (const file of [
      's7-snat-pool-v116-legacy.txt',
      's7-snat-pool-master-nft.txt',
      'f1-snat-substring-v116-legacy.txt',
    ]) {
      const { report } = inspectFixture(file);
      const [d] = report.diagnostics.filter((x) => x.code === 'rule-shadowed');
      expect(
        d!.rules.map((r) => r.chain),
        file,
      ).toEqual(['SHARED_SNAT', 'SHARED_SNAT']);
      expect(d!.rules[0]!.index, file).toBeGreaterThan(d!.rules[1]!.index);
      expect(d!.message, file).toContain('Two SNAT rules for one CIDR are no pool');
      expect(d!.message, file).toMatch(
        /so traffic from 10\.0\.1\.0\/24 leaves as 192\.168\.100\.30?, not 192\.168\.100\.3[01]?\./,
      );
    }
  });

  it('decides coverage from ports, ranges and multiport lists', () => {
    const { dump, report } = inspectFixture('match-cases-legacy.txt');
    const shadowed = linesOf(report, 'rule-shadowed');
    const line = (fragment: string) => lineOf(dump, fragment);
    expect(shadowed).toContainEqual([line('--dport 8080'), line('--dports 80,443,8000:8100')]);
    expect(shadowed).toContainEqual([
      line('-d 203.0.113.20/32 -p tcp -m tcp --dport 9050 '),
      line('--dport 9000:9100'),
    ]);
    expect(shadowed).toContainEqual([line('-d 203.0.113.40/32 -p tcp -m tcp --dport 80 '), line('! --dport 22')]);
    const never = [
      line('-d 203.0.113.10/32 -p tcp -m tcp --dport 22 '), // port outside the list
      line('-p udp -m udp --dport 443'), // other protocol
      line('--dport 9050:9200'), // range reaches past the earlier one
      line('-d 203.0.113.40/32 -p tcp -m tcp --dport 22 '), // the port the earlier rule excludes
    ];
    for (const l of never) expect(shadowed.map(([a]) => a)).not.toContain(l);
  });

  it('decides coverage from interface wildcards and negation', () => {
    const { dump, report } = inspectFixture('match-cases-legacy.txt');
    const shadowed = linesOf(report, 'rule-shadowed');
    const line = (fragment: string) => lineOf(dump, fragment);
    expect(shadowed).toContainEqual([line('-o eth1'), line('-o eth+')]);
    expect(shadowed).toContainEqual([line('-o vxlan0'), line('! -o net+')]);
    expect(shadowed).toContainEqual([line('-s 192.168.5.0/24'), line('! -s 10.0.0.0/8')]);
    for (const l of [line('-A COVER_IFACES -o net1'), line('-o net2'), line('-s 10.2.0.0/16')]) {
      expect(shadowed.map(([a]) => a)).not.toContain(l);
    }
  });

  it('takes only terminal rules as the earlier one: not LOG, not a jump that may return, but a goto', () => {
    const { dump, report } = inspectFixture('match-cases-legacy.txt');
    const shadowed = linesOf(report, 'rule-shadowed').map(([a]) => a);
    expect(shadowed).not.toContain(lineOf(dump, '-s 10.5.1.0/24'));
    expect(shadowed).not.toContain(lineOf(dump, '-s 10.6.1.0/24'));
    expect(linesOf(report, 'rule-shadowed')).toContainEqual([
      lineOf(dump, '-s 10.7.1.0/24'),
      lineOf(dump, '-g OPS_SUB'),
    ]);
  });

  it('never calls a rule with a match it does not understand shadowed, nor lets one shadow', () => {
    const { dump, report } = inspectFixture('match-cases-legacy.txt');
    const shadowed = linesOf(report, 'rule-shadowed').map(([a]) => a);
    expect(shadowed).not.toContain(lineOf(dump, '-s 10.3.1.0/24')); // earlier rule has -m limit
    expect(shadowed).not.toContain(lineOf(dump, '-s 10.4.1.0/24')); // this rule has -m limit
    expect(shadowed).not.toContain(lineOf(dump, '--tcp-flags')); // this rule has --tcp-flags
  });

  it('understands marks and conntrack states, and distrusts a mark test across a MARK rule', () => {
    const { dump, report } = inspectFixture('match-cases-legacy.txt');
    const shadowed = linesOf(report, 'rule-shadowed');
    expect(shadowed).toContainEqual([
      lineOf(dump, '--mark 0x3/0x3 -j ACCEPT'),
      lineOf(dump, '--mark 0x1/0x1 -j ACCEPT'),
    ]);
    expect(shadowed).toContainEqual([lineOf(dump, '--ctstate NEW -j DROP'), lineOf(dump, '--ctstate NEW,ESTABLISHED')]);
    const never = [
      lineOf(dump, '--mark 0x2/0x2'),
      lineOf(dump, '--mark 0x3/0x3 -j DROP'),
      lineOf(dump, '--ctstate DNAT -j DROP'),
    ];
    for (const l of never) expect(shadowed.map(([a]) => a)).not.toContain(l);
  });

  it('stays quiet on every healthy Kube-OVN generation', () => {
    for (const file of [
      's5-tenant-v111-nft.txt',
      's5-tenant-v114-legacy.txt',
      's5-tenant-v116-nft.txt',
      's5-tenant-master-legacy.txt',
      's8-vm-fips-v116-legacy.txt',
      'large-busy-master-legacy.txt',
    ]) {
      const { report } = inspectFixture(file);
      expect([...linesOf(report, 'rule-shadowed'), ...linesOf(report, 'duplicate-rule')], file).toEqual([]);
    }
  });
});

describe('duplicate-rule', () => {
  it('reports a DNAT re-added with an upper-case protocol, the repeat first', () => {
    for (const file of ['f3-dnat-uppercase-v114-legacy.txt', 'f3-dnat-uppercase-v116-nft.txt']) {
      const { dump, report } = inspectFixture(file);
      expect(linesOf(report, 'duplicate-rule'), file).toEqual([
        [lineOf(dump, '--dport 22', 2), lineOf(dump, '--dport 22', 1)],
      ]);
      expect(linesOf(report, 'rule-shadowed'), file).toEqual([]);
      const d = report.diagnostics.find((x) => x.code === 'duplicate-rule')!;
      expect(d.message).toContain('tcp 192.168.100.12:22 → 10.0.1.10:22');
      expect(d.message).toContain('survives its own delete');
    }
  });

  it('reports an SNAT re-added with host bits in its CIDR', () => {
    for (const file of ['f4-snat-host-bits-v116-legacy.txt', 'f4-snat-host-bits-master-legacy.txt']) {
      const { dump, report } = inspectFixture(file);
      expect(linesOf(report, 'duplicate-rule'), file).toEqual([
        [lineOf(dump, '-s 10.0.1.0/24', 2), lineOf(dump, '-s 10.0.1.0/24', 1)],
      ]);
    }
  });

  it('tells a duplicate from a same-match rule with another target', () => {
    const { dump, report } = inspectFixture('match-cases-legacy.txt');
    expect(linesOf(report, 'duplicate-rule')).toEqual([
      [lineOf(dump, '-s 10.2.0.0/16', 2), lineOf(dump, '-s 10.2.0.0/16', 1)],
    ]);
  });
});
