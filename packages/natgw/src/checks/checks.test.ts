import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contextOf, fixtureDump, inspectFixture } from '../report/fixture-corpus.js';
import type { Check } from './check.js';
import { CHECKS } from './checks.js';
import { diagnose } from './diagnose.js';

describe('the check registry', () => {
  it('lists every check module of this folder exactly once', async () => {
    const modules = readdirSync(import.meta.dirname).filter(
      (f) => /^check-.*\.ts$/.test(f) && !f.endsWith('.test.ts') && f !== 'check-context.ts',
    );
    const exported: Check[] = [];
    for (const file of modules) {
      const mod = (await import(`./${file}`)) as Record<string, unknown>;
      exported.push(...Object.values(mod).filter((v): v is Check => typeof v === 'function'));
    }
    expect(new Set(CHECKS).size).toBe(CHECKS.length);
    expect(new Set(exported)).toEqual(new Set(CHECKS));
  });

  it('runs the checks it is given, sorted errors first and then by line', () => {
    const dump = fixtureDump('fip-half-dnat-v114-legacy.txt');
    const late: Check = () => [
      {
        code: 'snat-without-random-fully',
        severity: 'info',
        message: 'late',
        rules: [{ table: 'nat', chain: 'X', index: 1, line: 9 }],
      },
    ];
    const early: Check = () => [
      {
        code: 'hairpin-missing',
        severity: 'info',
        message: 'early',
        rules: [{ table: 'nat', chain: 'X', index: 1, line: 2 }],
      },
    ];
    const bad: Check = () => [{ code: 'fip-asymmetric', severity: 'error', message: 'bad', rules: [] }];
    expect(diagnose(contextOf(dump), [late, early, bad]).map((d) => d.code)).toEqual([
      'fip-asymmetric',
      'hairpin-missing',
      'snat-without-random-fully',
    ]);
  });

  it('gives inspect the diagnostics of every registered check', () => {
    const { dump, report } = inspectFixture('s6-overlapping-snat-v116-legacy.txt');
    expect(report.diagnostics).toEqual(diagnose(contextOf(dump)));
    expect(report.diagnostics.map((d) => d.code)).toContain('rule-shadowed');
  });
});
