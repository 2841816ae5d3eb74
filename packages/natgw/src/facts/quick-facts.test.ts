import { type Dump, parse } from '@natscope/iptables';
import { describe, expect, it } from 'vitest';
import { generateDump, withProblems } from '../../../../bench/generate-dump.js';
import { corpusFiles, fixtureDump } from '../report/fixture-corpus.js';
import { QuickFacts } from './quick-facts.js';
import { decodedFacts, type RuleFacts } from './rule-facts.js';

const KUBE_OVN_NAT = ['EXCLUSIVE_DNAT', 'EXCLUSIVE_SNAT', 'SHARED_DNAT', 'SHARED_SNAT', 'HAIRPIN_SNAT'];

// Targets compare by what the analysis reads of them (the decoded one also carries options and a span).
function comparable(facts: RuleFacts) {
  return {
    shape: facts.shape,
    space: facts.space,
    target: facts.target && { kind: facts.target.kind, name: facts.target.name },
  };
}

/** Reads every rule both ways; returns how many took the fast path and how many did not. */
function compareAll(dump: Dump): { quick: number; decoded: number } {
  const quick = new QuickFacts(dump.text);
  const counts = { quick: 0, decoded: 0 };
  for (const table of dump.tables) {
    for (const chain of table.chains) {
      for (const rule of chain.rules) {
        const fast = quick.facts(table.name, rule);
        if (!fast) {
          counts.decoded++;
          continue;
        }
        counts.quick++;
        expect(comparable(fast), `${dump.file} line ${rule.line}: ${rule.text}`).toEqual(
          comparable(decodedFacts(table.name, rule)),
        );
      }
    }
  }
  return counts;
}

/** The quick facts of one rule `-A chain spec`, read as if its table were `table`. */
function quickFacts(chain: string, spec: string, table = 'nat'): RuleFacts | null {
  const dump = parse(`*nat\n:${chain} - [0:0]\n[1:60] -A ${chain} ${spec}\nCOMMIT\n`, { file: 'case' });
  return new QuickFacts(dump.text).facts(table, dump.tables[0]!.chains[0]!.rules[0]!);
}

