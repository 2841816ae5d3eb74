import { describe, expect, it } from 'vitest';
import { CoverIndex, type CoverStats } from './cover-index.js';
import { fixtureDump } from './fixture-corpus.js';
import { inspect } from './inspect.js';
import { parseCidr } from './ipv4.js';
import { type MatchSpace, openSpace } from './match-space.js';
import { singlePortSet } from './port-set.js';

function space(spec: { source?: string; notSource?: string; protocol?: string; dport?: number }): MatchSpace {
  const s = openSpace();
  if (spec.source) s.source = { ...parseCidr(spec.source)!, negated: false };
  if (spec.notSource) s.source = { ...parseCidr(spec.notSource)!, negated: true };
  if (spec.protocol) s.protocol = { value: spec.protocol, negated: false };
  if (spec.dport !== undefined) s.destinationPorts = singlePortSet(spec.dport);
  return s;
}

describe('cover index', () => {
  it('finds the earliest covering entry, whichever prefix, protocol and port bucket it is in', () => {
    const index = new CoverIndex<string>();
    index.add(space({ source: '10.0.0.0/8', protocol: 'tcp', dport: 22 }), 1, 'ssh from 10/8');
    index.add(space({ source: '10.0.0.0/16' }), 2, 'all from 10.0/16');
    index.add(space({}), 3, 'everything');
    expect(index.findCover(space({ source: '10.0.1.0/24', protocol: 'tcp', dport: 22 }))?.value).toBe('ssh from 10/8');
    expect(index.findCover(space({ source: '10.0.1.0/24', protocol: 'udp', dport: 22 }))?.value).toBe('all from 10.0/16');
    expect(index.findCover(space({ source: '11.0.0.0/8', protocol: 'tcp', dport: 22 }))).toMatchObject({ order: 3, value: 'everything' });
  });

  it('lets the caller veto a candidate and takes the next one', () => {
    const index = new CoverIndex<number>();
    index.add(space({ source: '10.0.0.0/8' }), 1, 0);
    index.add(space({ source: '10.0.0.0/8' }), 2, 1);
    index.add(space({ source: '10.0.0.0/16' }), 3, 2);
    expect(index.findCover(space({ source: '10.0.0.0/24' }), (position) => position !== 0)?.value).toBe(1);
    expect(index.findCover(space({ source: '10.0.0.0/24' }), (position) => position === 2)?.value).toBe(2);
    expect(index.findCover(space({ source: '10.0.0.0/24' }), () => false)).toBeNull();
  });

  it('checks entries with a negated address against every lookup', () => {
    const stats: CoverStats = { comparisons: 0 };
    const index = new CoverIndex<string>(stats);
    index.add(space({ notSource: '10.0.0.0/8' }), 1, 'not from 10/8');
    index.add(space({ source: '11.0.0.0/8' }), 2, 'from 11/8');
    expect(index.findCover(space({ source: '11.1.0.0/16' }))?.value).toBe('not from 10/8');
    expect(index.findCover(space({ source: '10.1.0.0/16' }))).toBeNull();
    expect(stats.comparisons).toBe(3);
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
