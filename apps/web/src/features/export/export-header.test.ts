import { GatewayDetail, type TraceRequest } from '@natscope/api';
import { parse } from '@natscope/iptables';
import { trace } from '@natscope/natgw';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { exportFileName, exportHeader } from './export-header.js';

const FIXTURE = 's5-tenant-v116-legacy.txt';
const FILE = join(dirname(fileURLToPath(import.meta.url)), '../../../../../packages/iptables/fixtures/', FIXTURE);
const report = fixtureReport(FIXTURE);

// A gateway detail as the API serves it, validated by the shared schema (so a field the header relies on cannot go missing).
const detail = GatewayDetail.parse({
  namespace: 'kube-system',
  name: 'tenant-a',
  source: 'kubernetes',
  context: 'prod-eu-1',
  pods: [{ name: 'vpc-nat-gw-tenant-a-0', phase: 'Running', ready: true }],
  status: 'ok',
  backend: 'legacy',
  collectedAt: '2026-08-22T10:15:30.418Z',
  ageSeconds: 3,
  stale: false,
  counts: { fip: 1, dnat: 2, snat: 2, hairpin: 3, rules: report.stats.rules },
  diagnostics: { error: 0, warning: 0, info: 0 },
  drift: { gateway: 'tenant-a', status: 'in-sync', drifts: [], resources: [], listedAt: '2026-08-22T10:15:29.000Z' },
  reading: 'ok',
  health: 'healthy',
  headline: 'read · healthy',
  pod: 'vpc-nat-gw-tenant-a-0',
  raw: readFileSync(FILE, 'utf8'),
  stderr: '',
  report,
});

describe('the export header', () => {
  it('names the cluster context, namespace/gateway, pod, backend and time of the reading', () => {
    const header = exportHeader(detail, '');
    expect(header.title).toBe('natscope · kube-system/tenant-a');
    expect(header.lines).toEqual([`context prod-eu-1  ·  pod vpc-nat-gw-tenant-a-0  ·  backend legacy  ·  read 2026-08-22T10:15:30Z  ·  ${report.stats.rules} rules`]);
  });

  it('adds the filter, and the traced packet with its verdict when a trace is shown', () => {
    const packet: TraceRequest = { inInterface: 'net1', protocol: 'tcp', src: '198.51.100.7', dst: '192.168.100.12', sport: 40000, dport: 2222 };
    const result = trace(parse(readFileSync(FILE, 'utf8'), { file: FIXTURE }), packet);
    const header = exportHeader(detail, ' eip:192.168.100.12 ', result);
    expect(header.lines[0]?.endsWith('  ·  filter "eip:192.168.100.12"')).toBe(true);
    expect(header.lines[1]).toBe(
      'trace tcp 198.51.100.7:40000 → 192.168.100.12:2222 in net1: DNAT to 10.0.2.20:22 in SHARED_DNAT rule 1; no SNAT; leaves by eth0',
    );
  });

  it('names the file after gateway, pod and reading time', () => {
    expect(exportFileName(detail, 'png')).toBe('natscope-kube-system-tenant-a-vpc-nat-gw-tenant-a-0-2026-08-22T101530Z.png');
  });
});
