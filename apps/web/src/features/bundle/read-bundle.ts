import { BundleManifest, GatewayDetail, GatewayTrace, InspectReport, PodDrift } from '@natscope/api';
import { decodeDump } from '@natscope/iptables';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { unzipSync } from 'fflate';
import type { z } from 'zod';

/** A bundle opened again: the reading as it was shown, the trace shown then, and whether its files are intact. */
export interface OpenedBundle {
  manifest: BundleManifest;
  detail: GatewayDetail;
  trace: GatewayTrace | null;
  /** Files whose SHA-256 differs from the manifest's, and files the manifest lists that are missing. */
  mismatched: string[];
  missing: string[];
  /** raw.txt's bytes, for the worker to trace through. */
  raw: Uint8Array;
}

/** Why a file is not a bundle that can be opened, in words (never a stack). */
export class BundleError extends Error {
  override name = 'BundleError';
}

/** A zip's first four bytes: what tells a bundle from a dump before anything is parsed. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function parseJson<S extends z.ZodType>(files: Record<string, Uint8Array>, name: string, schema: S): z.infer<S> {
  const bytes = files[name];
  if (!bytes) throw new BundleError(`the bundle has no ${name}`);
  let value: unknown;
  try {
    value = JSON.parse(text(bytes));
  } catch {
    throw new BundleError(`${name} is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError(
      `${name} is not what natscope writes (${issue?.path.join('.') || '(root)'}: ${issue?.message})`,
    );
  }
  return parsed.data;
}

/**
 * Opens an incident bundle made by makeBundle: checks each file against the manifest's SHA-256 (a mismatch is shown,
 * not hidden: the reading still opens, with the banner saying which files changed), and rebuilds the gateway detail
 * exactly as it was shown from report.json, raw.txt and drift.json, not by analysing again (a newer natscope could
 * find otherwise; the bundle is the record of what was seen).
 */
export function readBundle(bytes: Uint8Array): OpenedBundle {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new BundleError(`not a readable zip (${error instanceof Error ? error.message : String(error)})`);
  }
  const manifest = parseJson(files, 'manifest.json', BundleManifest);
  const mismatched: string[] = [];
  const missing: string[] = [];
  for (const entry of manifest.files) {
    const content = files[entry.name];
    if (!content) missing.push(entry.name);
    else if (bytesToHex(sha256(content)) !== entry.sha256) mismatched.push(entry.name);
  }
  const raw = files['raw.txt'];
  if (!raw) throw new BundleError('the bundle has no raw.txt');
  const report = files['report.json'] ? parseJson(files, 'report.json', InspectReport) : null;
  const drift = files['drift.json']
    ? parseJson(files, 'drift.json', PodDrift)
    : { gateway: manifest.gateway.name, status: 'unknown' as const, drifts: [], resources: [], listedAt: null };
  const detail = GatewayDetail.parse({ ...manifest.gateway, raw: decodeDump(raw, 'raw.txt').text, report, drift });
  const trace = files['trace.json'] ? parseJson(files, 'trace.json', GatewayTrace) : null;
  return { manifest, detail, trace, mismatched, missing, raw };
}
