import type { InspectReport, PodDrift } from '@natscope/api';
import { chainGraph } from '@natscope/natgw';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureDrift } from '../../../test/fixture-drift.js';
import { fixtureReport } from '../../../test/fixture-report.js';
import { ruleDrift } from '../desired/rule-drift.js';
import { diagnosticRoles } from '../gateway/diagnostic-roles.js';
import { ruleFlags } from '../gateway/rule-diagnostics.js';
import type { RuleKey } from '../../lib/url-state.js';
import { ChainFlow } from './ChainFlow.js';

afterEach(cleanup);

function renderFlow(name: string, onSelectRule = vi.fn(), diagnostic: number | null = null) {
  const report = fixtureReport(name);
  renderReport(report, { onSelectRule, diagnostic });
  return { report, onSelectRule };
}

function renderReport(
  report: InspectReport,
  {
    onSelectRule = vi.fn(),
    diagnostic = null,
    drift,
  }: { onSelectRule?: (key: RuleKey) => void; diagnostic?: number | null; drift?: PodDrift } = {},
) {
  const chosen = diagnostic === null ? null : report.diagnostics[diagnostic]!;
  render(
    <div style={{ width: 1200, height: 800 }}>
      <ChainFlow
        report={report}
        graph={chainGraph(report.tables)}
        matches={null}
        selected={null}
        highlighted={chosen?.rules ?? []}
        flags={ruleFlags(report.diagnostics)}
        roles={diagnosticRoles(chosen)}
        drift={ruleDrift(drift)}
        colorMode="light"
        onSelectRule={onSelectRule}
      />
    </div>,
  );
}

describe('the chain flow graph', () => {
  it('draws every chain as a node with the <table>/<chain> id', () => {
    renderFlow('s5-tenant-v116-legacy.txt');
    const ids = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getAttribute('data-id'));
    expect(ids).toEqual(
      expect.arrayContaining(['nat/PREROUTING', 'nat/SHARED_DNAT', 'nat/HAIRPIN_SNAT', 'mangle/VPC_MARK']),
    );
  });

  it('gives each rule a test id and a label naming its mapping, and selects it on click', () => {
    const { onSelectRule } = renderFlow('s5-tenant-v116-legacy.txt');
    const rule = screen.getByTestId('rule-nat-SHARED_DNAT-1');
    expect(rule.getAttribute('aria-label')).toMatch(
      /^SHARED_DNAT rule 1: tcp 192\.168\.100\.12:2222 → 10\.0\.2\.20:22; \d+ packets$/,
    );
    fireEvent.click(rule);
    expect(onSelectRule).toHaveBeenCalledWith({ table: 'nat', chain: 'SHARED_DNAT', index: 1 });
  });

  it('names the diagnostics of a flagged rule in its label', () => {
    renderFlow('s6-overlapping-snat-v116-legacy.txt');
    expect(screen.getByTestId('rule-nat-SHARED_SNAT-2').getAttribute('aria-label')).toMatch(/warning rule-shadowed/);
  });

  it('makes each chain one Tab stop, its first rule, with the others reached by the arrow keys', () => {
    renderFlow('s5-tenant-v116-legacy.txt');
    const node = document.querySelector('.react-flow__node[data-id="nat/SHARED_DNAT"]');
    expect(node?.getAttribute('aria-label')).toBe('nat chain SHARED_DNAT, 2 rules');
    expect(screen.getByTestId('rule-nat-SHARED_DNAT-1').getAttribute('tabindex')).toBe('0');
    expect(screen.getByTestId('rule-nat-SHARED_DNAT-2').getAttribute('tabindex')).toBe('-1');
    expect(document.querySelectorAll('.react-flow__node[data-id="nat/SHARED_DNAT"] [tabindex="0"]')).toHaveLength(1);
  });

  it('draws a shadowed rule as dead and the earlier rule as taking its traffic, with a legend and words for screen readers', () => {
    const report = fixtureReport('s6-overlapping-snat-v116-legacy.txt');
    const index = report.diagnostics.findIndex((d) => d.code === 'rule-shadowed' && d.rules[0]?.index === 2);
    renderFlow('s6-overlapping-snat-v116-legacy.txt', vi.fn(), index);
    const dead = screen.getByTestId('rule-nat-SHARED_SNAT-2');
    const shadowing = screen.getByTestId('rule-nat-SHARED_SNAT-1');
    expect(dead.parentElement?.classList.contains('rule-row--dead')).toBe(true);
    expect(dead.parentElement?.classList.contains('rule-row--shadowing')).toBe(false);
    expect(shadowing.parentElement?.classList.contains('rule-row--shadowing')).toBe(true);
    expect(dead.getAttribute('aria-label')).toMatch(/; never matches: SHARED_SNAT rule 1 takes its traffic$/);
    expect(shadowing.getAttribute('aria-label')).toMatch(
      /; takes the traffic of SHARED_SNAT rule 2, which never matches$/,
    );
    const legend = screen.getByTestId('role-legend').textContent ?? '';
    expect(legend).toContain('never matches');
    expect(legend).toContain('takes its traffic');
  });

  it('shows no legend and no parts without such a diagnostic', () => {
    renderFlow('s6-overlapping-snat-v116-legacy.txt');
    expect(screen.queryByTestId('role-legend')).toBeNull();
    expect(document.querySelector('.rule-row--dead, .rule-row--shadowing')).toBeNull();
  });

  it('tags the rules no object owns, and those that differ from their object, in words', () => {
    const { report, drift } = fixtureDrift('fip-deleted-rules-left-v113-legacy');
    renderReport(report, { drift });
    const orphan = screen.getByTestId('rule-nat-EXCLUSIVE_DNAT-2');
    expect(orphan.querySelector('.drift-tag')?.textContent).toBe('orphaned');
    expect(orphan.getAttribute('aria-label')).toMatch(/; orphaned: no kubeovn\.io object owns this rule$/);
    expect(screen.getByTestId('rule-nat-EXCLUSIVE_DNAT-1').querySelector('.drift-tag')).toBeNull();
  });
});
