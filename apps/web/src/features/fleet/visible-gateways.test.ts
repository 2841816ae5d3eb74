import type { GatewaySummary } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../lib/filter-query.js';
import { parseFleetViewState } from '../../lib/url-state.js';
import { visibleGateways } from './visible-gateways.js';

function gateway(namespace: string, name: string, patch: Partial<GatewaySummary> = {}): GatewaySummary {
  return {
    namespace,
    name,
    pods: [{ name: `vpc-nat-gw-${name}-0`, phase: 'Running', ready: true }],
    status: 'ok',
    backend: 'legacy',
    collectedAt: '2026-11-28T05:00:00.000Z',
    ageSeconds: 3,
    stale: false,
    counts: { fip: 0, dnat: 0, snat: 0, hairpin: 0, rules: 0 },
    diagnostics: { error: 0, warning: 0, info: 0 },
    addresses: [],
    ...patch,
  };
}

const fleet = [
  gateway('tenant-a', 'gw1', { addresses: ['192.168.100.10', '10.0.1.0/24'], counts: { fip: 1, dnat: 2, snat: 1, hairpin: 1, rules: 9 } }),
  gateway('tenant-b', 'edge', { addresses: ['203.0.113.12', '172.20.2.20'], diagnostics: { error: 0, warning: 3, info: 1 } }),
  gateway('kube-system', 'locked', { status: 'error', backend: 'unknown', error: { code: 'exec-forbidden', message: 'forbidden' } }),
  gateway('tenant-b', 'old', { stale: true, diagnostics: { error: 1, warning: 0, info: 0 } }),
];

function names(filter: string, search = ''): string[] {
  return visibleGateways(fleet, parseFilter(filter).terms, parseFleetViewState(new URLSearchParams(search))).map((g) => g.name);
}

describe('the fleet list', () => {
  it('finds the gateway that maps an internal address inside one of its CIDRs', () => {
    expect(names('10.0.1.77')).toEqual(['gw1']);
  });

  it('finds a gateway by EIP, name or namespace text', () => {
    expect(names('eip:203.0.113.12')).toEqual(['edge']);
    expect(names('tenant-b')).toEqual(['edge', 'old']);
    expect(names('exec-forbidden')).toEqual(['locked']);
    expect(names('nothing-like-this')).toEqual([]);
  });

  it('keeps gateways with problems: errors, stale readings, errors or warnings in diagnostics', () => {
    expect(names('', 'status=problems')).toEqual(['edge', 'locked', 'old']);
    expect(names('', 'status=error')).toEqual(['locked']);
  });

  it('sorts by diagnostics, worst first, errors before warnings', () => {
    // Ties (no diagnostics) keep namespace/name order.
    expect(names('', 'sort=diagnostics&dir=desc')).toEqual(['old', 'edge', 'locked', 'gw1']);
  });

  it('sorts by name with namespace breaking ties', () => {
    expect(names('', 'sort=name')).toEqual(['edge', 'gw1', 'locked', 'old']);
    expect(names('', 'sort=namespace')).toEqual(['locked', 'gw1', 'edge', 'old']);
  });
});
