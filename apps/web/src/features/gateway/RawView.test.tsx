import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
    render(
      <RawView
        lines={lines}
        stderr=""
        selectedLine={null}
        markedLines={new Set()}
        roleLines={diagnosticRoleLines(diagnostic)}
      />,
    );
    const rows = [...document.querySelectorAll('.raw-line')];
    expect(rows[dead!.line - 1]?.className).toContain('raw-line--dead');
    expect(rows[dead!.line - 1]?.getAttribute('title')).toBe('never matches');
    expect(rows[shadowing!.line - 1]?.className).toContain('raw-line--shadowing');
    expect(document.querySelectorAll('.raw-line--dead, .raw-line--shadowing')).toHaveLength(2);
  });
});

describe('find, wrap and copy in the raw view', () => {
  const dump = [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    '-A SHARED_DNAT -d 192.168.100.12/32 -p tcp -j DNAT',
    '-A SHARED_SNAT -j SNAT --to-source 192.168.100.12',
    'COMMIT',
  ];
  const renderDump = (selectedLine: number | null = null) =>
    render(<RawView lines={dump} stderr="" selectedLine={selectedLine} markedLines={new Set()} />);

  it('counts and marks the matches, and steps through them with Enter and Shift+Enter', () => {
    renderDump();
    const find = screen.getByRole('searchbox', { name: 'Find' });
    fireEvent.change(find, { target: { value: '192.168.100.12' } });
    expect(screen.getByTestId('raw-find-count').textContent).toBe('1 of 2');
    expect(document.querySelectorAll('mark.raw-match')).toHaveLength(2);
    expect(
      document.querySelector('.raw-match--current')?.closest('.raw-line')?.querySelector('.raw-line__number')
        ?.textContent,
    ).toBe('3');
    fireEvent.keyDown(find, { key: 'Enter' });
    expect(screen.getByTestId('raw-find-count').textContent).toBe('2 of 2');
    expect(screen.getByRole('button', { name: 'Copy line 4' })).toBeTruthy();
    fireEvent.keyDown(find, { key: 'Enter' });
    expect(screen.getByTestId('raw-find-count').textContent).toBe('1 of 2');
    fireEvent.keyDown(find, { key: 'Enter', shiftKey: true });
    expect(screen.getByTestId('raw-find-count').textContent).toBe('2 of 2');
    fireEvent.change(find, { target: { value: 'nothing like it' } });
    expect(screen.getByTestId('raw-find-count').textContent).toBe('no match');
    expect(screen.getByRole('button', { name: 'Next match' })).toHaveProperty('disabled', true);
  });

  it('keeps the text as printed around the marks', () => {
    renderDump();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find' }), { target: { value: 'dnat' } });
    const line = document.querySelectorAll('.raw-line__text')[2]!;
    expect(line.textContent).toBe(dump[2]);
    expect([...line.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['DNAT', 'DNAT']);
  });

  it('wraps long lines on request and remembers the choice', () => {
    renderDump();
    const pre = screen.getByRole('region', { name: 'Raw iptables-save output' });
    expect(pre.getAttribute('tabindex')).toBe('0');
    expect(pre.className).not.toContain('raw-view__text--wrap');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Wrap long lines' }));
    expect(pre.className).toContain('raw-view__text--wrap');
    cleanup();
    renderDump();
    expect(screen.getByRole('checkbox', { name: 'Wrap long lines' })).toHaveProperty('checked', true);
    window.localStorage.clear();
  });

  it("copies a line by its number, or the selected rule's line from the tools", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    renderDump(3);
    fireEvent.click(document.querySelectorAll('.raw-line__number')[1]!);
    expect(writeText).toHaveBeenLastCalledWith(':PREROUTING ACCEPT [0:0]');
    expect(await screen.findByText('Copied line 2.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy line 3' }));
    expect(writeText).toHaveBeenLastCalledWith(dump[2]);
    vi.unstubAllGlobals();
  });
});
