import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import type { RuleKey } from '../../lib/url-state.js';
import { OUTSIDE, presetContext } from '../trace/trace-presets.js';
import { mappingsByRule } from './find-rule.js';
import { ruleFlags } from './rule-diagnostics.js';
import { RuleDetails } from './RuleDetails.js';

afterEach(cleanup);

const FIXTURE = 's5-tenant-v116-legacy.txt';
const report = fixtureReport(FIXTURE);
const rawLines = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../../../packages/iptables/fixtures/', FIXTURE), 'utf8').split('\n');

function renderDetails(ruleKey: RuleKey) {
  const onTrace = vi.fn();
  render(
    <RuleDetails
      report={report}
      rawLines={rawLines}
      ruleKey={ruleKey}
      flags={ruleFlags(report.diagnostics)}
      mappings={mappingsByRule(report.mappings)}
      presets={presetContext(report.mappings)}
      onClose={vi.fn()}
      onSelectRule={vi.fn()}
      onSelectDiagnostic={vi.fn()}
      onTrace={onTrace}
    />,
  );
  return { onTrace };
}

describe('Trace in the rule details', () => {
  it('traces a port forward from outside, or from the VPC through its EIP', () => {
    const { onTrace } = renderDetails({ table: 'nat', chain: 'SHARED_DNAT', index: 1 });
    expect(screen.getByRole('button', { name: /^Trace DNAT .*: from outside$/ }).textContent).toBe('▸ trace from outside');
    fireEvent.click(screen.getByRole('button', { name: /^Trace DNAT .*: from outside$/ }));
    expect(onTrace).toHaveBeenLastCalledWith(expect.objectContaining({ inInterface: 'net1', src: OUTSIDE, dst: '192.168.100.12', dport: '2222' }));
    fireEvent.click(screen.getByRole('button', { name: /^Trace DNAT .*in the VPC \(hairpin\)$/ }));
    expect(onTrace).toHaveBeenLastCalledWith(expect.objectContaining({ inInterface: 'eth0', dst: '192.168.100.12', dport: '2222' }));
  });

  it('offers both directions of a floating IP from either of its rules', () => {
    renderDetails({ table: 'nat', chain: 'EXCLUSIVE_SNAT', index: 1 });
    expect(screen.getAllByRole('button', { name: /^Trace FIP 192\.168\.100\.11 ⇄ 10\.0\.1\.5: / }).map((b) => b.textContent)).toEqual([
      '▸ trace from outside',
      '▸ trace 10.0.1.5 to outside',
    ]);
  });

  it('has no Trace button for a rule that is part of no mapping', () => {
    renderDetails({ table: 'nat', chain: 'PREROUTING', index: 1 });
    expect(screen.queryByRole('button', { name: /^Trace / })).toBeNull();
  });
});
