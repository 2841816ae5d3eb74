import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDump, withProblems } from '../../../bench/generate-dump.js';
import { decodeRuleInFull, decodeSimpleRule } from './decode-rule.js';
import { Input } from './input.js';
import { parse } from './parse.js';
import type { DecodedRule } from './types.js';

const fixtureDir = join(import.meta.dirname, '..', 'fixtures');

// Everything a reader can see of a decoded rule, positions included.
function picture(decoded: DecodedRule): unknown {
  return JSON.parse(JSON.stringify(decoded));
}

/** Decodes every rule of `text` both ways; returns how many the fast path took and how many it left. */
function compareAll(text: string, file: string): { simple: number; full: number } {
  const dump = parse(text, { file });
  const input = new Input(text, file);
  const counts = { simple: 0, full: 0 };
  for (const rule of dump.tables.flatMap((t) => t.chains.flatMap((c) => c.rules))) {
    const simple = decodeSimpleRule(input, rule.textStart, rule.textEnd);
    if (!simple) {
      counts.full++;
      continue;
    }
    counts.simple++;
    const full = decodeRuleInFull(input, rule.textStart, rule.textEnd);
    expect(picture(simple), `${file} line ${rule.line}: ${rule.text}`).toEqual(picture(full));
    expect(simple).toEqual(full);
  }
  return counts;
}

function simpleOf(spec: string): DecodedRule | null {
  const text = `*nat\n:X - [0:0]\n-A X ${spec}\nCOMMIT\n`;
  const rule = parse(text).tables[0]!.chains[0]!.rules[0]!;
  return decodeSimpleRule(new Input(text, 'case'), rule.textStart, rule.textEnd);
}

describe('the decoder’s fast path', () => {
  it('decodes every rule it takes in the fixtures exactly as the general path does', () => {
    let simple = 0;
    for (const name of readdirSync(fixtureDir).filter((n) => n.endsWith('.txt') && !n.endsWith('.stderr.txt'))) {
      simple += compareAll(readFileSync(join(fixtureDir, name), 'utf8'), name).simple;
    }
    expect(simple).toBeGreaterThan(800);
  });

  it('takes every rule of a generated gateway, and agrees with the general path on a dump with problems', () => {
    expect(compareAll(generateDump({ rules: 5_000, seed: 3 }), 'generated')).toEqual({ simple: 5_000, full: 0 });
    const { simple, full } = compareAll(withProblems(generateDump({ rules: 10_000, seed: 4 }), 4), 'problems');
    expect(simple).toBeGreaterThan(9_000);
    expect(full).toBeGreaterThan(50);
  });

  it.each([
    '! -s 10.0.0.0/8 -j ACCEPT',
    '-s ! 10.0.0.0/8 -j ACCEPT',
    '-s 10.0.0.0/8 -s 10.1.0.0/16 -j ACCEPT',
    '--source 10.0.0.0/8 -j ACCEPT',
    '-p tcp --dport 22 -j ACCEPT',
    '-m comment --comment "web" -j ACCEPT',
    '-m tcp --tcp-flags SYN,RST SYN -j DROP',
    '-m frobnicate --x 1 -j ACCEPT',
    '-j LOG --log-prefix x --frobnicate',
    '-j OPS --anything',
    '-g OPS',
    '-f -j DROP',
    '-j ACCEPT -s 10.0.0.0/8',
    '-c 1 2 -j ACCEPT',
  ])('leaves %s to the general path', (spec) => {
    expect(simpleOf(spec)).toBeNull();
  });

  it('reads generic matches, modules and target options of one value or none', () => {
    const d = simpleOf(
      '-s 10.0.1.0/24 -o net1 -p TCP -m tcp --dport 22 -m mark --mark 0x1/0x1 -j SNAT --to-source 192.168.100.10 --random-fully',
    );
    expect(d).not.toBeNull();
    expect(d!.protocol).toEqual({ value: 'tcp', negated: false });
    expect(d!.matches.map((m) => [m.module, m.options.map((o) => [o.flag, ...o.args])])).toEqual([
      ['tcp', [['--dport', '22']]],
      ['mark', [['--mark', '0x1/0x1']]],
    ]);
    expect(d!.target?.options.map((o) => [o.name, o.args])).toEqual([
      ['to-source', ['192.168.100.10']],
      ['random-fully', []],
    ]);
    expect(simpleOf('-j DNAT_FILTER')?.target).toMatchObject({ kind: 'jump', name: 'DNAT_FILTER', options: [] });
    expect(simpleOf('-s 10.0.0.0/8')).toMatchObject({ source: { value: '10.0.0.0/8' }, target: null });
  });
});
