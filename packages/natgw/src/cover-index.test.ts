import { describe, expect, it } from 'vitest';
import type { CoverStats } from './cover-index.js';
import { fixtureDump } from './fixture-corpus.js';
import { inspect } from './inspect.js';

describe('cover index', () => {
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
