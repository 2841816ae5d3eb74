import { parse } from '@natscope/iptables';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspect } from '../report/inspect.js';
import { reportCounts } from './report-counts.js';

const dump = readFileSync(join(import.meta.dirname, '../../../iptables/fixtures/s5-tenant-v116-legacy.txt'), 'utf8');
const report = inspect(parse(dump, { file: 's5' }));

describe('reportCounts', () => {
  it('counts mappings by kind and diagnostics by severity', () => {
    const facts = reportCounts(report);
    expect(facts.counts).toEqual({ fip: 1, dnat: 2, snat: 2, hairpin: 3, rules: report.stats.rules });
    expect(facts.diagnostics.error + facts.diagnostics.warning + facts.diagnostics.info).toBe(
      report.diagnostics.length,
    );
    expect(facts.diagnostics.error).toBe(report.diagnostics.filter((d) => d.severity === 'error').length);
    expect(facts.diagnostics.warning).toBe(report.diagnostics.filter((d) => d.severity === 'warning').length);
  });
});
