// @vitest-environment node
import { BundleManifest } from '@natscope/api';
import { fixtureDir } from '@natscope/iptables/fixtures/manifest';
import { unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LocalReading } from '../offline/local-reading.js';
import { bundleFileName, makeBundle } from './make-bundle.js';
import { BundleError, isZip, readBundle } from './read-bundle.js';

const bytesOf = (file: string) => new Uint8Array(readFileSync(new URL(file, fixtureDir)));
const reading = LocalReading.open(bytesOf('odd-bytes-v116-legacy.txt'), {
  name: 'odd.txt',
  size: 1,
  readAt: '2026-12-07T13:00:00.000Z',
});
const fip = reading.detail.report?.mappings.find((m) => m.kind === 'fip');
if (fip?.kind !== 'fip') throw new Error('the odd-bytes gateway has a floating IP');
const trace = reading.trace({ src: '198.51.100.7', dst: fip.eip, inInterface: 'net1', protocol: 'tcp', dport: 22 });
const createdAt = new Date('2026-12-07T14:00:00.000Z');
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const made = makeBundle({ detail: reading.detail, view: 'view=eips&q=tcp', trace, png, svg: null, createdAt });

describe('the incident bundle', () => {
  it('is one zip named after context, namespace, gateway and the reading time', () => {
    expect(isZip(made.bytes)).toBe(true);
    expect(made.fileName).toBe('natscope-local_file-local-odd.txt-2026-12-07T130000Z.zip');
    expect(bundleFileName(reading.detail, createdAt)).toBe(made.fileName);
  });

  it('holds the README, the picture, raw.txt byte for byte, the report, the trace and a manifest that checks them', () => {
    const files = unzipSync(made.bytes);
    expect(Object.keys(files).sort()).toEqual(
      ['README.md', 'drift.json', 'graph.png', 'manifest.json', 'raw.txt', 'report.json', 'trace.json'].sort(),
    );
    expect(Buffer.from(files['raw.txt']!).equals(Buffer.from(bytesOf('odd-bytes-v116-legacy.txt')))).toBe(true);
    const manifest = BundleManifest.parse(JSON.parse(new TextDecoder().decode(files['manifest.json'])));
    expect(manifest.files.map((f) => f.name).sort()).toEqual(
      ['README.md', 'drift.json', 'graph.png', 'raw.txt', 'report.json', 'trace.json'].sort(),
    );
    for (const entry of manifest.files)
      expect(entry.sha256).toBe(createHash('sha256').update(files[entry.name]!).digest('hex'));
    expect(manifest.createdAt).toBe(createdAt.toISOString());
    const readme = new TextDecoder().decode(files['README.md']);
    expect(readme).toContain('# natscope incident bundle: local/odd.txt');
    for (const d of reading.detail.report!.diagnostics) expect(readme).toContain(`\`${d.code}\``);
    expect(readme).toContain(trace.verdict);
  });

  it('opens again exactly as it was: the same detail, the same trace, every checksum matching', () => {
    const opened = readBundle(made.bytes);
    expect(opened.detail).toEqual(reading.detail);
    expect(opened.trace).toEqual(trace);
    expect(opened.manifest.view).toBe('view=eips&q=tcp');
    expect(opened.mismatched).toEqual([]);
    expect(opened.missing).toEqual([]);
  });

  it('names a file that changed after the bundle was made, and one that went missing', () => {
    const files = unzipSync(made.bytes);
    files['raw.txt'] = new TextEncoder().encode(
      new TextDecoder().decode(files['raw.txt']).replace('COMMIT', 'COMMIT\n'),
    );
    delete files['graph.png'];
    const opened = readBundle(zipSync(files));
    expect(opened.mismatched).toEqual(['raw.txt']);
    expect(opened.missing).toEqual(['graph.png']);
  });

  it('refuses a zip that is not a bundle, and bytes that are not a zip, in words', () => {
    expect(() => readBundle(zipSync({ 'a.txt': new Uint8Array([1]) }))).toThrow(
      new BundleError('the bundle has no manifest.json'),
    );
    expect(() => readBundle(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toThrow(BundleError);
  });
});
