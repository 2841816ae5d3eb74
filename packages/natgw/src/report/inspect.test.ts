import { InspectReport } from '@natscope/api';
import { escapeNonUtf8, parse } from '@natscope/iptables';
import { describe, expect, it, vi } from 'vitest';
import { generateDump } from '../../../../bench/generate-dump.js';
import { corpusFiles, inspectFixture, manifest } from './fixture-corpus.js';
import { inspect } from './inspect.js';

describe('inspect over the fixture corpus', () => {
  it('covers every dump of the corpus with a manifest entry', () => {
    expect(manifest.map((e) => e.file).sort()).toEqual([...corpusFiles].sort());
  });

  for (const entry of manifest) {
    it(`finds what the manifest expects in ${entry.file} (${entry.generation}, ${entry.state})`, () => {
      const { report } = inspectFixture(entry.file);
      const count = (kind: string) => report.mappings.filter((m) => m.kind === kind).length;
      expect({ fip: count('fip'), dnat: count('dnat'), snat: count('snat'), hairpin: count('hairpin') }).toEqual({
        fip: entry.expect.fip,
        dnat: entry.expect.dnat,
        snat: entry.expect.snat,
        hairpin: entry.expect.hairpin,
      });
      expect(report.diagnostics.map((d) => d.code).sort()).toEqual([...entry.expect.diagnostics].sort());
    });
  }

  it('produces reports that satisfy the API schema', () => {
    for (const entry of manifest) {
      const { report } = inspectFixture(entry.file);
      const parsed = InspectReport.safeParse(report);
      expect(parsed.success, `${entry.file}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('keeps every table, chain and rule of the dump, in input order', () => {
    for (const entry of manifest) {
      const { dump, report } = inspectFixture(entry.file);
      expect(
        report.tables.map((t) => t.name),
        entry.file,
      ).toEqual(dump.tables.map((t) => t.name));
      for (const [i, table] of dump.tables.entries()) {
        const shown = report.tables[i]!;
        // Named as people read them: a chain name's bytes that are not UTF-8 escaped (odd-bytes-*: `OPS_\xe9T\xe9`).
        expect(
          shown.chains.map((c) => c.name),
          entry.file,
        ).toEqual(table.chains.map((c) => escapeNonUtf8(c.name)));
        for (const [j, chain] of table.chains.entries()) {
          // A rule's text reads as written, bytes that are not UTF-8 shown escaped (odd-bytes-*: `caf\xe9`).
          expect(shown.chains[j]!.rules.map((r) => [r.index, r.line, r.text])).toEqual(
            chain.rules.map((r) => [r.index, r.line, escapeNonUtf8(r.text)]),
          );
        }
      }
      const rules = dump.tables.reduce((n, t) => n + t.chains.reduce((m, c) => m + c.rules.length, 0), 0);
      expect(report.stats.rules, entry.file).toBe(rules);
    }
  });

  it('points every rule reference at the rule it names', () => {
    for (const entry of manifest) {
      const { report } = inspectFixture(entry.file);
      const refs = [...report.mappings.flatMap((m) => m.rules), ...report.diagnostics.flatMap((d) => d.rules)];
      for (const ref of refs) {
        const rule = report.tables
          .find((t) => t.name === ref.table)
          ?.chains.find((c) => c.name === ref.chain)
          ?.rules.find((r) => r.index === ref.index);
        expect(rule?.line, `${entry.file} ${JSON.stringify(ref)}`).toBe(ref.line);
      }
    }
  });

  it('orders diagnostics errors first, then warnings, then info', () => {
    const rank = { error: 0, warning: 1, info: 2 };
    for (const entry of manifest) {
      const ranks = inspectFixture(entry.file).report.diagnostics.map((d) => rank[d.severity]);
      expect(ranks, entry.file).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('reads backend and header from the dump', () => {
    const nft = inspectFixture('s3-fip-v114-nft.txt').report;
    expect(nft.backend).toBe('nft');
    expect(nft.header).toEqual({ tool: 'iptables-nft-save', version: '1.8.9' });
    const legacy = inspectFixture('s5-tenant-v116-legacy.txt').report;
    expect(legacy.backend).toBe('legacy');
    expect(legacy.header).toEqual({ tool: 'iptables-save', version: '1.8.9' });
    expect(legacy.stats).toEqual({ rules: 18, chains: 17 });
  });

  it('reads a dump taken without -c: no rule counters, zero mapping counters, same mappings', () => {
    const { report } = inspectFixture('tenant-v116-legacy-no-counters.txt');
    expect(InspectReport.safeParse(report).success).toBe(true);
    const counters = report.tables.flatMap((t) => t.chains.flatMap((c) => c.rules.map((r) => r.counters)));
    expect(counters.length).toBe(18);
    expect(counters.every((c) => c === null)).toBe(true);
    const strip = (r: InspectReport) => r.mappings.map(({ counters: _c, ...m }) => m);
    expect(strip(report)).toEqual(strip(inspectFixture('s5-tenant-v116-legacy.txt').report));
    expect(report.mappings.every((m) => m.counters.packets === 0 && m.counters.bytes === 0)).toBe(true);
  });

  it('lists the dump’s own warning lines', () => {
    expect(inspectFixture('nft-view-of-legacy-gateway.txt').report.warnings).toEqual([
      expect.stringContaining('iptables-legacy tables present'),
    ]);
    expect(inspectFixture('s5-tenant-v116-legacy.txt').report.warnings).toEqual([]);
  });

  it('gives operator rules a jump and a readable summary, and keeps their chains', () => {
    const { report } = inspectFixture('operator-chains-v116-legacy.txt');
    const nat = report.tables.find((t) => t.name === 'nat')!;
    const prerouting = nat.chains.find((c) => c.name === 'PREROUTING')!;
    expect(prerouting.rules[0]).toMatchObject({ jump: 'OPS_INGRESS_AUDIT', summary: 'in net1 → OPS_INGRESS_AUDIT' });
    const postrouting = nat.chains.find((c) => c.name === 'POSTROUTING')!;
    expect(postrouting.rules[1]).toMatchObject({
      jump: 'OPS_MGMT_MASQ',
      summary: 'from !10.0.0.0/8 out net1 goto OPS_MGMT_MASQ',
    });
    const masq = nat.chains.find((c) => c.name === 'OPS_MGMT_MASQ')!;
    expect(masq.rules[0]).toMatchObject({ jump: null, summary: '/* mgmt egress */ → MASQUERADE' });
    const mangle = report.tables.find((t) => t.name === 'mangle')!;
    expect(mangle.chains.map((c) => c.name)).toContain('NATGW_DROP');
  });

  it('builds the tables when they are first read, in their place in the report, and keeps them', () => {
    const { report } = inspectFixture('s5-tenant-v116-legacy.txt');
    expect(Object.keys(report)).toEqual([
      'backend',
      'header',
      'warnings',
      'mappings',
      'diagnostics',
      'tables',
      'stats',
    ]);
    const tables = report.tables;
    expect(tables.map((t) => t.name)).toEqual(['nat', 'mangle']);
    expect(report.tables).toBe(tables);
    expect(JSON.parse(JSON.stringify(report)).tables).toEqual(JSON.parse(JSON.stringify(tables)));
  });

  it('analyses a generated gateway without decoding its Kube-OVN rules, yet reports every rule decoded', () => {
    const dump = parse(generateDump({ rules: 2_000, seed: 5 }), { file: 'generated' });
    const rules = dump.tables.flatMap((t) => t.chains.flatMap((c) => c.rules));
    const decoded = vi.spyOn(Object.getPrototypeOf(rules[0]), 'decoded', 'get');
    try {
      const report = inspect(dump);
      // The init jumps and mangle's two rules are read through their decoded view; the rest from their text.
      const read = new Set(decoded.mock.contexts as unknown[]);
      expect(read.size).toBe(9);
      expect(rules.filter((r) => read.has(r)).map((r) => r.chain)).toEqual([
        ...['PREROUTING', 'POSTROUTING', 'DNAT_FILTER', 'DNAT_FILTER', 'SNAT_FILTER', 'SNAT_FILTER', 'SNAT_FILTER'],
        ...['PREROUTING', 'VPC_MARK'],
      ]);
      const json = JSON.parse(JSON.stringify(report)) as InspectReport;
      const shown = json.tables.flatMap((t) => t.chains.flatMap((c) => c.rules));
      expect(shown.map((r) => r.decoded)).toEqual(
        rules.map((r) => JSON.parse(JSON.stringify(r.decoded, (k, v: unknown) => (k === 'span' ? undefined : v)))),
      );
    } finally {
      decoded.mockRestore();
    }
  });
});
