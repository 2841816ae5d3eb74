import {
  BUNDLE_FORMAT,
  type BundleFile,
  type BundleManifest,
  type GatewayDetail,
  type GatewayTrace,
} from '@natscope/api';
import { encodeDump } from '@natscope/iptables';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { zipSync } from 'fflate';
import { fileNamePart, fileNameTime } from '../export/export-header.js';
import { bundleReadme } from './bundle-readme.js';
import { NATSCOPE_VERSION } from './natscope-version.js';

/** What a bundle is made of: the reading as the page shows it, the trace shown, the pictures, and when. */
export interface BundleInput {
  detail: GatewayDetail;
  /** The page's query string (view, filter, selection, trace), so the bundle opens as it was. */
  view: string;
  trace: GatewayTrace | null;
  /** The graph as PNG and SVG, when the graph could be drawn. */
  png: Uint8Array | null;
  svg: Uint8Array | null;
  createdAt: Date;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => utf8(`${JSON.stringify(value, null, 2)}\n`);

/** `natscope-<context>-<namespace>-<gateway>-<UTC time of the reading>.zip`. */
export function bundleFileName(detail: GatewayDetail, createdAt: Date): string {
  const safe = fileNamePart;
  const when = fileNameTime(detail.collectedAt ?? createdAt.toISOString());
  return `natscope-${safe(detail.context)}-${safe(detail.namespace)}-${safe(detail.name)}-${when}.zip`;
}

/**
 * The incident bundle: one zip that is the whole record of a gateway reading (README.md in words, the graph as PNG
 * and SVG, raw.txt byte for byte, report.json, trace.json, drift.json and resources.yaml when there are objects, and
 * manifest.json with natscope's version, the times and a SHA-256 of every other file). Made in the browser; `/open`
 * opens it again (readBundle).
 */
export function makeBundle(input: BundleInput): { bytes: Uint8Array; fileName: string } {
  const { detail, trace } = input;
  const createdAt = input.createdAt.toISOString();
  const files = new Map<string, Uint8Array>();
  if (input.png) files.set('graph.png', input.png);
  if (input.svg) files.set('graph.svg', input.svg);
  // encodeDump: a byte that was not UTF-8 goes back into raw.txt as that byte.
  files.set('raw.txt', encodeDump(detail.raw));
  if (detail.report) files.set('report.json', json(detail.report));
  if (trace) files.set('trace.json', json(trace));
  // Always: even "not compared" says why (no objects listed, CRDs missing), and the page shows that reason.
  files.set('drift.json', json(detail.drift));
  const yaml = detail.drift.resources.flatMap((r) => (r.yaml ? [r.yaml.trimEnd()] : []));
  if (yaml.length > 0) files.set('resources.yaml', utf8(`${yaml.map((y) => `---\n${y}`).join('\n')}\n`));
  // The README lists the files beside it, manifest.json included (whose size it cannot know: it is written last).
  const readme = utf8(
    bundleReadme({
      detail,
      trace,
      createdAt,
      version: NATSCOPE_VERSION,
      files: [
        ...[...files].map(([name, bytes]) => ({ name, bytes: bytes.length })),
        { name: 'manifest.json', bytes: 0 },
      ],
    }),
  );
  const all = new Map<string, Uint8Array>([['README.md', readme], ...files]);
  const entries: BundleFile[] = [...all].map(([name, bytes]) => ({
    name,
    bytes: bytes.length,
    sha256: bytesToHex(sha256(bytes)),
  }));
  const { raw: _raw, report: _report, drift: _drift, ...gateway } = detail;
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: 1,
    natscope: NATSCOPE_VERSION,
    createdAt,
    gateway,
    view: input.view,
    files: entries,
  };
  all.set('manifest.json', json(manifest));
  const mtime = input.createdAt;
  const zip = zipSync(Object.fromEntries([...all].map(([name, bytes]) => [name, [bytes, { mtime }]])), { level: 6 });
  return { bytes: zip, fileName: bundleFileName(detail, input.createdAt) };
}
