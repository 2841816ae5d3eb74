import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { eipRows, sortEipRows } from './eip-rows.js';

describe('the EIP table', () => {
  const report = fixtureReport('s5-tenant-v116-legacy.txt');
  const rows = eipRows(report.mappings, report.diagnostics);

  it('has one row per EIP in address order with everything it does', () => {
    expect(rows.map((r) => r.eip)).toEqual(['192.168.100.10', '192.168.100.11', '192.168.100.12']);
    const [ten, eleven, twelve] = rows;
    expect(ten?.snatSources.map((s) => s.internalCidr)).toEqual(['10.0.1.0/24', '10.0.2.0/24']);
    expect(ten?.portForwards).toMatchObject([
      { protocol: 'tcp', externalPort: 8080, internalIp: '10.0.1.30', internalPort: 80 },
    ]);
    expect(ten?.fip).toBeNull();
    expect(eleven?.fip?.internalIp).toBe('10.0.1.5');
    expect(twelve?.portForwards).toMatchObject([{ externalPort: 2222, internalIp: '10.0.2.20', internalPort: 22 }]);
    expect(rows.every((r) => r.hairpin !== null)).toBe(true);
  });

  it('sums the counters of every mapping of an EIP', () => {
    const eleven = rows[1];
    const expected = report.mappings
      .filter((m) => m.eip === '192.168.100.11')
      .reduce((n, m) => n + m.counters.packets, 0);
    expect(eleven?.counters.packets).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });

  it('sorts by a column and back', () => {
    const byPackets = sortEipRows(rows, 'packets', true);
    expect(byPackets[0]?.counters.packets).toBe(Math.max(...rows.map((r) => r.counters.packets)));
    expect(sortEipRows(rows, 'eip', true).map((r) => r.eip)).toEqual([
      '192.168.100.12',
      '192.168.100.11',
      '192.168.100.10',
    ]);
  });

  it('attaches each diagnostic to the EIPs whose rules it names', () => {
    const half = fixtureReport('fip-half-dnat-v114-legacy.txt');
    const asymmetric = half.diagnostics.find((d) => d.code === 'fip-asymmetric');
    expect(asymmetric).toBeDefined();
    const withDiagnostic = eipRows(half.mappings, half.diagnostics).filter((r) =>
      r.diagnostics.some((d) => d.code === 'fip-asymmetric'),
    );
    expect(withDiagnostic.length).toBeGreaterThan(0);
  });
});
