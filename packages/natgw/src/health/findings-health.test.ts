import { describe, expect, it } from 'vitest';
import { inspectFixture } from '../report/fixture-corpus.js';
import { findingsHealth } from './findings-health.js';

const healthOf = (file: string) => findingsHealth(inspectFixture(file).report.diagnostics);

describe('findingsHealth on real dumps', () => {
  it('calls a tenant gateway without a warning healthy', () => {
    expect(healthOf('s5-tenant-v116-legacy.txt')).toEqual({ health: 'healthy', cause: null });
  });

  it('calls a restarted pod that lost its rules broken: no EIP works on it', () => {
    expect(healthOf('restarted-empty-legacy.txt')).toEqual({ health: 'broken', cause: 'not initialised' });
  });

  it('calls a floating IP with only its DNAT half broken', () => {
    expect(healthOf('fip-half-dnat-v114-legacy.txt')).toEqual({ health: 'broken', cause: 'half a floating IP' });
  });

  it('calls shadowed SNAT rules degraded, counting them', () => {
    expect(healthOf('s6-overlapping-snat-v116-legacy.txt')).toEqual({ health: 'degraded', cause: '2 rules shadowed' });
  });

  it('leaves info out: advice is not harm', () => {
    // One snat-without-out-interface warning and one snat-without-random-fully info.
    expect(healthOf('s2-egress-v111-nft.txt')).toEqual({ health: 'degraded', cause: 'SNAT without -o' });
    expect(healthOf('s5-tenant-v111-nft.txt')).toEqual({ health: 'degraded', cause: '2 SNAT rules without -o' });
  });

  it('leads with the wrong backend when the nft view of a legacy gateway also looks not initialised', () => {
    // Recreating the pod would be the wrong fix: its rules are in the legacy tables.
    expect(healthOf('nft-view-of-legacy-gateway.txt')).toEqual({
      health: 'broken',
      cause: 'wrong iptables backend read, +1 more',
    });
  });

  it('counts the findings of other codes after the leading one', () => {
    const report = inspectFixture('fip-half-dnat-v114-legacy.txt').report;
    const shadowed = { code: 'rule-shadowed', severity: 'warning' } as const;
    expect(findingsHealth([...report.diagnostics, shadowed, shadowed])).toEqual({
      health: 'broken',
      cause: 'half a floating IP, +2 more',
    });
  });
});
