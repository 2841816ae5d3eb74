import { describe, expect, it } from 'vitest';
import { generateDump } from '../../../bench/generate-dump.js';
import { parse } from './parse.js';
import { print } from './print.js';

// The benchmark's input must be something the parser reads like a real gateway dump, or its numbers mean nothing.
describe("the benchmark's generated dump", () => {
  const text = generateDump({ rules: 5_000, seed: 7 });
  const dump = parse(text, { file: 'generated' });
  const rules = dump.tables.flatMap((t) => t.chains.flatMap((c) => c.rules));

  it('has exactly the rules asked for and round-trips', () => {
    expect(rules).toHaveLength(5_000);
    expect(print(dump)).toBe(text);
    expect(dump.tables.map((t) => [t.name, t.committed])).toEqual([
      ['nat', true],
      ['mangle', true],
    ]);
  });

  it('is the same text for the same seed and differs for another', () => {
    expect(generateDump({ rules: 5_000, seed: 7 })).toBe(text);
    expect(generateDump({ rules: 5_000, seed: 8 })).not.toBe(text);
  });

  it('holds every Kube-OVN rule shape, with counters, and decodes each rule fully', () => {
    const shapes = new Set<string>();
    for (const rule of rules) {
      const d = rule.decoded;
      expect(rule.counters).not.toBeNull();
      expect(d.unknown).toEqual([]);
      expect(d.target).not.toBeNull();
      if (rule.chain === 'EXCLUSIVE_DNAT') expect(d.destination?.value).toMatch(/\/32$/);
      if (rule.chain === 'SHARED_SNAT') expect(d.outInterface?.value).toBe('net1');
      if (rule.chain === 'HAIRPIN_SNAT') expect(d.matches.map((m) => m.module)).toEqual(['mark', 'conntrack']);
      shapes.add(`${rule.table}/${rule.chain}/${d.target?.name}/${d.protocol?.value ?? ''}`);
    }
    expect([...shapes].sort()).toEqual([
      'mangle/PREROUTING/VPC_MARK/',
      'mangle/VPC_MARK/MARK/',
      'nat/DNAT_FILTER/EXCLUSIVE_DNAT/',
      'nat/DNAT_FILTER/SHARED_DNAT/',
      'nat/EXCLUSIVE_DNAT/DNAT/',
      'nat/EXCLUSIVE_SNAT/SNAT/',
      'nat/HAIRPIN_SNAT/SNAT/',
      'nat/POSTROUTING/SNAT_FILTER/',
      'nat/PREROUTING/DNAT_FILTER/',
      'nat/SHARED_DNAT/DNAT/tcp',
      'nat/SHARED_DNAT/DNAT/udp',
      'nat/SHARED_SNAT/SNAT/',
      'nat/SNAT_FILTER/EXCLUSIVE_SNAT/',
      'nat/SNAT_FILTER/HAIRPIN_SNAT/',
      'nat/SNAT_FILTER/SHARED_SNAT/',
    ]);
  });

  it('names the backend in its headers', () => {
    expect(dump.backend).toBe('legacy');
    expect(parse(generateDump({ rules: 20, seed: 1, backend: 'nft' })).backend).toBe('nft');
  });

  it('refuses a rule count below the init rules', () => {
    expect(() => generateDump({ rules: 3, seed: 1 })).toThrow(RangeError);
  });
});
