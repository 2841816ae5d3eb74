import { describe, expect, it } from 'vitest';
import { contextOf, fixtureDump, fixtureStderr } from '../report/fixture-corpus.js';
import { checkLegacyTables } from './check-legacy-tables.js';

describe('legacy-tables-present', () => {
  it('comes from a warning line inside the dump', () => {
    const dump = fixtureDump('nft-view-of-legacy-gateway.txt');
    const [d, ...rest] = checkLegacyTables(contextOf(dump));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'legacy-tables-present', severity: 'warning', rules: [] });
    expect(d!.message).toContain('line 1 of the dump');
    expect(d!.message).toContain('not the rules the kernel applies');
  });

  it('comes from the stderr the collector kept, when the dump itself is clean', () => {
    const dump = fixtureDump('nft-view-of-legacy-s5-tenant-v116.txt');
    expect(dump.warnings).toEqual([]);
    expect(checkLegacyTables(contextOf(dump))).toEqual([]);
    const [d] = checkLegacyTables(contextOf(dump, { stderr: fixtureStderr('nft-view-of-legacy-s5-tenant-v116.txt') }));
    expect(d!.message).toContain('stderr');
  });

  it('is absent when iptables warned of nothing', () => {
    expect(checkLegacyTables(contextOf(fixtureDump('s5-tenant-v116-legacy.txt'), { stderr: '' }))).toEqual([]);
    expect(checkLegacyTables(contextOf(fixtureDump('both-backends-v116-legacy-view.txt')))).toEqual([]);
  });
});
