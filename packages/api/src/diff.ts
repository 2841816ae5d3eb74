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
