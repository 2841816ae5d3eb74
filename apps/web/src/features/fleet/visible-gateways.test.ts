import { GatewayDrift, type GatewaySummary } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../lib/filter-query.js';
import { parseFleetViewState } from '../../lib/url-state.js';
import { addressLookup, needsAddresses, visibleGateways } from './visible-gateways.js';

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
    reading: 'ok',
    health: 'healthy',
    headline: 'read · healthy',
    counts: { fip: 0, dnat: 0, snat: 0, hairpin: 0, rules: 0 },
    diagnostics: { error: 0, warning: 0, info: 0 },
    drift: { status: 'in-sync', counts: { error: 0, warning: 0, info: 0 } },
    lastRuleChangeAt: null,
    ...patch,
  };
}

const fleet = [
  gateway('tenant-a', 'gw1', { counts: { fip: 1, dnat: 2, snat: 1, hairpin: 1, rules: 9 } }),
  gateway('tenant-b', 'edge', {
    diagnostics: { error: 0, warning: 3, info: 1 },
    health: 'degraded',
    headline: 'read · degraded: 3 rules shadowed',
  }),
  gateway('kube-system', 'locked', {
    status: 'error',
    backend: 'unknown',
    error: { code: 'exec-forbidden', message: 'forbidden' },
    reading: 'error',
    health: 'unknown',
    headline: 'read failed: exec forbidden (RBAC) · health unknown',
  }),
  gateway('tenant-b', 'old', {
    status: 'error',
    stale: true,
    diagnostics: { error: 1, warning: 0, info: 0 },
    reading: 'stale',
    health: 'broken',
    headline: 'read failed: exec timed out (older reading shown) · broken: half a floating IP',
  }),
];

// Read fine, and translates nothing: what `rebooted` is in the demo.
const dead = gateway('kube-system', 'rebooted', {
  diagnostics: { error: 1, warning: 0, info: 0 },
  health: 'broken',
  headline: 'read · broken: not initialised',
});

// What GET /api/addresses says about them.
const addresses = addressLookup({
  gateways: [
    { namespace: 'tenant-a', name: 'gw1', addresses: ['10.0.1.0/24', '192.168.100.10'] },
    { namespace: 'tenant-b', name: 'edge', addresses: ['172.20.2.20', '203.0.113.12'] },
    { namespace: 'kube-system', name: 'locked', addresses: [] },
    { namespace: 'tenant-b', name: 'old', addresses: [] },
  ],
});

function names(filter: string, search = '', lookup = addresses): string[] {
  return visibleGateways(
    fleet,
    parseFilter(filter).terms,
    parseFleetViewState(new URLSearchParams(search)),
    lookup,
  ).map((g) => g.name);
}

