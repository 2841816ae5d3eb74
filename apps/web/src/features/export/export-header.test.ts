import type { TraceRequest } from '@natscope/api';
import { parse } from '@natscope/iptables';
import { trace } from '@natscope/natgw';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureDetail } from '../../../test/fixture-detail.js';
import { fixtureReport } from '../../../test/fixture-report.js';
import { exportFileName, exportHeader } from './export-header.js';

const FIXTURE = 's5-tenant-v116-legacy.txt';
const FILE = join(dirname(fileURLToPath(import.meta.url)), '../../../../../packages/iptables/fixtures/', FIXTURE);
const report = fixtureReport(FIXTURE);

const detail = fixtureDetail(report, readFileSync(FILE, 'utf8'), {
  namespace: 'kube-system',
  name: 'tenant-a',
  context: 'prod-eu-1',
});

describe('the export header', () => {
  it('names the cluster context, namespace/gateway, pod, backend and time of the reading', () => {
    const header = exportHeader(detail, '');
    expect(header.title).toBe('natscope · kube-system/tenant-a');
    expect(header.lines).toEqual([
      `context prod-eu-1  ·  pod vpc-nat-gw-tenant-a-0  ·  backend legacy  ·  read 2026-08-22T10:15:30Z  ·  ${report.stats.rules} rules`,
    ]);
  });

  it('adds the filter, and the traced packet with its verdict when a trace is shown', () => {
    const packet: TraceRequest = {
      inInterface: 'net1',
      protocol: 'tcp',
      src: '198.51.100.7',
      dst: '192.168.100.12',
      sport: 40000,
      dport: 2222,
    };
    const result = trace(parse(readFileSync(FILE, 'utf8'), { file: FIXTURE }), packet);
    const header = exportHeader(detail, ' eip:192.168.100.12 ', result);
    expect(header.lines[0]?.endsWith('  ·  filter "eip:192.168.100.12"')).toBe(true);
    expect(header.lines[1]).toBe(
      'trace tcp 198.51.100.7:40000 → 192.168.100.12:2222 in net1: DNAT to 10.0.2.20:22 in SHARED_DNAT rule 1; no SNAT; leaves by eth0',
    );
  });

  it('names the file after gateway, pod and reading time', () => {
    expect(exportFileName(detail, 'png')).toBe(
      'natscope-kube-system-tenant-a-vpc-nat-gw-tenant-a-0-2026-08-22T101530Z.png',
    );
  });
});
