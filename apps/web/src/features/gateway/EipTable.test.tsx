import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { EMPTY_TRACE, readTraceLink, type TraceFields } from '../../lib/trace-link.js';
import { OUTSIDE } from '../trace/trace-presets.js';
import { EIP_ROWS_SHOWN, EipTable } from './EipTable.js';

afterEach(cleanup);

const report = fixtureReport('s5-tenant-v116-legacy.txt');

function renderTable(traced: TraceFields | null = null) {
  const onTrace = vi.fn();
  const onSelectRule = vi.fn();
  render(
    <EipTable
      mappings={report.mappings}
      diagnostics={report.diagnostics}
      matchingRules={null}
      traced={traced}
      onSelectRule={onSelectRule}
      onTrace={onTrace}
    />,
  );
  return { onTrace, onSelectRule };
}

/** Opens a cell's "Trace ▾" (by its accessible name) in a row. */
function openMenu(row: HTMLElement, name: string) {
  const toggle = within(row).getByRole('button', { name });
  fireEvent.click(toggle);
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
}

describe('Trace in the EIP table', () => {
  it('has one "Trace ▾" per cell of mappings, each a 24 px disclosure', () => {
    renderTable();
    const row = screen.getByTestId('eip-192.168.100.10');
    const toggles = within(row).getAllByRole('button', { name: /^Trace / });
    expect(toggles.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Trace port forwards of 192.168.100.10',
      'Trace SNAT sources of 192.168.100.10',
      'Trace hairpin of 192.168.100.10',
    ]);
    expect(toggles.every((b) => b.textContent === 'Trace ▾' && b.getAttribute('aria-expanded') === 'false')).toBe(true);
  });

  it('traces a floating IP both ways from its row', () => {
    const { onTrace, onSelectRule } = renderTable();
    const row = screen.getByTestId('eip-192.168.100.11');
    openMenu(row, 'Trace the floating IP of 192.168.100.11');
    const items = within(row).getAllByRole('button', { name: /^Trace FIP / });
    expect(items.map((b) => b.textContent)).toEqual([
      'FIP 192.168.100.11 ⇄ 10.0.1.5: from outside',
      'FIP 192.168.100.11 ⇄ 10.0.1.5: 10.0.1.5 to outside',
    ]);
    fireEvent.click(
      within(row).getByRole('button', { name: 'Trace FIP 192.168.100.11 ⇄ 10.0.1.5: 10.0.1.5 to outside' }),
    );
    expect(onTrace).toHaveBeenCalledWith({
      ...EMPTY_TRACE,
      inInterface: 'eth0',
      src: '10.0.1.5',
      dst: OUTSIDE,
      sport: '40000',
      dport: '443',
    });
    expect(onSelectRule).not.toHaveBeenCalled();
    // A choice closes the list.
    expect(
      within(row)
        .getByRole('button', { name: 'Trace the floating IP of 192.168.100.11' })
        .getAttribute('aria-expanded'),
    ).toBe('false');
  });

  it('closes the list on Escape and gives focus back to its toggle', () => {
    renderTable();
    const row = screen.getByTestId('eip-192.168.100.11');
    openMenu(row, 'Trace the floating IP of 192.168.100.11');
    const item = within(row).getByRole('button', { name: 'Trace FIP 192.168.100.11 ⇄ 10.0.1.5: from outside' });
    item.focus();
    fireEvent.keyDown(item, { key: 'Escape' });
    const toggle = within(row).getByRole('button', { name: 'Trace the floating IP of 192.168.100.11' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });

  it('closes an open list on a click elsewhere, after that click has landed', () => {
    renderTable();
    const fip = screen.getByTestId('eip-192.168.100.11');
    openMenu(fip, 'Trace the floating IP of 192.168.100.11');
    // Another cell's toggle opens, and the first list closes.
    openMenu(fip, 'Trace hairpin of 192.168.100.11');
    expect(
      within(fip)
        .getByRole('button', { name: 'Trace the floating IP of 192.168.100.11' })
        .getAttribute('aria-expanded'),
    ).toBe('false');
    fireEvent.click(document.body);
    expect(
      within(fip).getByRole('button', { name: 'Trace hairpin of 192.168.100.11' }).getAttribute('aria-expanded'),
    ).toBe('false');
  });

  it('traces a port forward from outside and each SNAT subnet out, one button each', () => {
    const { onTrace } = renderTable();
    const row = screen.getByTestId('eip-192.168.100.10');
    openMenu(row, 'Trace port forwards of 192.168.100.10');
    fireEvent.click(
      within(row).getByRole('button', { name: /^Trace DNAT tcp 192\.168\.100\.10:8080 .*from outside$/ }),
    );
    openMenu(row, 'Trace SNAT sources of 192.168.100.10');
    expect(onTrace).toHaveBeenLastCalledWith(
      expect.objectContaining({ src: OUTSIDE, dst: '192.168.100.10', dport: '8080', inInterface: 'net1' }),
    );
    const snat = within(row).getAllByRole('button', { name: /^Trace SNAT \d/ });
    expect(snat).toHaveLength(2);
    fireEvent.click(snat[1]!);
    expect(onTrace).toHaveBeenLastCalledWith(
      expect.objectContaining({ src: '10.0.2.2', dst: OUTSIDE, inInterface: 'eth0' }),
    );
    // The hairpin column sends VPC traffic to the EIP's forwarded port.
    openMenu(row, 'Trace hairpin of 192.168.100.10');
    fireEvent.click(
      within(row).getByRole('button', { name: /^Trace hairpin 192\.168\.100\.10: from 10\.0\.1\.2 in the VPC$/ }),
    );
    expect(onTrace).toHaveBeenLastCalledWith(
      expect.objectContaining({ src: '10.0.1.2', dst: '192.168.100.10', dport: '8080', inInterface: 'eth0' }),
    );
  });

  it('presses the button of the mapping whose trace the page shows, as read back from its link', () => {
    renderTable(readTraceLink(new URLSearchParams('src=10.0.1.5&dst=198.51.100.7&sport=40000&dport=443&in=eth0')));
    // The closed menu says so on its toggle; open, the packet's own entry is pressed.
    const row = screen.getByTestId('eip-192.168.100.11');
    openMenu(row, 'Trace the floating IP of 192.168.100.11 (one is traced)');
    const pressed = screen.getAllByRole('button', { pressed: true });
    expect(pressed.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Trace FIP 192.168.100.11 ⇄ 10.0.1.5: 10.0.1.5 to outside',
    ]);
  });
});

