import type { Mapping } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { EMPTY_TRACE } from '../../lib/trace-link.js';
import { aHost, mappingPresets, OUTSIDE, presetContext, tracePresets } from './trace-presets.js';

const report = fixtureReport('s5-tenant-v116-legacy.txt');
const context = presetContext(report.mappings);
const packet = { ...EMPTY_TRACE, sport: '40000' };

function mapping(kind: Mapping['kind'], test: (m: Mapping) => boolean = () => true): Mapping {
  const found = report.mappings.find((m) => m.kind === kind && test(m));
  if (!found) throw new Error(`no ${kind} mapping`);
  return found;
}

const counters = { packets: 0, bytes: 0 };

describe('packets that exercise a mapping', () => {
  it('sends a port forward a connection from outside on net1 to its EIP and port', () => {
    const [outside, hairpin] = mappingPresets(
      mapping('dnat', (m) => m.kind === 'dnat' && m.externalPort === 2222),
      context,
    );
    expect(outside).toMatchObject({
      label: 'DNAT tcp 192.168.100.12:2222 → 10.0.2.20:22: from outside',
      short: 'in',
      primary: true,
    });
    expect(outside!.fields).toEqual({
      ...packet,
      inInterface: 'net1',
      src: OUTSIDE,
      dst: '192.168.100.12',
      dport: '2222',
    });
    // The same port from inside the VPC is the hairpin case; the EIP table leaves it to its hairpin column.
    expect(hairpin).toMatchObject({ short: 'hairpin', primary: false });
    expect(hairpin!.fields).toEqual({
      ...packet,
      inInterface: 'eth0',
      src: '10.0.1.2',
      dst: '192.168.100.12',
      dport: '2222',
    });
  });

  it('traces a floating IP inbound to its EIP and outbound from its VM', () => {
    const presets = mappingPresets(mapping('fip'), context);
    expect(presets.map((p) => [p.short, p.fields.inInterface, p.fields.src, p.fields.dst])).toEqual([
      ['in', 'net1', OUTSIDE, '192.168.100.11'],
      ['out', 'eth0', '10.0.1.5', OUTSIDE],
    ]);
  });

  it('sends SNAT traffic from a host of the subnet to an outside address', () => {
    const [out] = mappingPresets(
      mapping('snat', (m) => m.kind === 'snat' && m.internalCidr === '10.0.2.0/24'),
      context,
    );
    expect(out!.label).toBe('SNAT 10.0.2.0/24 → 192.168.100.10: 10.0.2.2 to outside');
    expect(out!.fields).toEqual({ ...packet, inInterface: 'eth0', src: '10.0.2.2', dst: OUTSIDE, dport: '443' });
  });

  it('aims a hairpin at a port the EIP really forwards, from another VPC host', () => {
    const [inside] = mappingPresets(
      mapping('hairpin', (m) => m.eip === '192.168.100.10'),
      context,
    );
    expect(inside!.fields).toEqual({
      ...packet,
      inInterface: 'eth0',
      src: '10.0.1.2',
      dst: '192.168.100.10',
      dport: '8080',
    });
    const [toFip] = mappingPresets(
      mapping('hairpin', (m) => m.eip === '192.168.100.11'),
      context,
    );
    expect(toFip!.fields).toMatchObject({ src: '10.0.1.2', dst: '192.168.100.11', dport: '443' });
  });

  it('picks a SNAT host that no floating IP claims, and another VPC host when the first is the target', () => {
    const mappings: Mapping[] = [
      { kind: 'fip', eip: '192.0.2.1', internalIp: '10.9.0.2', rules: [], counters },
      {
        kind: 'snat',
        eip: '192.0.2.2',
        internalCidr: '10.9.0.0/24',
        randomFully: true,
        outInterface: 'net1',
        rules: [],
        counters,
      },
      {
        kind: 'dnat',
        eip: '192.0.2.2',
        protocol: 'udp',
        externalPort: 53,
        internalIp: '10.9.0.3',
        internalPort: 53,
        rules: [],
        counters,
      },
      { kind: 'hairpin', eip: '192.0.2.2', rules: [], counters },
    ];
    const own = presetContext(mappings);
    expect(own.vpcHost).toBe('10.9.0.3');
    expect(mappingPresets(mappings[1]!, own)[0]!.fields.src).toBe('10.9.0.3');
    const hairpin = mappingPresets(mappings[3]!, own)[0]!.fields;
    expect(hairpin).toMatchObject({ src: '10.9.0.4', dst: '192.0.2.2', protocol: 'udp', dport: '53' });
  });

  it('lists every preset for the menu, hairpins last', () => {
    const presets = tracePresets(report.mappings);
    expect(presets.length).toBe(2 + 2 * 2 + 2 + 3);
    expect(presets.slice(-3).every((p) => p.short === 'hairpin' && p.primary)).toBe(true);
  });
});

describe('a host of a subnet', () => {
  it('is .2, or the next one free, or the address itself for /31 and /32', () => {
    expect(aHost('10.0.1.0/24')).toBe('10.0.1.2');
    expect(aHost('10.0.1.0/24', new Set(['10.0.1.2', '10.0.1.3']))).toBe('10.0.1.4');
    expect(aHost('10.0.1.5/32')).toBe('10.0.1.5');
    expect(aHost('not-a-cidr')).toBeNull();
  });
});
