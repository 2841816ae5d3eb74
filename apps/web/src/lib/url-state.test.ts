import { describe, expect, it } from 'vitest';
import {
  fleetViewSearch,
  gatewayPath,
  gatewayViewSearch,
  parseFleetViewState,
  parseGatewayViewState,
  parseResourceKey,
  parseRuleKey,
} from './url-state.js';

describe('gateway view state in the URL', () => {
  it('round-trips every part of the view through the query string', () => {
    const state = {
      view: 'eips' as const,
      pod: 'vpc-nat-gw-edge-1',
      filter: '203.0.113.12 port:22',
      rule: { table: 'nat', chain: 'SHARED_DNAT', index: 2 },
      diagnostic: 3,
    };
    const search = gatewayViewSearch(state);
    expect(parseGatewayViewState(new URLSearchParams(search.toString()))).toEqual(state);
  });

  it('leaves defaults out so plain links stay plain', () => {
    expect(gatewayViewSearch(parseGatewayViewState(new URLSearchParams())).toString()).toBe('');
    expect(gatewayPath('tenant-a', 'gw1')).toBe('/gateways/tenant-a/gw1');
  });

  it('falls back to defaults for parts a hand-edited link gets wrong', () => {
    const state = parseGatewayViewState(new URLSearchParams('view=pie&rule=nat/X/zero&diag=-1&pod='));
    expect(state).toEqual({ view: 'graph', pod: null, filter: '', rule: null, diagnostic: null });
  });

  it('reads chain names that contain a slash', () => {
    expect(parseRuleKey('nat/OPS/EXTRA/12')).toEqual({ table: 'nat', chain: 'OPS/EXTRA', index: 12 });
    expect(parseRuleKey('nat//3')).toBeNull();
    expect(parseRuleKey('nat/CHAIN/0')).toBeNull();
  });

  it('keeps the desired view and the object it brings into view in the link', () => {
    const search = gatewayViewSearch({
      view: 'desired',
      pod: null,
      filter: '',
      rule: null,
      diagnostic: null,
      resource: { kind: 'IptablesFIPRule', name: 'fip-web' },
    });
    expect(search.toString()).toBe('view=desired&resource=IptablesFIPRule%2Ffip-web');
    expect(parseGatewayViewState(search)).toMatchObject({
      view: 'desired',
      resource: { kind: 'IptablesFIPRule', name: 'fip-web' },
    });
  });

  it('reads a resource key only as <kind>/<name>', () => {
    expect(parseResourceKey('IptablesEIP/eip.one')).toEqual({ kind: 'IptablesEIP', name: 'eip.one' });
    expect(parseResourceKey('IptablesEIP/')).toBeNull();
    expect(parseResourceKey('/fip')).toBeNull();
    expect(parseResourceKey('a/b/c')).toBeNull();
    expect(parseGatewayViewState(new URLSearchParams('resource=nonsense'))).not.toHaveProperty('resource');
  });

  it('builds a link to a selected rule', () => {
    expect(gatewayPath('ns', 'gw', { rule: { table: 'nat', chain: 'SHARED_SNAT', index: 1 } })).toBe(
      '/gateways/ns/gw?rule=nat%2FSHARED_SNAT%2F1',
    );
  });
});

describe('fleet view state in the URL', () => {
  it('round-trips filter, status, desired state and sort', () => {
    const state = {
      filter: '10.0.1.5',
      status: 'error' as const,
      drift: 'unknown' as const,
      sort: 'drift' as const,
      descending: true,
    };
    expect(parseFleetViewState(fleetViewSearch(state))).toEqual(state);
    expect(fleetViewSearch(state).get('drift')).toBe('unknown');
  });

  it('leaves the desired-state filter out of the link when it keeps every gateway, and ignores an unknown one', () => {
    expect(fleetViewSearch(parseFleetViewState(new URLSearchParams('drift=all'))).toString()).toBe('');
    expect(parseFleetViewState(new URLSearchParams('drift=sideways')).drift).toBe('all');
  });

  it('ignores an unknown sort column', () => {
    expect(parseFleetViewState(new URLSearchParams('sort=bogus')).sort).toBe('name');
  });
});
