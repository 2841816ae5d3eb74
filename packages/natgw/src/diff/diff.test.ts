import { ReadingDiff } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { fixtureDump } from '../report/fixture-corpus.js';
import { inspect } from '../report/inspect.js';
import { diff, type DiffReading } from './diff.js';
import { diffPhrases } from './diff-phrases.js';

/** A reading of the diff corpus (packages/natgw/fixtures/diff, built by scripts/fixtures/build-diff.sh). */
function reading(name: string): DiffReading {
  const dump = fixtureDump(`diff/${name}.txt`);
  const report = inspect(dump);
  return { mappings: report.mappings, diagnostics: report.diagnostics, tables: dump.tables };
}

function pair(name: string): ReadingDiff {
  const d = diff(reading(`${name}.before`), reading(`${name}.after`));
  return ReadingDiff.parse(d);
}

const EMPTY: ReadingDiff = {
  mappings: { added: [], removed: [], changed: [] },
  rules: { added: [], removed: [] },
  reordered: [],
  diagnostics: { appeared: [], resolved: [] },
};

describe('diff over real readings', () => {
  it('calls a floating IP moved to another VM one change, and names both rules that changed', () => {
    const d = pair('fip-moved-v116-legacy');
    expect(d.mappings.added).toEqual([]);
    expect(d.mappings.removed).toEqual([]);
    expect(d.mappings.changed).toHaveLength(1);
    expect(d.mappings.changed[0]).toMatchObject({
      before: { kind: 'fip', eip: '192.168.100.11', internalIp: '10.0.1.5' },
      after: { kind: 'fip', eip: '192.168.100.11', internalIp: '10.0.1.6' },
    });
    expect(d.rules.removed.map((r) => r.text)).toEqual([
      '-A EXCLUSIVE_DNAT -d 192.168.100.11/32 -j DNAT --to-destination 10.0.1.5',
      '-A EXCLUSIVE_SNAT -s 10.0.1.5/32 -j SNAT --to-source 192.168.100.11',
    ]);
    expect(d.rules.added.map((r) => `${r.table}/${r.chain} ${r.text}`)).toEqual([
      'nat/EXCLUSIVE_DNAT -A EXCLUSIVE_DNAT -d 192.168.100.11/32 -j DNAT --to-destination 10.0.1.6',
      'nat/EXCLUSIVE_SNAT -A EXCLUSIVE_SNAT -s 10.0.1.6/32 -j SNAT --to-source 192.168.100.11',
    ]);
    expect(diffPhrases(d)).toEqual(['floating IP 192.168.100.11 ⇄ 10.0.1.5 changed: now 192.168.100.11 ⇄ 10.0.1.6']);
  });

  it('sees a re-pointed port forward as a change of the same EIP, protocol and port', () => {
    const d = pair('dnat-repointed-v116-legacy');
    expect(d.mappings.changed.map((c) => [c.before, c.after])).toMatchObject([
      [
        { kind: 'dnat', eip: '192.168.100.12', externalPort: 2222, internalIp: '10.0.2.20' },
        { kind: 'dnat', eip: '192.168.100.12', externalPort: 2222, internalIp: '10.0.2.21' },
      ],
    ]);
    expect(d.rules.removed).toHaveLength(1);
    expect(d.rules.added).toHaveLength(1);
    // Deleted and appended again: the rule moved to the end of SHARED_DNAT, which is an order change but not a reordering.
    expect(d.reordered).toEqual([]);
  });

  it('reports a removed SNAT with its rule at its line in the earlier reading', () => {
    const d = pair('snat-removed-v116-legacy');
    expect(d.mappings.removed).toMatchObject([{ kind: 'snat', eip: '192.168.100.10', internalCidr: '10.0.2.0/24' }]);
    expect(d.mappings.added).toEqual([]);
    const before = fixtureDump('diff/snat-removed-v116-legacy.before.txt');
    const [removed] = d.rules.removed;
    expect(d.rules.removed).toHaveLength(1);
    expect(removed).toMatchObject({ table: 'nat', chain: 'SHARED_SNAT' });
    expect(before.text.split('\n')[(removed?.line ?? 0) - 1]).toContain(removed?.text ?? '?');
    expect(d.rules.added).toEqual([]);
    expect(diffPhrases(d)).toEqual(['SNAT 10.0.2.0/24 → 192.168.100.10 removed']);
    // With the time each change was seen, as the dashboard's diff view says it.
    expect(diffPhrases(d, { added: [], removed: ['02:58:03'], changed: [] })).toEqual([
      'SNAT 10.0.2.0/24 → 192.168.100.10 removed at 02:58:03',
    ]);
  });

  it('lists every mapping and rule of a pod that lost its rules, and the diagnostic that appeared', () => {
    const d = pair('rules-lost-v116-legacy');
    const before = reading('rules-lost-v116-legacy.before');
    expect(d.mappings.removed).toHaveLength(before.mappings.length);
    expect(d.rules.removed).toHaveLength(18);
    expect(d.rules.added).toEqual([]);
    expect(d.diagnostics.appeared.map((x) => x.code)).toEqual(['gateway-not-initialized']);
    expect(diffPhrases(d)).toContain('floating IP 192.168.100.11 ⇄ 10.0.1.5 removed');
    expect(diffPhrases(d)).toContain('error appeared: not initialised');
  });

  it('sees no change where only counters moved', () => {
    expect(pair('counters-only-v116-nft')).toEqual(EMPTY);
  });

  it('gives empty lists for a reading compared with itself', () => {
    const r = reading('fip-moved-v116-legacy.before');
    expect(diff(r, r)).toEqual(EMPTY);
  });

  it('the other way round, what was added is removed', () => {
    const forward = pair('snat-removed-v116-legacy');
    const back = diff(reading('snat-removed-v116-legacy.after'), reading('snat-removed-v116-legacy.before'));
    expect(back.mappings.added).toEqual(forward.mappings.removed);
    expect(back.rules.added).toEqual(forward.rules.removed);
  });
});

describe('diff of rules in order', () => {
  const chain = (texts: string[]): DiffReading => ({
    mappings: [],
    diagnostics: [],
    tables: [
      { name: 'nat', chains: [{ name: 'SHARED_SNAT', rules: texts.map((text, i) => ({ text, line: i + 2 })) }] },
    ],
  });
  const a = '-A SHARED_SNAT -s 10.0.0.0/16 -j SNAT --to-source 192.168.100.10';
  const b = '-A SHARED_SNAT -s 10.0.1.0/24 -j SNAT --to-source 192.168.100.11';

  it('names a chain whose rules are the same in another order, since order decides which one matches', () => {
    expect(diff(chain([a, b]), chain([b, a]))).toEqual({ ...EMPTY, reordered: ['nat/SHARED_SNAT'] });
  });

  it('counts a repeated rule: a second copy is one rule added', () => {
    expect(diff(chain([a]), chain([a, a])).rules).toEqual({
      added: [{ table: 'nat', chain: 'SHARED_SNAT', text: a, line: 3 }],
      removed: [],
    });
  });
});
