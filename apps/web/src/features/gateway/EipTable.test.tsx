import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { EMPTY_TRACE, readTraceLink, type TraceFields } from '../../lib/trace-link.js';
import { OUTSIDE } from '../trace/trace-presets.js';
import { EipTable } from './EipTable.js';

afterEach(cleanup);

const report = fixtureReport('s5-tenant-v116-legacy.txt');

function renderTable(traced: TraceFields | null = null) {
  const onTrace = vi.fn();
  const onSelectRule = vi.fn();
  render(
    <EipTable mappings={report.mappings} diagnostics={report.diagnostics} matchingRules={null} traced={traced} onSelectRule={onSelectRule} onTrace={onTrace} />,
  );
  return { onTrace, onSelectRule };
}

describe('Trace in the EIP table', () => {
  it('traces a floating IP both ways from its row', () => {
    const { onTrace, onSelectRule } = renderTable();
    const row = screen.getByTestId('eip-192.168.100.11');
    const buttons = within(row).getAllByRole('button', { name: /^Trace / });
    expect(buttons.map((b) => b.textContent)).toEqual(['▸ trace in', '▸ trace out', '▸ trace']);
    fireEvent.click(within(row).getByRole('button', { name: 'Trace FIP 192.168.100.11 ⇄ 10.0.1.5: 10.0.1.5 to outside' }));
    expect(onTrace).toHaveBeenCalledWith({ ...EMPTY_TRACE, inInterface: 'eth0', src: '10.0.1.5', dst: OUTSIDE, sport: '40000', dport: '443' });
    expect(onSelectRule).not.toHaveBeenCalled();
  });

  it('traces a port forward from outside and each SNAT subnet out, one button each', () => {
    const { onTrace } = renderTable();
    const row = screen.getByTestId('eip-192.168.100.10');
    fireEvent.click(within(row).getByRole('button', { name: /^Trace DNAT tcp 192\.168\.100\.10:8080 .*from outside$/ }));
    expect(onTrace).toHaveBeenLastCalledWith(expect.objectContaining({ src: OUTSIDE, dst: '192.168.100.10', dport: '8080', inInterface: 'net1' }));
    const snat = within(row).getAllByRole('button', { name: /^Trace SNAT / });
    expect(snat).toHaveLength(2);
    fireEvent.click(snat[1]!);
    expect(onTrace).toHaveBeenLastCalledWith(expect.objectContaining({ src: '10.0.2.2', dst: OUTSIDE, inInterface: 'eth0' }));
    // The hairpin column sends VPC traffic to the EIP's forwarded port.
    fireEvent.click(within(row).getByRole('button', { name: /^Trace hairpin 192\.168\.100\.10: from 10\.0\.1\.2 in the VPC$/ }));
    expect(onTrace).toHaveBeenLastCalledWith(expect.objectContaining({ src: '10.0.1.2', dst: '192.168.100.10', dport: '8080', inInterface: 'eth0' }));
  });

  it('presses the button of the mapping whose trace the page shows, as read back from its link', () => {
    renderTable(readTraceLink(new URLSearchParams('src=10.0.1.5&dst=198.51.100.7&sport=40000&dport=443&in=eth0')));
    const pressed = screen.getAllByRole('button', { pressed: true });
    expect(pressed.map((b) => b.getAttribute('aria-label'))).toEqual(['Trace FIP 192.168.100.11 ⇄ 10.0.1.5: 10.0.1.5 to outside']);
  });
});
