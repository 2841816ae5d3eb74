import type { InspectReport, KubeOvnResources } from '@natscope/api';
import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { describe, expect, it } from 'vitest';
import { driftFixtures } from '../fixtures/index.js';
import { compareDesired } from './compare-desired.js';
import { fixtureCase } from './fixture-case.js';
import { GatewaySlices } from './gateway-slices.js';
import { gatewaysIn } from './gateways-in.js';
import { listedResources } from './listed-resources.js';

const eipAddresses = (report: InspectReport): string[] => report.mappings.map((m) => m.eip);
const EMPTY = inspect(
  parse(
    '*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n',
  ),
);

/** The objects and a port forward naming an EIP that does not exist, claiming no gateway (whose it is depends on the others). */
function withTypo(resources: KubeOvnResources): KubeOvnResources {
  const dnat = resources.dnats[0];
  if (!dnat) return resources;
  const { labels: _labels, ...metadata } = dnat.metadata;
  const typo = {
    ...dnat,
    metadata: { ...metadata, name: 'dnat-typo' },
    spec: { ...dnat.spec, eip: 'eip-typo' },
    status: undefined,
  };
  return { ...resources, dnats: [...resources.dnats, typo] };
}

/** Every gateway the objects name, the case's own, and one they do not name. */
const gatewaysOf = (resources: KubeOvnResources, own: string): string[] => [
  ...new Set([own, ...gatewaysIn(resources), 'gw-nobody']),
];

function expectSameAsWhole(report: InspectReport, resources: KubeOvnResources, gateways: readonly string[]): void {
  const slices = new GatewaySlices(resources);
  for (const gateway of gateways) {
    const { resources: slice } = slices.slice(gateway, eipAddresses(report));
    expect(compareDesired({ gateway, report, resources: slice, yaml: true }), gateway).toEqual(
      compareDesired({ gateway, report, resources, yaml: true }),
    );
  }
}

describe('GatewaySlices', () => {
  it('compares every fixture with its slice exactly as with all its objects, for every gateway', () => {
    for (const fixture of driftFixtures) {
      const c = fixtureCase(fixture.name);
      expectSameAsWhole(c.report, c.resources, gatewaysOf(c.resources, c.gateway));
      expectSameAsWhole(EMPTY, c.resources, gatewaysOf(c.resources, c.gateway));
      expectSameAsWhole(c.report, withTypo(c.resources), gatewaysOf(c.resources, c.gateway));
    }
  });

  it('does so too in one listing of every fixture’s objects (many gateways, EIPs of one named by another’s objects)', () => {
    const cases = driftFixtures.map((f) => fixtureCase(f.name));
    const all: KubeOvnResources = { gateways: [], eips: [], fips: [], dnats: [], snats: [] };
    for (const c of cases)
      for (const field of ['gateways', 'eips', 'fips', 'dnats', 'snats'] as const)
        (all[field] as unknown[]).push(...c.resources[field]);
    for (const c of cases) expectSameAsWhole(c.report, withTypo(all), gatewaysIn(all));
  });

  it('holds only what joins the gateway', () => {
    const { resources } = fixtureCase('eip-unresolved-v116-legacy');
    const slice = new GatewaySlices(resources).slice('gw2', []).resources;
    expect(slice.eips.map((e) => e.spec.natGwDp)).toEqual(slice.eips.map(() => 'gw2'));
    expect(slice.gateways.map((g) => g.metadata.name)).toEqual(
      resources.gateways.filter((g) => g.metadata.name === 'gw2').map((g) => g.metadata.name),
    );
    expect(slice.fips.length + slice.dnats.length + slice.snats.length).toBeLessThan(
      resources.fips.length + resources.dnats.length + resources.snats.length,
    );
  });
});

