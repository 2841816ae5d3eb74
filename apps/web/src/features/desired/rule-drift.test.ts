import { PodDrift } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { fixtureDrift } from '../../../test/fixture-drift.js';
import { ruleDrift } from './rule-drift.js';

describe('ruleDrift', () => {
  it('finds each rule of a gateway in sync owned by its one object, with no mark', () => {
    const { drift } = fixtureDrift('in-sync-v116-legacy');
    const byRule = ruleDrift(drift);
    const fip = byRule.get('nat/EXCLUSIVE_DNAT/1');
    expect(fip?.owners.map((r) => `${r.kind}/${r.name}`)).toEqual(['IptablesFIPRule/fip-vm1']);
    expect(byRule.get('nat/EXCLUSIVE_SNAT/1')?.owners[0]).toBe(fip?.owners[0]);
    expect(byRule.get('nat/HAIRPIN_SNAT/2')?.owners.map((r) => r.name)).toEqual(['eip-fip']);
    expect([...byRule.values()].every((r) => r.mark === null && r.findings.length === 0)).toBe(true);
  });

  it('marks the rules a deleted floating IP left behind as orphaned, with no owner (#5115)', () => {
    const { drift } = fixtureDrift('fip-deleted-rules-left-v113-legacy');
    const byRule = ruleDrift(drift);
    for (const key of ['nat/EXCLUSIVE_DNAT/2', 'nat/EXCLUSIVE_SNAT/2']) {
      expect(byRule.get(key)).toMatchObject({
        owners: [],
        mark: 'orphaned',
        findings: [{ index: 0, finding: { code: 'rule-orphaned' } }],
      });
    }
    expect(byRule.get('nat/EXCLUSIVE_DNAT/1')?.mark).toBeNull();
  });

  it('marks the rules of a moved floating IP as differing, and keeps their owner (#2540)', () => {
    const { drift } = fixtureDrift('fip-moved-v115-nft');
    const rule = ruleDrift(drift).get('nat/EXCLUSIVE_DNAT/1');
    expect(rule?.mark).toBe('differs');
    expect(rule?.owners.map((r) => r.name)).toEqual(['fip-vm1']);
  });

  it('lists a finding of a code it does not know without marking its rule', () => {
    const drift = PodDrift.parse({
      gateway: 'gw1',
      status: 'drifted',
      listedAt: null,
      resources: [],
      drifts: [
        {
          code: 'rule-from-the-future',
          severity: 'info',
          message: 'later',
          resource: null,
          eip: null,
          rules: [{ table: 'nat', chain: 'X', index: 1, line: 3 }],
        },
        {
          code: 'rule-orphaned',
          severity: 'warning',
          message: 'left',
          resource: null,
          eip: null,
          rules: [{ table: 'nat', chain: 'X', index: 1, line: 3 }],
        },
        {
          code: 'rule-differs',
          severity: 'error',
          message: 'differs',
          resource: null,
          eip: null,
          rules: [{ table: 'nat', chain: 'X', index: 1, line: 3 }],
        },
      ],
    });
    const rule = ruleDrift(drift).get('nat/X/1');
    expect(rule?.findings.map((f) => f.index)).toEqual([0, 1, 2]);
    // Differs wins over orphaned whatever the order: it has an owner to look at.
    expect(rule?.mark).toBe('differs');
    expect(ruleDrift({ ...drift, drifts: drift.drifts.slice(0, 1) }).get('nat/X/1')?.mark).toBeNull();
  });

  it('is empty without a comparison', () => {
    expect(ruleDrift(undefined).size).toBe(0);
  });
});
