import type { Diagnostic } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { diagnosticRoles, roleDescription } from './diagnostic-roles.js';

function first(file: string, code: Diagnostic['code']): Diagnostic {
  const found = fixtureReport(file).diagnostics.find((d) => d.code === code);
  if (!found) throw new Error(`${file} has no ${code}`);
  return found;
}

describe('the parts of a "never matches" diagnostic', () => {
  it('marks the shadowed SNAT rule dead and the broader earlier one as taking its traffic', () => {
    const roles = diagnosticRoles(first('s6-overlapping-snat-v116-legacy.txt', 'rule-shadowed'));
    expect([...roles].map(([key, role]) => [key, role.kind, `${role.other.chain}/${role.other.index}`])).toEqual([
      ['nat/SHARED_SNAT/1', 'shadowing', 'SHARED_SNAT/2'],
      ['nat/SHARED_SNAT/2', 'dead', 'SHARED_SNAT/1'],
    ]);
    expect(roleDescription(roles.get('nat/SHARED_SNAT/2')!)).toBe(
      'never matches: SHARED_SNAT rule 1 takes its traffic',
    );
    expect(roleDescription(roles.get('nat/SHARED_SNAT/1')!)).toBe(
      'takes the traffic of SHARED_SNAT rule 2, which never matches',
    );
  });

  it('marks the repeat of a duplicate dead, not the original', () => {
    const d = first('f3-dnat-uppercase-v114-legacy.txt', 'duplicate-rule');
    const roles = diagnosticRoles(d);
    expect(roles.get(`nat/${d.rules[0]!.chain}/${d.rules[0]!.index}`)?.kind).toBe('dead');
    expect(roles.get(`nat/${d.rules[1]!.chain}/${d.rules[1]!.index}`)?.kind).toBe('shadowing');
    expect(d.rules[0]!.index).toBeGreaterThan(d.rules[1]!.index);
  });

  it('marks the port forward dead and the floating IP in EXCLUSIVE_DNAT as taking its traffic', () => {
    const roles = diagnosticRoles(first('fip-shadows-dnat-v114-legacy.txt', 'fip-shadows-dnat'));
    const byChain = Object.fromEntries([...roles.values()].map((r) => [r.kind, r.other.chain]));
    expect(byChain).toEqual({ dead: 'EXCLUSIVE_DNAT', shadowing: 'SHARED_DNAT' });
  });

  it('gives no parts to other diagnostics or to none', () => {
    expect(diagnosticRoles(first('fip-half-dnat-v114-legacy.txt', 'fip-asymmetric')).size).toBe(0);
    expect(diagnosticRoles(null).size).toBe(0);
  });
});
