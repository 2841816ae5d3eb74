import { chainGraph } from '@natscope/natgw';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { ruleFlags } from '../gateway/rule-diagnostics.js';
import { ChainFlow } from './ChainFlow.js';

afterEach(cleanup);

function renderFlow(name: string, onSelectRule = vi.fn()) {
  const report = fixtureReport(name);
  render(
    <div style={{ width: 1200, height: 800 }}>
      <ChainFlow
        report={report}
        graph={chainGraph(report.tables)}
        matches={null}
        selected={null}
        highlighted={[]}
        flags={ruleFlags(report.diagnostics)}
        colorMode="light"
        onSelectRule={onSelectRule}
      />
    </div>,
  );
  return { report, onSelectRule };
}

describe('the chain flow graph', () => {
  it('draws every chain as a node with the <table>/<chain> id', () => {
    renderFlow('s5-tenant-v116-legacy.txt');
    const ids = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getAttribute('data-id'));
    expect(ids).toEqual(expect.arrayContaining(['nat/PREROUTING', 'nat/SHARED_DNAT', 'nat/HAIRPIN_SNAT', 'mangle/VPC_MARK']));
  });

  it('gives each rule a test id and a label naming its mapping, and selects it on click', () => {
    const { onSelectRule } = renderFlow('s5-tenant-v116-legacy.txt');
    const rule = screen.getByTestId('rule-nat-SHARED_DNAT-1');
    expect(rule.getAttribute('aria-label')).toMatch(/^SHARED_DNAT rule 1: tcp 192\.168\.100\.12:2222 → 10\.0\.2\.20:22; \d+ packets$/);
    fireEvent.click(rule);
    expect(onSelectRule).toHaveBeenCalledWith({ table: 'nat', chain: 'SHARED_DNAT', index: 1 });
  });

  it('names the diagnostics of a flagged rule in its label', () => {
    renderFlow('s6-overlapping-snat-v116-legacy.txt');
    expect(screen.getByTestId('rule-nat-SHARED_SNAT-2').getAttribute('aria-label')).toMatch(/warning rule-shadowed/);
  });

  it('keeps chain nodes reachable by keyboard', () => {
    renderFlow('s5-tenant-v116-legacy.txt');
    const node = document.querySelector('.react-flow__node[data-id="nat/SHARED_DNAT"]');
    expect(node?.getAttribute('tabindex')).toBe('0');
    expect(node?.getAttribute('aria-label')).toBe('nat chain SHARED_DNAT, 2 rules');
  });
});
