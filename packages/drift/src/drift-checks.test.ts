import { DRIFT_CODES, type DriftFinding } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { driftFixtures } from '../fixtures/index.js';
import { checkEipUnresolved } from './check-eip-unresolved.js';
import { checkResourceNotReady } from './check-resource-not-ready.js';
import { checkRuleDiffers } from './check-rule-differs.js';
import { checkRuleMissing } from './check-rule-missing.js';
import { checkRuleOrphaned } from './check-rule-orphaned.js';
import { compareDesired } from './compare-desired.js';
import { DriftContext } from './drift-context.js';
import { DRIFT_CHECKS } from './drift-checks.js';
import { fixtureCase } from './fixture-case.js';

const brief = (d: DriftFinding): string =>
  `${d.code} ${d.resource ? `${d.resource.kind}/${d.resource.name}` : '-'} ${d.eip ?? '-'}`;

describe('DRIFT_CHECKS', () => {
  it('holds one check per finding code, in report order', () => {
    expect(DRIFT_CHECKS).toEqual([
      checkEipUnresolved,
      checkResourceNotReady,
      checkRuleMissing,
      checkRuleDiffers,
      checkRuleOrphaned,
    ]);
    expect([...DRIFT_CODES].sort()).toEqual([
      'eip-unresolved',
      'resource-not-ready',
      'rule-differs',
      'rule-missing',
      'rule-orphaned',
    ]);
  });

  it('gives each check exactly the findings of its code that the whole comparison gives, on every real dump', () => {
    const codes = ['eip-unresolved', 'resource-not-ready', 'rule-missing', 'rule-differs', 'rule-orphaned'];
    const seen = new Set<string>();
    for (const fixture of driftFixtures) {
      const c = fixtureCase(fixture.name);
      const whole = compareDesired(c).drifts;
      DRIFT_CHECKS.forEach((check, i) => {
        const alone = check(new DriftContext(c)).map((f) => f.finding);
        expect(
          alone.every((d) => d.code === codes[i]),
          `${fixture.name}: ${codes[i]}`,
        ).toBe(true);
        expect(alone.map(brief).sort()).toEqual(
          whole
            .filter((d) => d.code === codes[i])
            .map(brief)
            .sort(),
        );
        if (alone.length) seen.add(codes[i]!);
      });
    }
    // The fixtures plant every code, so each check above was seen at work.
    expect([...seen].sort()).toEqual([...codes].sort());
  });

  it('runs only the checks it is given: the rows stay, the other codes go', () => {
    const c = fixtureCase('updates-not-applied-v114-legacy');
    const whole = compareDesired(c);
    const orphansOnly = compareDesired(c, [checkRuleOrphaned]);
    expect(orphansOnly.drifts.map(brief)).toEqual(whole.drifts.filter((d) => d.code === 'rule-orphaned').map(brief));
    expect(orphansOnly.resources.map((r) => [r.kind, r.name, r.rules])).toEqual(
      whole.resources.map((r) => [r.kind, r.name, r.rules]),
    );
    const none = compareDesired(c, []);
    expect(none).toMatchObject({ status: 'in-sync', drifts: [] });
    expect(none.resources.every((r) => r.findings.length === 0)).toBe(true);
  });
});
