import { compareDesired } from '@natscope/drift';
import { parse } from '@natscope/iptables';
import { gatewayCrds } from '@natscope/kube-sim';
import { inspect } from '@natscope/natgw';
import { describe, expect, it } from 'vitest';
import { crdsAsResources } from '../test-support/crds-as-resources.js';
import { fixture } from '../test-support/fixture-fleet.js';
import { crdSpecFromReport } from './crd-spec-from-report.js';

const reportOf = (name: string) => inspect(parse(fixture(name), { file: name }));

describe('crdSpecFromReport', () => {
  it("describes a tenant's rules as the objects that made them: an EIP per address, a rule object per mapping", () => {
    const spec = crdSpecFromReport('gw1', reportOf('s5-tenant-v116-legacy.txt'), { namespace: 'tenant-b' });
    expect(spec).toEqual({
      gateway: 'gw1',
      namespace: 'tenant-b',
      eips: [
        { name: 'gw1-eip01', v4ip: '192.168.100.11' },
        { name: 'gw1-eip02', v4ip: '192.168.100.12' },
        { name: 'gw1-eip03', v4ip: '192.168.100.10' },
      ],
      fips: [{ name: 'gw1-fip01', eip: 'gw1-eip01', internalIp: '10.0.1.5' }],
      dnats: [
        {
          name: 'gw1-dnat01',
          eip: 'gw1-eip02',
          protocol: 'tcp',
          externalPort: 2222,
          internalIp: '10.0.2.20',
          internalPort: 22,
        },
        {
          name: 'gw1-dnat02',
          eip: 'gw1-eip03',
          protocol: 'tcp',
          externalPort: 8080,
          internalIp: '10.0.1.30',
          internalPort: 80,
        },
      ],
      snats: [
        { name: 'gw1-snat01', eip: 'gw1-eip03', internalCidr: '10.0.1.0/24' },
        { name: 'gw1-snat02', eip: 'gw1-eip03', internalCidr: '10.0.2.0/24' },
      ],
    });
  });

  it('makes one object of rules a dump repeats, and objects compareDesired finds in sync', () => {
    for (const name of [
      'f3-dnat-uppercase-v116-nft.txt',
      'f4-snat-host-bits-v116-legacy.txt',
      'large-busy-v116-nft.txt',
      's8-vm-fips-v114-nft.txt',
    ]) {
      const report = reportOf(name);
      const crds = gatewayCrds(crdSpecFromReport('gw1', report));
      const drift = compareDesired({ gateway: 'gw1', report, resources: crdsAsResources(crds) });
      expect({ name, status: drift.status, codes: drift.drifts.map((d) => d.code) }).toEqual({
        name,
        status: 'in-sync',
        codes: [],
      });
      const identities = crds['iptables-dnat-rules'].map((d) => JSON.stringify(d.spec));
      expect(new Set(identities).size).toBe(identities.length);
    }
  });

  it('gives an EIP that only a hairpin rule uses its object too', () => {
    const report = reportOf('s5-tenant-v116-legacy.txt');
    const hairpinOnly = { ...report, mappings: report.mappings.filter((m) => m.kind === 'hairpin') };
    expect(crdSpecFromReport('gw1', hairpinOnly).eips?.map((e) => e.v4ip)).toEqual([
      '192.168.100.10',
      '192.168.100.11',
      '192.168.100.12',
    ]);
  });
});
