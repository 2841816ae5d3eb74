import { describe, expect, it } from 'vitest';
import { fixtureCase } from './fixture-case.js';
import { gatewaysIn } from './gateways-in.js';

describe('gatewaysIn', () => {
  it('lists the gateways the VpcNatGateways and the EIPs name, sorted', () => {
    expect(gatewaysIn(fixtureCase('in-sync-v116-legacy').resources)).toEqual(['gw1']);
    expect(gatewaysIn(fixtureCase('eip-unresolved-v116-legacy').resources)).toEqual(['gw1', 'gw2']);
  });

  it('does not take a gateway from a NAT rule’s label alone', () => {
    const { resources } = fixtureCase('in-sync-v116-legacy');
    resources.fips[0]!.metadata.labels = { 'ovn.kubernetes.io/vpc-nat-gw-name': 'gw-old' };
    expect(gatewaysIn(resources)).toEqual(['gw1']);
  });
});
