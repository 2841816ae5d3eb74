import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from './parse.js';
import { plainDecoded } from './plain-decoded.js';
import type { Rule } from './types.js';

const fixtureDir = join(import.meta.dirname, '..', 'fixtures');
const rules: Rule[] = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.txt') && !name.endsWith('.stderr.txt'))
  .flatMap((name) => parse(readFileSync(join(fixtureDir, name), 'utf8'), { file: name }).tables)
  .flatMap((t) => t.chains.flatMap((c) => c.rules));

// The decoded view through JSON, positions dropped: what the plain form must equal.
function withoutSpans(rule: Rule): unknown {
  return JSON.parse(JSON.stringify(rule.decoded, (key, value: unknown) => (key === 'span' ? undefined : value)));
}

describe('plain decoded view', () => {
  it('is the decoded view without positions, for every rule of the fixtures', () => {
    expect(rules.length).toBeGreaterThan(900);
    for (const rule of rules) expect(plainDecoded(rule), rule.text).toEqual(withoutSpans(rule));
  });

  it('is the same for a rule decoded before and a rule never decoded, and a fresh object every time', () => {
    const text =
      '*nat\n:X - [0:0]\n-A X -s 10.0.1.0/24 -p tcp -m tcp --dport 22 -m comment --comment "ssh in" -j SNAT --to-source 192.168.100.10 --random-fully\nCOMMIT\n';
    const fresh = parse(text).tables[0]!.chains[0]!.rules[0]!;
    const decoded = parse(text).tables[0]!.chains[0]!.rules[0]!;
    void decoded.decoded;
    const a = plainDecoded(fresh);
    const b = plainDecoded(fresh);
    expect(a).toEqual(plainDecoded(decoded));
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    expect(a.matches[0]).not.toBe(b.matches[0]);
    expect(a.target).toEqual({
      kind: 'jump',
      name: 'SNAT',
      options: [
        { name: 'to-source', flag: '--to-source', negated: false, args: ['192.168.100.10'] },
        { name: 'random-fully', flag: '--random-fully', negated: false, args: [] },
      ],
    });
    expect(JSON.stringify(a)).not.toContain('span');
  });
});
