import { z } from 'zod';
import { GatewayDetail } from './gateway.js';

/** What manifest.json says it is, so a zip of something else is told apart at once. */
export const BUNDLE_FORMAT = 'natscope-incident-bundle';

/** One file of a bundle: its name in the archive, its size and its SHA-256 (hex). */
export const BundleFile = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a plain file name'),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
});
export type BundleFile = z.infer<typeof BundleFile>;

/**
 * An incident bundle's manifest.json: the record of one gateway reading as a page showed it (Contract 7). The
 * reading itself is in the other files (raw.txt, report.json, drift.json, trace.json); `gateway` is the rest of the
 * GatewayDetail, `view` the page's query string (view, filter, selection, trace) so it opens again as it was.
 */
export const BundleManifest = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(1),
  /** The natscope version that made it. */
  natscope: z.string(),
  /** When the bundle was made (ISO 8601); the reading's own time is `gateway.collectedAt`. */
  createdAt: z.string(),
  gateway: GatewayDetail.omit({ raw: true, report: true, drift: true }),
  view: z.string(),
  files: z.array(BundleFile),
});
export type BundleManifest = z.infer<typeof BundleManifest>;
