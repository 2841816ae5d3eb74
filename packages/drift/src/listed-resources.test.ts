import { describe, expect, it } from 'vitest';
import { listedResources } from './listed-resources.js';

describe('listedResources', () => {
  it('validates each list as its kind, adding the kind an item left out', () => {
    const { resources, notes } = listedResources({
      IptablesEIP: [
        {
          metadata: { name: 'eip-a' },
          spec: { natGwDp: 'gw1', v4ip: '192.168.100.10' },
          status: { ip: '192.168.100.10' },
        },
      ],
      IptablesFIPRule: [
        {
          apiVersion: 'kubeovn.io/v1',
          kind: 'IptablesFIPRule',
          metadata: { name: 'fip-a' },
          spec: { eip: 'eip-a', internalIp: '10.0.1.5' },
        },
      ],
    });
    expect(notes).toEqual([]);
    expect(resources.eips.map((e) => [e.kind, e.metadata.name, e.spec.natGwDp])).toEqual([
      ['IptablesEIP', 'eip-a', 'gw1'],
    ]);
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

describe('listedResources given the previous listing', () => {
  const eip = (name: string, rv: string, ip = '192.168.100.10') => ({
    metadata: { name, uid: `uid-${name}`, resourceVersion: rv },
    spec: { natGwDp: 'gw1', v4ip: ip },
    status: { ip },
  });
  const bad = (rv: string) => ({
    metadata: { name: 'snat-bad', uid: 'uid-bad', resourceVersion: rv },
    spec: { eip: 7 },
  });

  it('validates only the objects whose uid or resourceVersion is new, reusing the others as they were', () => {
    const first = listedResources({ IptablesEIP: [eip('a', '1'), eip('b', '1')], IptablesSnatRule: [bad('1')] });
    expect(first.validated).toBe(3);
    const same = listedResources({ IptablesEIP: [eip('a', '1'), eip('b', '1')], IptablesSnatRule: [bad('1')] }, first);
    expect(same.validated).toBe(0);
    expect(same.resources.eips[0]).toBe(first.resources.eips[0]);
    expect(same.notes).toEqual(first.notes);
    expect(same.digest).toBe(first.digest);
    const changed = listedResources(
      { IptablesEIP: [eip('a', '1'), eip('b', '2', '192.168.100.11')], IptablesSnatRule: [bad('1')] },
      same,
    );
    expect(changed.validated).toBe(1);
    expect(changed.resources.eips[0]).toBe(first.resources.eips[0]);
    expect(changed.resources.eips[1]?.status?.ip).toBe('192.168.100.11');
    expect(changed.digest).not.toBe(same.digest);
  });

  it('validates every object without a uid and resourceVersion (nothing says it is unchanged), with the same digest for the same JSON', () => {
    const plain = { metadata: { name: 'a' }, spec: { natGwDp: 'gw1', v4ip: '192.168.100.10' } };
    const first = listedResources({ IptablesEIP: [plain] });
    const again = listedResources({ IptablesEIP: [plain] }, first);
    expect(again.validated).toBe(1);
    expect(again.digest).toBe(first.digest);
    expect(listedResources({ IptablesEIP: [{ ...plain, spec: { natGwDp: 'gw2' } }] }, first).digest).not.toBe(
      first.digest,
    );
  });

  it('tells listings apart by order and by what was left out', () => {
    const ab = listedResources({ IptablesEIP: [eip('a', '1'), eip('b', '1')] });
    expect(listedResources({ IptablesEIP: [eip('b', '1'), eip('a', '1')] }).digest).not.toBe(ab.digest);
    expect(listedResources({ IptablesEIP: [eip('a', '1')] }).digest).not.toBe(ab.digest);
  });
});