describe('the fleet list', () => {
  it('asks for the addresses only when the filter names an address, a CIDR, an EIP or part of an address', () => {
    const needs = (filter: string) => needsAddresses(parseFilter(filter).terms);
    expect(needs('10.0.1.77')).toBe(true);
    expect(needs('10.0.0.0/8')).toBe(true);
    expect(needs('eip:203.0.113.12')).toBe(true);
    expect(needs('ip:10.0.1.7')).toBe(true);
    expect(needs('tenant-b 10.0.1.')).toBe(true);
    expect(needs('')).toBe(false);
    expect(needs('tenant-b gw1 exec-forbidden')).toBe(false);
    expect(needs('22 tcp')).toBe(false);
  });

  it('finds part of an address as text once the addresses are known', () => {
    expect(names('203.0.')).toEqual(['edge']);
  });

  it('matches no gateway by address before the addresses arrive, and the rest of the filter still works', () => {
    const none = new Map<string, readonly string[]>();
    expect(names('10.0.1.77', '', none)).toEqual([]);
    expect(names('eip:203.0.113.12', '', none)).toEqual([]);
    expect(names('tenant-b', '', none)).toEqual(['edge', 'old']);
  });

  it('finds the gateway that maps an internal address inside one of its CIDRs', () => {
    expect(names('10.0.1.77')).toEqual(['gw1']);
  });

  it('finds a gateway by EIP, name or namespace text', () => {
    expect(names('eip:203.0.113.12')).toEqual(['edge']);
    expect(names('tenant-b')).toEqual(['edge', 'old']);
    expect(names('exec-forbidden')).toEqual(['locked']);
    expect(names('nothing-like-this')).toEqual([]);
  });

  it('keeps gateways with problems: failed or old readings, degraded rules', () => {
    expect(names('', 'status=problems')).toEqual(['edge', 'locked', 'old']);
    expect(names('', 'status=error')).toEqual(['locked', 'old']);
  });

  describe('by health', () => {
    const withDead = [...fleet, dead];
    const shown = (search: string) =>
      visibleGateways(withDead, [], parseFleetViewState(new URLSearchParams(search))).map((g) => g.name);

    it('counts a gateway read fine but broken among the problems, never among the healthy', () => {
      expect(shown('status=problems')).toContain('rebooted');
      expect(shown('status=broken')).toEqual(['rebooted']);
      expect(shown('status=healthy')).toEqual(['gw1']);
    });

    it('reads an old `status=ok` link as the healthy gateways', () => {
      expect(shown('status=ok')).toEqual(['gw1']);
    });

    it('sorts the worst first: a failed reading, one that failed over broken rules, broken, degraded, healthy', () => {
      expect(shown('sort=status')).toEqual(['locked', 'old', 'rebooted', 'edge', 'gw1']);
    });

    it('finds a gateway by the words of its health', () => {
      expect(
        visibleGateways(withDead, parseFilter('initialised').terms, parseFleetViewState(new URLSearchParams())).map(
          (g) => g.name,
        ),
      ).toEqual(['rebooted']);
    });
  });

  it('sorts by diagnostics, worst first, errors before warnings', () => {
    // Ties (no diagnostics) keep namespace/name order.
    expect(names('', 'sort=diagnostics&dir=desc')).toEqual(['old', 'edge', 'locked', 'gw1']);
  });

  describe('by desired state', () => {
    // Through the schema, so the fixture is what the server may send (and a changed schema breaks this test).
    const drift = (status: GatewayDrift['status'], error = 0, warning = 0, reason?: string) =>
      GatewayDrift.parse({ status, ...(reason ? { reason } : {}), counts: { error, warning, info: 0 } });
    const drifting = [
      gateway('kube-system', 'rebooted', { drift: drift('drifted', 4) }),
      gateway('tenant-b', 'orphans', { drift: drift('drifted', 0, 9) }),
      gateway('tenant-b', 'locked', { drift: drift('unknown', 0, 0, 'exec-forbidden') }),
      gateway('tenant-a', 'gw1', { drift: drift('in-sync') }),
    ];
    const shown = (search: string) =>
      visibleGateways(drifting, [], parseFleetViewState(new URLSearchParams(search))).map((g) => g.name);

    it('keeps only the gateways in the chosen desired state', () => {
      expect(shown('drift=drifted')).toEqual(['orphans', 'rebooted']);
      expect(shown('drift=unknown')).toEqual(['locked']);
      expect(shown('drift=in-sync')).toEqual(['gw1']);
      expect(shown('')).toHaveLength(4);
    });

    it('sorts drifted first when descending, an error before any number of warnings, unknown before in sync', () => {
      expect(shown('sort=drift&dir=desc')).toEqual(['rebooted', 'orphans', 'locked', 'gw1']);
      expect(shown('sort=drift')).toEqual(['gw1', 'locked', 'orphans', 'rebooted']);
    });

    it('combines with the status filter', () => {
      expect(shown('drift=drifted&status=error')).toEqual([]);
    });
  });

  it('sorts by name with namespace breaking ties', () => {
    expect(names('', 'sort=name')).toEqual(['edge', 'gw1', 'locked', 'old']);
    expect(names('', 'sort=namespace')).toEqual(['locked', 'gw1', 'edge', 'old']);
  });
});
