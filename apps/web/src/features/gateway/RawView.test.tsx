import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { diagnosticRoleLines } from './diagnostic-roles.js';
import { RawView } from './RawView.js';

afterEach(cleanup);

describe('the raw view', () => {
  it('strikes the dead rule of a chosen shadowing and outlines the rule that takes its traffic', () => {
    const report = fixtureReport('s6-overlapping-snat-v116-legacy.txt');
    const diagnostic = report.diagnostics.find((d) => d.code === 'rule-shadowed')!;
    const [dead, shadowing] = diagnostic.rules;
    const lines = Array.from({ length: Math.max(dead!.line, shadowing!.line) + 2 }, (_, i) => `line ${i + 1}`);
    render(<RawView lines={lines} stderr="" selectedLine={null} markedLines={new Set()} roleLines={diagnosticRoleLines(diagnostic)} />);
    const rows = [...document.querySelectorAll('.raw-line')];
    expect(rows[dead!.line - 1]?.className).toContain('raw-line--dead');
    expect(rows[dead!.line - 1]?.getAttribute('title')).toBe('never matches');
    expect(rows[shadowing!.line - 1]?.className).toContain('raw-line--shadowing');
    expect(document.querySelectorAll('.raw-line--dead, .raw-line--shadowing')).toHaveLength(2);
  });
});
