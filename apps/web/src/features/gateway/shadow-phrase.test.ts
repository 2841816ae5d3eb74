import type { Diagnostic } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { shadowPhrase } from './shadow-phrase.js';

const rule = (chain: string, index: number, line = index + 10) => ({ table: 'nat', chain, index, line });
const shadowed: Diagnostic = {
  code: 'rule-shadowed',
  severity: 'warning',
  message: 'SHARED_SNAT rule 11 is shadowed by rule 3',
  rules: [rule('SHARED_SNAT', 11), rule('SHARED_SNAT', 3)],
};

describe('shadowPhrase', () => {
  it('tells the dead rule from the one that takes its traffic', () => {
    expect(shadowPhrase(shadowed, [rule('SHARED_SNAT', 11)])).toBe('never matches: shadowed by #3');
    expect(shadowPhrase(shadowed, [rule('SHARED_SNAT', 3)])).toBe('shadows #11');
    // Both in one place: the dead rule is the news.
    expect(shadowPhrase(shadowed, [rule('SHARED_SNAT', 3), rule('SHARED_SNAT', 11)])).toBe(
      'never matches: shadowed by #3',
    );
  });

  it('names the chain of a rule in another chain', () => {
    const fip: Diagnostic = {
      ...shadowed,
      code: 'fip-shadows-dnat',
      rules: [rule('SHARED_DNAT', 2), rule('EXCLUSIVE_DNAT', 1)],
    };
    expect(shadowPhrase(fip, [rule('SHARED_DNAT', 2)])).toBe('never matches: shadowed by EXCLUSIVE_DNAT #1');
    expect(shadowPhrase(fip, [rule('EXCLUSIVE_DNAT', 1)])).toBe('shadows SHARED_DNAT #2');
  });

  it('says nothing for other diagnostics or rules it does not name', () => {
    expect(
      shadowPhrase({ ...shadowed, code: 'fip-asymmetric', severity: 'error' }, [rule('SHARED_SNAT', 11)]),
    ).toBeNull();
    expect(shadowPhrase(shadowed, [rule('SHARED_SNAT', 5)])).toBeNull();
  });
});
