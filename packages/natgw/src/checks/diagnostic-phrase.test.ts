import { describe, expect, it } from 'vitest';
import { corpusFiles, inspectFixture } from '../report/fixture-corpus.js';
import { diagnosticPhrase } from './diagnostic-phrase.js';

describe('diagnosticPhrase', () => {
  it('has its own words for every code the checks write in the fixture corpus', () => {
    const codes = new Set(corpusFiles.flatMap((file) => inspectFixture(file).report.diagnostics.map((d) => d.code)));
    expect(codes.size).toBeGreaterThanOrEqual(9); // every check fires somewhere in the corpus
    for (const code of codes) {
      expect(diagnosticPhrase(code), code).not.toBe(code);
      expect(diagnosticPhrase(code).length, code).toBeLessThanOrEqual(40);
    }
  });

  it('says the words the headline promises', () => {
    expect(diagnosticPhrase('gateway-not-initialized')).toBe('not initialised');
    expect(diagnosticPhrase('legacy-tables-present')).toBe('wrong iptables backend read');
    expect(diagnosticPhrase('fip-asymmetric')).toBe('half a floating IP');
  });

  it('counts findings that come one per rule or EIP, and not those that come one per dump', () => {
    expect(diagnosticPhrase('rule-shadowed', 2)).toBe('2 rules shadowed');
    expect(diagnosticPhrase('hairpin-missing', 3)).toBe('3 EIPs without hairpin');
    expect(diagnosticPhrase('gateway-not-initialized', 2)).toBe('not initialised');
  });

  it('names a code it does not know (a newer natscope’s) as it is', () => {
    expect(diagnosticPhrase('conntrack-full')).toBe('conntrack-full');
    expect(diagnosticPhrase('conntrack-full', 4)).toBe('conntrack-full ×4');
    expect(diagnosticPhrase('constructor')).toBe('constructor');
  });
});
