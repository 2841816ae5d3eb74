import { PodDrift } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { fixtureDrift } from '../../../test/fixture-drift.js';
import { driftSections, RESOURCE_KINDS } from './drift-sections.js';

describe('driftSections', () => {
  it('gives the five kinds a section each, in order, with the rows of each', () => {
    const { drift } = fixtureDrift('not-ready-v116-legacy');
    const sections = driftSections(drift);
    expect(sections.kinds.map((k) => k.kind)).toEqual([...RESOURCE_KINDS]);
    expect(sections.kinds.find((k) => k.kind === 'IptablesDnatRule')?.rows.map((r) => r.name)).toEqual([
      'dnat-ssh',
      'dnat-web',
      'dnat-ssh-new',
    ]);
    // Findings about an object are listed under its row, not again elsewhere.
    expect(sections.orphaned).toEqual([]);
    expect(sections.unplaced).toEqual([]);
  });

  it('puts the rules no object owns in their own section', () => {
    const { drift } = fixtureDrift('fip-deleted-rules-left-v113-legacy');
    expect(driftSections(drift).orphaned.map((f) => [f.index, f.finding.code])).toEqual([[0, 'rule-orphaned']]);
  });

  it('places every finding exactly once, a later kind after the five, a finding without a row in unplaced', () => {
    const drift = PodDrift.parse({
      gateway: 'gw1',
      status: 'drifted',
      listedAt: null,
      drifts: [
        {
          code: 'rule-missing',
          severity: 'error',
          message: 'gone',
          resource: { kind: 'IptablesFIPRule', name: 'fip-a' },
          eip: '203.0.113.11',
          rules: [],
        },
        { code: 'rule-orphaned', severity: 'warning', message: 'left', resource: null, eip: null, rules: [] },
        {
          code: 'resource-not-ready',
          severity: 'warning',
          message: 'no row',
          resource: { kind: 'IptablesEIP', name: 'gone' },
          eip: null,
          rules: [],
        },
      ],
      resources: [
        { kind: 'OvnEip', name: 'later', ready: true, conditions: [], fields: {}, rules: [], findings: [], notes: [] },
        {
          kind: 'IptablesFIPRule',
          name: 'fip-a',
          ready: true,
          conditions: [],
          fields: {},
          rules: [],
          findings: [0],
          notes: [],
        },
      ],
    });
    const sections = driftSections(drift);
    expect(sections.kinds.map((k) => k.kind)).toEqual([...RESOURCE_KINDS, 'OvnEip']);
    expect(sections.orphaned.map((f) => f.index)).toEqual([1]);
    expect(sections.unplaced.map((f) => f.index)).toEqual([2]);
  });
});
