import { describe, expect, it } from 'vitest';
import { listedResources } from './listed-resources.js';
import { ListingBuilder } from './listing-builder.js';

describe('ListingBuilder', () => {
  const eip = (n: number, rv = '1') => ({
    metadata: { name: `eip-${n}`, uid: `u${n}`, resourceVersion: rv },
    spec: { natGwDp: 'gw1', v4ip: `192.168.100.${n}` },
  });
  const fip = (n: number) => ({
    metadata: { name: `fip-${n}`, uid: `f${n}`, resourceVersion: '1' },
    spec: { eip: `eip-${n}`, internalIp: `10.0.1.${n}` },
  });
  const bad = (n: number) => ({ metadata: { name: `bad-${n}`, uid: `b${n}`, resourceVersion: '1' }, spec: { eip: n } });

  it('reads a listing in pages, kinds interleaved, as the whole lists at once', () => {
    const eips = [1, 2, 3, 4, 5].map((n) => eip(n));
    const fips = [fip(1), bad(1), fip(2), bad(2)];
    const whole = listedResources({ IptablesEIP: eips, IptablesFIPRule: fips });
    const builder = new ListingBuilder();
    builder.add('IptablesFIPRule', fips.slice(0, 3));
    builder.add('IptablesEIP', eips.slice(0, 2));
    builder.add('IptablesEIP', eips.slice(2));
    builder.add('IptablesFIPRule', fips.slice(3));
    const paged = builder.finish();
    expect(paged.resources).toEqual(whole.resources);
    expect(paged.notes).toEqual(whole.notes);
    expect(paged.digest).toBe(whole.digest);
    expect(paged.validated).toBe(9);
  });

  it('reuses the previous listing page by page', () => {
    const first = listedResources({ IptablesEIP: [eip(1), eip(2)] });
    const builder = new ListingBuilder(first);
    builder.add('IptablesEIP', [eip(1)]);
    builder.add('IptablesEIP', [eip(2, '7')]);
    const next = builder.finish();
    expect(next.validated).toBe(1);
    expect(next.resources.eips[0]).toBe(first.resources.eips[0]);
  });
});
