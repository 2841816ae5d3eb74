import { describe, expect, it } from 'vitest';
import { listedResources } from './listed-resources.js';

describe('listedResources', () => {
  it('validates each list as its kind, adding the kind an item left out', () => {
    const { resources, notes } = listedResources({
      IptablesEIP: [{ metadata: { name: 'eip-a' }, spec: { natGwDp: 'gw1', v4ip: '192.168.100.10' }, status: { ip: '192.168.100.10' } }],
      IptablesFIPRule: [{ apiVersion: 'kubeovn.io/v1', kind: 'IptablesFIPRule', metadata: { name: 'fip-a' }, spec: { eip: 'eip-a', internalIp: '10.0.1.5' } }],
    });
    expect(notes).toEqual([]);
    expect(resources.eips.map((e) => [e.kind, e.metadata.name, e.spec.natGwDp])).toEqual([['IptablesEIP', 'eip-a', 'gw1']]);
    expect(resources.fips.map((f) => f.spec.internalIp)).toEqual(['10.0.1.5']);
    expect(resources.gateways).toEqual([]);
  });

  it('leaves out an object that does not fit, naming it and the field, and keeps the others', () => {
    const { resources, notes } = listedResources({
      IptablesSnatRule: [
        { metadata: { name: 'snat-bad' }, spec: { eip: 7 } },
        { metadata: { name: 'snat-ok' }, spec: { eip: 'eip-a', internalCIDR: '10.0.1.0/24' } },
      ],
    });
    expect(resources.snats.map((s) => s.metadata.name)).toEqual(['snat-ok']);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^IptablesSnatRule snat-bad left out: spec\.eip: /);
  });
});
