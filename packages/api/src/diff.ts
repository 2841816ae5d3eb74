import { z } from 'zod';
import { Diagnostic, Mapping } from './report.js';

/** A rule as the diff compares it: its table, chain and text without counters, and its line in its own reading. */
export const DiffRule = z.object({
  table: z.string(),
  chain: z.string(),
  /** '-A CHAIN …' exactly as written, without the counters prefix. */
  text: z.string(),
  /** 1-based line in the reading the rule belongs to (the before reading for removed rules, the after one for added). */
  line: z.number().int().positive(),
});
export type DiffRule = z.infer<typeof DiffRule>;

/** A mapping whose identity (fip: EIP; dnat: EIP, protocol, external port; snat: EIP, CIDR; hairpin: EIP) stayed but whose meaning changed. */
export const MappingChange = z.object({ before: Mapping, after: Mapping });
export type MappingChange = z.infer<typeof MappingChange>;

/**
 * Contract 6: what changed between two readings of a gateway. Counters that moved are no change, so a reading
 * compared with itself (or with a later one that only carried traffic) gives empty lists.
 */
export const ReadingDiff = z.object({
  mappings: z.object({ added: z.array(Mapping), removed: z.array(Mapping), changed: z.array(MappingChange) }),
  rules: z.object({ added: z.array(DiffRule), removed: z.array(DiffRule) }),
  /** `table/chain` of every chain whose rules are the same multiset in another order (order decides shadowing). */
  reordered: z.array(z.string()),
  diagnostics: z.object({ appeared: z.array(Diagnostic), resolved: z.array(Diagnostic) }),
});
export type ReadingDiff = z.infer<typeof ReadingDiff>;

/** A kept reading a gateway diff names: its id, when it was taken (ISO 8601) and of which pod. */
export const ReadingRef = z.object({ id: z.number().int().positive(), at: z.string(), pod: z.string() });
export type ReadingRef = z.infer<typeof ReadingRef>;

/**
 * `GET /api/gateways/:namespace/:name/diff?from=&to=`: Contract 6 between two kept readings, with the readings it
 * compares and, beside each mapping change, when it was seen: the time of the kept reading (between `from` and
 * `to`, of the same pod) that last changed that mapping. `changedAt` lists run parallel to `mappings`' lists.
 */
export const GatewayDiff = ReadingDiff.extend({
  namespace: z.string(),
  name: z.string(),
  from: ReadingRef,
  to: ReadingRef,
  changedAt: z.object({ added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.string()) }),
});
export type GatewayDiff = z.infer<typeof GatewayDiff>;