describe('A table of thousands of EIPs', () => {
  // 300 floating IPs: more rows than the table draws at first.
  const many = Array.from({ length: 300 }, (_, i) => ({
    kind: 'fip' as const,
    eip: `172.16.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    internalIp: `10.0.0.${(i % 250) + 1}`,
    rules: [],
    counters: { packets: i, bytes: i * 100 },
  }));

  function renderMany() {
    render(
      <EipTable
        mappings={many}
        diagnostics={[]}
        matchingRules={null}
        onSelectRule={() => undefined}
        onTrace={() => undefined}
      />,
    );
  }

  it(`draws the first ${EIP_ROWS_SHOWN} rows and says how many there are`, () => {
    renderMany();
    expect(document.querySelectorAll('.eip-table tbody tr')).toHaveLength(EIP_ROWS_SHOWN);
    expect(screen.getByTestId('eip-more').textContent).toContain(`Showing ${EIP_ROWS_SHOWN} of 300 EIPs`);
  });

  it('draws every row on "Show all"', () => {
    renderMany();
    fireEvent.click(screen.getByTestId('eip-show-all'));
    expect(document.querySelectorAll('.eip-table tbody tr')).toHaveLength(300);
    expect(screen.queryByTestId('eip-more')).toBeNull();
  });

  it('draws every row for printing', () => {
    renderMany();
    window.dispatchEvent(new Event('beforeprint'));
    expect(document.querySelectorAll('.eip-table tbody tr')).toHaveLength(300);
  });
});
