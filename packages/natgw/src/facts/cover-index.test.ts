import { parse } from '@natscope/iptables';
import { describe, expect, it } from 'vitest';
import { CoverIndex, type CoverStats } from './cover-index.js';
import { fixtureDump } from '../report/fixture-corpus.js';
import { inspect } from '../report/inspect.js';
import { DumpFacts } from './dump-facts.js';

/** The facts of one chain X of these rules; rule n has id n. */
function factsOf(...specs: string[]): DumpFacts {
  return new DumpFacts(parse(`*filter\n:X - [0:0]\n${specs.map((s) => `-A X ${s}\n`).join('')}COMMIT\n`));
}

describe('cover index', () => {
  it('finds the earliest covering entry, whichever prefix, protocol and port bucket it is in', () => {
    const facts = factsOf(
      '-s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT',
      '-s 10.0.0.0/16 -j ACCEPT',
      '-j ACCEPT',
      '-s 10.0.1.0/24 -p tcp -m tcp --dport 22 -j DROP',
      '-s 10.0.1.0/24 -p udp -m udp --dport 22 -j DROP',
      '-s 11.0.0.0/8 -p tcp -m tcp --dport 22 -j DROP',
    );
    const index = new CoverIndex(facts);
    for (const id of [0, 1, 2]) index.add(id);
    expect([3, 4, 5].map((id) => index.findCover(id))).toEqual([0, 1, 2]);
  });

  it('lets the caller veto a candidate and takes the next one', () => {
    const facts = factsOf(
      '-s 10.0.0.0/8 -j ACCEPT',
      '-s 10.0.0.0/8 -j ACCEPT',
      '-s 10.0.0.0/16 -j ACCEPT',
      '-s 10.0.0.0/24 -j DROP',
    );
    const index = new CoverIndex(facts);
    for (const id of [0, 1, 2]) index.add(id);
    expect(index.findCover(3, (candidate) => candidate !== 0)).toBe(1);
    expect(index.findCover(3, (candidate) => candidate === 2)).toBe(2);
    expect(index.findCover(3, () => false)).toBe(-1);
  });

  it('checks entries with a negated address against every lookup', () => {
    const facts = factsOf(
      '! -s 10.0.0.0/8 -j ACCEPT',
      '-s 11.0.0.0/8 -j ACCEPT',
      '-s 11.1.0.0/16 -j DROP',
      '-s 10.1.0.0/16 -j DROP',
    );
    const stats: CoverStats = { comparisons: 0 };
    const index = new CoverIndex(facts, stats);
    index.add(0);
    index.add(1);
    expect(index.findCover(2)).toBe(0);
    expect(index.findCover(3)).toBe(-1);
    expect(stats.comparisons).toBe(3);
  });

  it('finds nothing for a rule it cannot reason about', () => {
    const facts = factsOf('-j ACCEPT', '-m limit --limit 5/sec -j DROP');
    const index = new CoverIndex(facts);
    index.add(0);
    expect(index.findCover(1)).toBe(-1);
  });

  it('compares no two rules whose addresses cannot overlap', () => {
    // Five floating IPs on different /32s, hairpins on different EIPs: nothing shares a bucket.
    const stats: CoverStats = { comparisons: 0 };
    inspect(fixtureDump('s8-vm-fips-v116-legacy.txt'), { stats });
    expect(stats.comparisons).toBe(0);
  });

  it('compares only candidates that share prefixes, protocol and port', () => {
    // S6: the /24 and /32 each meet the /16 once (and the /32 would meet the /24, but it stops at the /16).
    const stats: CoverStats = { comparisons: 0 };
    inspect(fixtureDump('s6-overlapping-snat-v116-legacy.txt'), { stats });
    expect(stats.comparisons).toBe(2);
  });

  it('on a busy gateway, makes one comparison per shadowed rule instead of thousands', () => {
    // 197 rules, 7,210 same-chain pairs an all-pairs scan would test; five rules are shadowed.
    const stats: CoverStats = { comparisons: 0 };
    const report = inspect(fixtureDump('large-busy-v116-nft.txt'), { stats });
    expect(report.diagnostics.filter((d) => d.code === 'rule-shadowed')).toHaveLength(5);
    expect(stats.comparisons).toBe(5);
  });
});