describe('GatewaySlices fingerprints', () => {
  const eip = (name: string, gw: string, ip: string, rv = '1') => ({
    metadata: { name, uid: `u-${name}`, resourceVersion: rv },
    spec: { natGwDp: gw, v4ip: ip },
    status: { ip },
  });
  const fip = (name: string, eipName: string, internalIp: string, rv = '1') => ({
    metadata: { name, uid: `u-${name}`, resourceVersion: rv },
    spec: { eip: eipName, internalIp },
  });
  function cluster(over: { fipRv?: string; e2Ip?: string; extraEip?: boolean } = {}): KubeOvnResources {
    return listedResources({
      VpcNatGateway: [{ metadata: { name: 'gw1' } }, { metadata: { name: 'gw2' } }, { metadata: { name: 'gw3' } }],
      IptablesEIP: [
        eip('e1', 'gw1', '192.168.100.10'),
        eip('e2', 'gw2', over.e2Ip ?? '192.168.100.20', over.e2Ip ? '2' : '1'),
        eip('e3', 'gw3', '192.168.100.30'),
        ...(over.extraEip ? [eip('e4', 'gw2', '192.168.100.40')] : []),
      ],
      IptablesFIPRule: [
        fip('f1', 'e1', '10.0.1.5', over.fipRv),
        fip('f2', 'e2', '10.0.2.5'),
        fip('f3', 'e3', '10.0.3.5'),
      ],
    }).resources;
  }
  const key = (resources: KubeOvnResources, gateway: string, addresses: string[] = []) =>
    new GatewaySlices(resources).slice(gateway, addresses).fingerprint;

  it('is the same for the same objects', () => {
    expect(key(cluster(), 'gw1')).toBe(key(cluster(), 'gw1'));
    expect(key(cluster(), 'gw1')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes only for the gateway whose object changed', () => {
    expect(key(cluster({ fipRv: '2' }), 'gw1')).not.toBe(key(cluster(), 'gw1'));
    expect(key(cluster({ fipRv: '2' }), 'gw2')).toBe(key(cluster(), 'gw2'));
    expect(key(cluster({ extraEip: true }), 'gw2')).not.toBe(key(cluster(), 'gw2'));
    expect(key(cluster({ extraEip: true }), 'gw1')).toBe(key(cluster(), 'gw1'));
  });

  it("changes for another gateway when an EIP's old or new address is one its dump holds (its orphans name the owner)", () => {
    // gw3's dump still holds a rule on .20 (e2's address before it moved) and one on .21 (where it moved to).
    expect(key(cluster({ e2Ip: '192.168.100.21' }), 'gw3', ['192.168.100.30', '192.168.100.20'])).not.toBe(
      key(cluster(), 'gw3', ['192.168.100.30', '192.168.100.20']),
    );
    expect(key(cluster({ e2Ip: '192.168.100.21' }), 'gw3', ['192.168.100.30', '192.168.100.21'])).not.toBe(
      key(cluster(), 'gw3', ['192.168.100.30', '192.168.100.21']),
    );
    expect(key(cluster({ e2Ip: '192.168.100.21' }), 'gw3', ['192.168.100.30'])).toBe(
      key(cluster(), 'gw3', ['192.168.100.30']),
    );
  });
});

describe('GatewaySlices on a listing whose gateways reuse addresses', () => {
  it('takes one EIP per address the dump holds, however many gateways claim that address', () => {
    const eip = (gw: string, n: number) => ({
      metadata: { name: `${gw}-eip${n}`, uid: `u-${gw}-${n}`, resourceVersion: '1' },
      spec: { natGwDp: gw, v4ip: `172.16.0.${n}` },
      status: { ip: `172.16.0.${n}` },
    });
    const gateways = Array.from({ length: 50 }, (_, i) => `gw${i}`);
    const { resources } = listedResources({
      IptablesEIP: gateways.flatMap((gw) => Array.from({ length: 10 }, (_, n) => eip(gw, n + 1))),
    });
    const addresses = Array.from({ length: 10 }, (_, n) => `172.16.0.${n + 1}`);
    const slice = new GatewaySlices(resources).slice('gw7', addresses).resources;
    expect(slice.eips.filter((e) => e.spec.natGwDp === 'gw7')).toHaveLength(10);
    expect(slice.eips.filter((e) => e.spec.natGwDp !== 'gw7').map((e) => e.metadata.name)).toEqual(
      addresses.map((_, n) => `gw0-eip${n + 1}`),
    );
  });
});
