import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { DiagnosticsPanel } from './DiagnosticsPanel.js';

afterEach(cleanup);

describe('the diagnostics panel', () => {
  it('says which rule of a shadowing never matches and which takes its traffic, and opens either', () => {
    const report = fixtureReport('s6-overlapping-snat-v116-legacy.txt');
    const index = report.diagnostics.findIndex((d) => d.code === 'rule-shadowed');
    const [dead, shadowing] = report.diagnostics[index]!.rules;
    const onSelectRule = vi.fn();
    render(
      <DiagnosticsPanel
        diagnostics={report.diagnostics}
        selected={index}
        onSelect={vi.fn()}
        onSelectRule={onSelectRule}
      />,
    );
    const item = screen.getByTestId(`diagnostic-${index}`).closest('li')!;
    const links = within(item).getAllByRole('button', { name: /SHARED_SNAT #/ });
    expect(links.map((b) => b.textContent)).toEqual([
      `never matches: SHARED_SNAT #${dead!.index} l.${dead!.line}`,
      `takes its traffic: SHARED_SNAT #${shadowing!.index} l.${shadowing!.line}`,
    ]);
    fireEvent.click(links[1]!);
    expect(onSelectRule).toHaveBeenCalledWith(shadowing);
  });

  it('names rules plainly in diagnostics that are not about shadowing', () => {
    const report = fixtureReport('fip-half-dnat-v114-legacy.txt');
    const index = report.diagnostics.findIndex((d) => d.code === 'fip-asymmetric');
    render(
      <DiagnosticsPanel diagnostics={report.diagnostics} selected={null} onSelect={vi.fn()} onSelectRule={vi.fn()} />,
    );
    const item = screen.getByTestId(`diagnostic-${index}`).closest('li')!;
    const text = item.querySelector('.rule-refs')?.textContent ?? '';
    expect(text).toMatch(/EXCLUSIVE_DNAT #\d/);
    expect(text).not.toMatch(/never matches|takes its traffic/);
  });
});
