import type { KubeOvnResources } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { gatewayFingerprints } from './gateway-fingerprints.js';
import { listedResources } from './listed-resources.js';

const eip = (name: string, gw: string, ip: string, rv = '1') => ({ metadata: { name, resourceVersion: rv }, spec: { natGwDp: gw, v4ip: ip }, status: { ip } });
const fip = (name: string, eipName: string, internalIp: string, rv = '1') => ({ metadata: { name, resourceVersion: rv }, spec: { eip: eipName, internalIp } });

function cluster(over: { fipRv?: string; extraEip?: boolean } = {}): KubeOvnResources {
  return listedResources({
    VpcNatGateway: [{ metadata: { name: 'gw1' } }, { metadata: { name: 'gw2' } }],
    IptablesEIP: [eip('e1', 'gw1', '192.168.100.10'), eip('e2', 'gw2', '192.168.100.20'), ...(over.extraEip ? [eip('e3', 'gw2', '192.168.100.30')] : [])],
    IptablesFIPRule: [fip('f1', 'e1', '10.0.1.5', over.fipRv), fip('f2', 'e2', '10.0.2.5')],
  }).resources;
}

describe('gatewayFingerprints', () => {
  it('is the same for the same objects', () => {
    expect(gatewayFingerprints(cluster())('gw1')).toBe(gatewayFingerprints(cluster())('gw1'));
  });

  it("changes only the gateway whose rule object changed", () => {
    const before = gatewayFingerprints(cluster());
    const after = gatewayFingerprints(cluster({ fipRv: '2' }));
    expect(after('gw1')).not.toBe(before('gw1'));
    expect(after('gw2')).toBe(before('gw2'));
  });

  it('changes every gateway when the EIPs change (their addresses name owners in every comparison)', () => {
    const before = gatewayFingerprints(cluster());
    const after = gatewayFingerprints(cluster({ extraEip: true }));
    expect(after('gw1')).not.toBe(before('gw1'));
    expect(after('gw2')).not.toBe(before('gw2'));
  });

  it('keys a gateway no object names too', () => {
    expect(gatewayFingerprints(cluster())('gw9')).toMatch(/^[0-9a-f]{16}-[0-9a-f]{16}$/);
  });
});
