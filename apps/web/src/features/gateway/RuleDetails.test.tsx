import type { InspectReport } from '@natscope/api';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureDrift } from '../../../test/fixture-drift.js';
import { fixtureReport } from '../../../test/fixture-report.js';
import { ruleDrift, type RuleDrift } from '../desired/rule-drift.js';
import { formatRuleKey, type RuleKey } from '../../lib/url-state.js';
import { OUTSIDE, presetContext } from '../trace/trace-presets.js';
import { mappingsByRule } from './find-rule.js';
import { ruleFlags } from './rule-diagnostics.js';
import { RuleDetails } from './RuleDetails.js';

afterEach(cleanup);

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURE = 's5-tenant-v116-legacy.txt';
const report = fixtureReport(FIXTURE);
const rawLines = readFileSync(join(HERE, '../../../../../packages/iptables/fixtures/', FIXTURE), 'utf8').split('\n');

/** The details of one rule, on a gateway page's route with that rule selected (its owner links need the router). */
function renderDetails(
  ruleKey: RuleKey,
  shown: { report: InspectReport; rawLines: string[]; drift?: RuleDrift } = { report, rawLines },
) {
  const onTrace = vi.fn();
  render(
    <MemoryRouter initialEntries={[`/gateways/kube-system/gw1?rule=${encodeURIComponent(formatRuleKey(ruleKey))}`]}>
      <RuleDetails
        report={shown.report}
        rawLines={shown.rawLines}
        ruleKey={ruleKey}
        flags={ruleFlags(shown.report.diagnostics)}
        mappings={mappingsByRule(shown.report.mappings)}
        drift={shown.drift}
        presets={presetContext(shown.report.mappings)}
        onClose={vi.fn()}
        onSelectRule={vi.fn()}
        onSelectDiagnostic={vi.fn()}
        onTrace={onTrace}
      />
    </MemoryRouter>,
  );
  return { onTrace };
}

describe('Trace in the rule details', () => {
  it('traces a port forward from outside, or from the VPC through its EIP', () => {
    const { onTrace } = renderDetails({ table: 'nat', chain: 'SHARED_DNAT', index: 1 });
    expect(screen.getByRole('button', { name: /^Trace DNAT .*: from outside$/ }).textContent).toBe(
      '▸ trace from outside',
    );
    fireEvent.click(screen.getByRole('button', { name: /^Trace DNAT .*: from outside$/ }));
    expect(onTrace).toHaveBeenLastCalledWith(
      expect.objectContaining({ inInterface: 'net1', src: OUTSIDE, dst: '192.168.100.12', dport: '2222' }),
    );
    fireEvent.click(screen.getByRole('button', { name: /^Trace DNAT .*in the VPC \(hairpin\)$/ }));
    expect(onTrace).toHaveBeenLastCalledWith(
      expect.objectContaining({ inInterface: 'eth0', dst: '192.168.100.12', dport: '2222' }),
    );
  });

  it('offers both directions of a floating IP from either of its rules', () => {
    renderDetails({ table: 'nat', chain: 'EXCLUSIVE_SNAT', index: 1 });
    expect(
      screen.getAllByRole('button', { name: /^Trace FIP 192\.168\.100\.11 ⇄ 10\.0\.1\.5: / }).map((b) => b.textContent),
    ).toEqual(['▸ trace from outside', '▸ trace 10.0.1.5 to outside']);
  });

  it('has no Trace button for a rule that is part of no mapping', () => {
    renderDetails({ table: 'nat', chain: 'PREROUTING', index: 1 });
    expect(screen.queryByRole('button', { name: /^Trace / })).toBeNull();
  });
});

describe('the desired state in the rule details', () => {
  // One of packages/drift's real cases: its dump's rule with what the comparison says about it.
  function renderWithDrift(name: string, ruleKey: RuleKey) {
    const { report: compared, drift } = fixtureDrift(name);
    const lines = readFileSync(join(HERE, '../../../../../packages/drift/fixtures/', `${name}.txt`), 'utf8').split(
      '\n',
    );
    renderDetails(ruleKey, { report: compared, rawLines: lines, drift: ruleDrift(drift).get(formatRuleKey(ruleKey)) });
    return drift;
  }

  it('names the object that owns the rule, links to its row in the desired view, and shows its YAML', () => {
    const drift = renderWithDrift('in-sync-v116-legacy', { table: 'nat', chain: 'EXCLUSIVE_DNAT', index: 1 });
    const owners = screen.getByTestId('rule-owners');
    expect(owners.textContent).toContain('IptablesFIPRule');
    expect(owners.textContent).toContain('fip-vm1');
    const link = screen.getByRole('link', { name: 'show in Desired vs actual: IptablesFIPRule fip-vm1' });
    // The rule stays selected, so its details stay open beside the object's row.
    expect(link.getAttribute('href')).toBe(
      '/gateways/kube-system/gw1?view=desired&rule=nat%2FEXCLUSIVE_DNAT%2F1&resource=IptablesFIPRule%2Ffip-vm1',
    );
    const yaml = drift.resources.find((r) => r.name === 'fip-vm1')!.yaml;
    expect(owners.querySelector('details pre')?.textContent).toBe(yaml);
  });

  it('says that no object owns an orphaned rule, with the finding in full', () => {
    const drift = renderWithDrift('fip-deleted-rules-left-v113-legacy', {
      table: 'nat',
      chain: 'EXCLUSIVE_SNAT',
      index: 2,
    });
    const owners = screen.getByTestId('rule-owners');
    expect(owners.textContent).toContain('No kubeovn.io object owns this rule.');
    expect(owners.textContent).toContain(drift.drifts[0]!.message);
    // The finding's selector belongs to the desired view, where each finding is listed once.
    expect(owners.querySelector('[data-testid^="drift-"]')).toBeNull();
  });
});
