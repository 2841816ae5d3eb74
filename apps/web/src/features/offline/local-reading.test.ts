// @vitest-environment node
import { GatewayDetail, GatewayTrace } from '@natscope/api';
import { compareDesired, readResources } from '@natscope/drift';
import { driftFixturePath, driftFixtures } from '@natscope/drift/fixtures';
import { IptablesSyntaxError, parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { fixtureDir, manifest } from '@natscope/iptables/fixtures/manifest';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LocalReading } from './local-reading.js';

const bytesOf = (file: string) => new Uint8Array(readFileSync(new URL(file, fixtureDir)));
const fileOf = (name: string, size = 0) => ({ name, size, readAt: '2026-12-07T13:00:00.000Z' });
const kinds = (detail: GatewayDetail) => detail.report?.mappings.map((m) => `${m.kind} ${m.eip}`) ?? [];

describe('LocalReading', () => {
  it.each(manifest.map((entry) => [entry.file, entry] as const))(
    'shows %s as the gateway page would, with the mappings and findings its manifest names',
    (file, entry) => {
      // As a terminal shows `iptables-save 2>&1`: the command's stderr (the legacy-tables warning) first.
      const stderr = entry.stderr ? readFileSync(new URL(entry.stderr, fixtureDir)) : Buffer.alloc(0);
      const bytes = new Uint8Array(Buffer.concat([stderr, bytesOf(file)]));
      const { detail } = LocalReading.open(bytes, fileOf(file, bytes.length));
      // The page reads the same schema as the server's detail: a dump opened offline is a GatewayDetail of source file.
      expect(GatewayDetail.parse(detail)).toBeTruthy();
      expect(detail.source).toBe('file');
      expect(detail.counts).toMatchObject({
        fip: entry.expect.fip,
        dnat: entry.expect.dnat,
        snat: entry.expect.snat,
        hairpin: entry.expect.hairpin,
      });
      expect(detail.report?.diagnostics.map((d) => d.code).sort()).toEqual(entry.expect.diagnostics);
      expect(detail.backend).toBe(entry.backend);
    },
  );

  it('reads a CRLF copy with a prompt line before it as the same gateway, and says what it changed', () => {
    const text = readFileSync(new URL('s5-tenant-v116-legacy.txt', fixtureDir), 'utf8');
    const plain = LocalReading.open(text, fileOf('s5.txt'));
    const ticket = LocalReading.open(
      `$ kubectl exec vpc-nat-gw-gw1-0 -- iptables-legacy-save -c\r\n${text.replace(/\n/g, '\r\n')}`,
      fileOf('ticket.txt'),
    );
    expect(kinds(ticket.detail)).toEqual(kinds(plain.detail));
    expect(ticket.detail.report?.diagnostics.map((d) => d.code)).toEqual(
      plain.detail.report?.diagnostics.map((d) => d.code),
    );
    expect(ticket.changes).toEqual(['CRLF line ends read as LF', 'line 1 skipped: not iptables-save output']);
    expect(plain.changes).toEqual([]);
  });

  it('refuses what is not iptables-save output at file:line:column', () => {
    const text = readFileSync(new URL('s5-tenant-v116-legacy.txt', fixtureDir), 'utf8').split('\n');
    text.splice(7, 0, 'oops, pasted twice');
    const open = () => LocalReading.open(text.join('\n'), fileOf('bad.txt'));
    expect(open).toThrow(IptablesSyntaxError);
    expect(open).toThrow(/^bad\.txt:8:1: not an iptables-save line/);
  });

  it('keeps a byte that is not UTF-8 as that byte in raw', () => {
    const bytes = bytesOf('odd-bytes-v116-legacy.txt');
    const { detail } = LocalReading.open(bytes, fileOf('odd.txt'));
    expect(detail.raw).toContain('caf\udce9');
  });

  it('traces a packet through the dump as the server route answers it', () => {
    const reading = LocalReading.open(bytesOf('s5-tenant-v116-legacy.txt'), fileOf('s5.txt'));
    const fip = reading.detail.report?.mappings.find((m) => m.kind === 'fip');
    if (!fip || fip.kind !== 'fip') throw new Error('s5 has a floating IP');
    const traced = reading.trace({
      src: '198.51.100.7',
      dst: fip.eip,
      inInterface: 'net1',
      protocol: 'tcp',
      dport: 22,
    });
    expect(GatewayTrace.parse(traced).namespace).toBe('local');
    expect(traced.fate).toBe('forwarded');
    expect(traced.final.dst).toBe(fip.internalIp);
  });
});

describe('LocalReading.compare', () => {
  it.each(driftFixtures.map((f) => [f.name, f] as const))(
    'compares %s with its objects as the CLI does, each object with its YAML',
    (_name, f) => {
      const dump = new Uint8Array(readFileSync(driftFixturePath(f.dump)));
      const reading = LocalReading.open(dump, fileOf(f.dump, dump.length));
      const objects = readResources(readFileSync(driftFixturePath(f.resources), 'utf8'), f.resources);
      const detail = reading.compare(objects, f.gateway, fileOf(f.resources));
      const want = compareDesired({
        gateway: f.gateway,
        report: inspect(parse(readFileSync(driftFixturePath(f.dump), 'utf8'), { file: f.dump })),
        resources: objects.resources,
      });
      expect(GatewayDetail.parse(detail)).toBeTruthy();
      expect(detail.drift.status).toBe(want.status);
      expect(detail.drift.drifts).toEqual(want.drifts);
      expect(detail.drift.listedAt).toBe('2026-12-07T13:00:00.000Z');
      expect(detail.drift.resources.every((r) => r.yaml?.includes(`name: ${r.name}`))).toBe(true);
      expect(detail.headline.includes('drifted')).toBe(want.status === 'drifted');
      // The reading keeps the comparison: a bundle made next carries it.
      expect(reading.detail).toBe(detail);
    },
  );
});