describe('quick facts', () => {
  it('reads the same facts as the decoded view from every rule it accepts in the fixture corpus', () => {
    let quick = 0;
    for (const file of [...corpusFiles, 'match-cases-legacy.txt', 'tenant-v116-legacy-no-counters.txt'])
      quick += compareAll(fixtureDump(file)).quick;
    expect(quick).toBeGreaterThan(500);
  });

  it('reads every Kube-OVN rule of a generated gateway, the same as the decoded view', () => {
    for (const backend of ['legacy', 'nft'] as const) {
      const dump = parse(generateDump({ rules: 5_000, seed: 11, backend }), { file: `generated-${backend}` });
      const kubeOvn = dump.tables[0]!.chains.filter((c) => KUBE_OVN_NAT.includes(c.name)).reduce(
        (n, c) => n + c.rules.length,
        0,
      );
      expect(compareAll(dump)).toEqual({ quick: kubeOvn, decoded: 5_000 - kubeOvn });
    }
  });

  it('leaves the odd spellings of a dump with problems to the decoded view, and agrees with it on the rest', () => {
    const dump = parse(withProblems(generateDump({ rules: 20_000, seed: 12 }), 12), { file: 'problems' });
    const { quick, decoded } = compareAll(dump);
    expect(decoded).toBeGreaterThan(300);
    expect(quick).toBeGreaterThan(15_000);
  });

  it.each([
    ['SHARED_DNAT', '-d 192.168.100.12/32 -p TCP -m TCP --dport 2222 -j DNAT --to-destination 10.0.2.20:22'],
    ['SHARED_DNAT', '-d 192.168.100.12/32 -p tcp --dport 2222 -j DNAT --to-destination 10.0.2.20:22'],
    [
      'SHARED_DNAT',
      '-d 192.168.100.12/32 -p tcp -m tcp --dport 2222 -m comment --comment "web" -j DNAT --to-destination 10.0.2.20:22',
    ],
    ['SHARED_DNAT', '! -d 192.168.100.12/32 -p tcp -m tcp --dport 2222 -j DNAT --to-destination 10.0.2.20:22'],
    ['SHARED_DNAT', '-d 192.168.100.12/32 -p tcp -m tcp --dport 2222 -j DNAT --to-destination 10.0.2.20:22-23'],
    ['SHARED_DNAT', '-d 192.168.100.12/32 -p tcp -m tcp --dport 70000 -j DNAT --to-destination 10.0.2.20:22'],
    ['SHARED_DNAT', '-d 192.168.100.12/32 -p tcp -m tcp --dport 22 -j DNAT --to-destination 10.0.2.20:22 --random'],
    ['EXCLUSIVE_DNAT', '-d 192.168.100.11/31 -j DNAT --to-destination 10.0.1.5'],
    ['EXCLUSIVE_DNAT', '-d 192.168.100.11/32 -j DNAT --to-destination 10.0.1.5:80'],
    ['EXCLUSIVE_DNAT', '-d 192.168.100.11/32\t-j DNAT --to-destination 10.0.1.5'],
    ['EXCLUSIVE_DNAT', '-d gateway.example -j DNAT --to-destination 10.0.1.5'],
    ['EXCLUSIVE_SNAT', '-s 10.0.1.5/32 -j SNAT --to-source "192.168.100.11"'],
    ['EXCLUSIVE_SNAT', '-s 10.0.1.5/32 -j SNAT --to-source 192.168.100.11 --random-fully'],
    ['SHARED_SNAT', '-s 10.0.1.0/24 ! -o net1 -j SNAT --to-source 192.168.100.10'],
    ['SHARED_SNAT', '-s 10.0.1.0/24 -o ! net1 -j SNAT --to-source 192.168.100.10'],
    ['SHARED_SNAT', '-o net1 -s 10.0.1.0/24 -j SNAT --to-source 192.168.100.10'],
    ['SHARED_SNAT', '-s 10.0.1.0/24 -o net1 -j SNAT --to-source 192.168.100.10-192.168.100.12'],
    [
      'HAIRPIN_SNAT',
      '-o eth0 -m mark --mark 0x1/0x1 -m conntrack --ctstate NEW,DNAT --ctorigdst 192.168.100.10 -j SNAT --to-source 192.168.100.10',
    ],
    [
      'HAIRPIN_SNAT',
      '-o eth0 -m mark --mark blue -m conntrack --ctstate DNAT --ctorigdst 192.168.100.10 -j SNAT --to-source 192.168.100.10',
    ],
    [
      'HAIRPIN_SNAT',
      '-o eth0 -m conntrack --ctstate DNAT --ctorigdst 192.168.100.0/24 -j SNAT --to-source 192.168.100.10',
    ],
    ['DNAT_FILTER', '-j EXCLUSIVE_DNAT'],
  ])('leaves %s %s to the decoded view', (chain, spec) => {
    expect(quickFacts(chain, spec)).toBeNull();
  });

  it('reads only the nat table', () => {
    const spec = '-d 192.168.100.11/32 -j DNAT --to-destination 10.0.1.5';
    expect(quickFacts('EXCLUSIVE_DNAT', spec)?.shape).toEqual({
      kind: 'fip-dnat',
      eip: '192.168.100.11',
      internalIp: '10.0.1.5',
    });
    expect(quickFacts('EXCLUSIVE_DNAT', spec, 'mangle')).toBeNull();
  });

  it('reads the optional parts of SNAT and hairpin rules', () => {
    expect(quickFacts('SHARED_SNAT', '-s 10.0.1.5/24 -j SNAT --to-source 192.168.100.10')?.shape).toEqual({
      kind: 'snat',
      eip: '192.168.100.10',
      internalCidr: '10.0.1.0/24',
      randomFully: false,
      outInterface: null,
    });
    const hairpin = quickFacts(
      'HAIRPIN_SNAT',
      '-m conntrack --ctstate DNAT --ctorigdst 192.168.100.10/32 -j SNAT --to-source 192.168.100.10',
    );
    expect(hairpin?.shape).toEqual({ kind: 'hairpin', eip: '192.168.100.10' });
    expect(hairpin?.space).toMatchObject({
      outInterface: null,
      mark: null,
      origDestination: { base: 0xc0a8640a, length: 32, negated: false },
    });
    expect(
      quickFacts('SHARED_DNAT', '-d 192.168.100.12/32 -p udp -m udp --dport 53 -j DNAT --to-destination 10.0.2.20')
        ?.shape,
    ).toEqual({
      kind: 'dnat',
      eip: '192.168.100.12',
      protocol: 'udp',
      externalPort: 53,
      internalIp: '10.0.2.20',
      internalPort: 53,
    });
  });
});
