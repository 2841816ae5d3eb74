import { z } from 'zod';
import { ErrorCode } from './gateway.js';
import { DriftStatus } from './drift.js';

/** `GET /api/history/status`: whether this server keeps history, and why not (the UI shows `reason` as a banner). */
export const HistoryStatus = z.object({
  /** True while readings are being kept; false when history is off (the live view is unaffected). */
  enabled: z.boolean(),
  /** Why history is off (a full disk, a corrupt file), or a note from the start (a corrupt file set aside); else null. */
  reason: z.string().nullable(),
  retentionDays: z.number().positive(),
  /** null: pruned by age only. */
  retentionMb: z.number().positive().nullable(),
  /** The bytes the database holds now. */
  usedBytes: z.number().int().nonnegative(),
});
export type HistoryStatus = z.infer<typeof HistoryStatus>;

/**
 * One entry of a gateway's timeline. `reading`: a pod's rules (its text without counters) or its stderr changed, and
 * this is the reading that showed it (`change`: `first` kept for that pod, `rules`, or `stderr` only); open it with
 * `GET …/readings/:id`. `status`: the gateway became unreadable (`error`, with why) or readable again (`ok`).
 * `drift`: a pod's desired-vs-actual findings changed.
 */
export const HistoryEntry = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reading'),
    id: z.number().int().positive(),
    /** ISO 8601. */
    at: z.string(),
    pod: z.string(),
    backend: z.enum(['legacy', 'nft', 'unknown']),
    change: z.enum(['first', 'rules', 'stderr']),
    stderr: z.string(),
  }),
  z.object({
    kind: z.literal('status'),
    id: z.number().int().positive(),
    at: z.string(),
    status: z.enum(['ok', 'error']),
    /** Why it became unreadable (`status: 'error'`), naming the pod; null on recovery. */
    error: z.object({ code: ErrorCode, message: z.string() }).nullable(),
  }),
  z.object({
    kind: z.literal('drift'),
    id: z.number().int().positive(),
    at: z.string(),
    pod: z.string(),
    status: DriftStatus,
    counts: z.object({
      error: z.number().int().nonnegative(),
      warning: z.number().int().nonnegative(),
      info: z.number().int().nonnegative(),
    }),
  }),
]);
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** `GET /api/gateways/:namespace/:name/history`: a page of the timeline, newest first. */
export const HistoryPage = z.object({
  namespace: z.string(),
  name: z.string(),
  entries: z.array(HistoryEntry),
  /** Pass as `cursor=` for the next (older) page; null on the last page. */
  next: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

/** `?since=&until=` (ISO 8601, inclusive), `?cursor=` (a page's `next`), `?limit=` (1–1000, default 100). */
export const HistoryQuery = z
  .object({
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,15}$/, 'must be the next of a history page')
      .optional(),
    limit: z
      .string()
      .regex(/^[1-9]\d{0,3}$/, 'must be a whole number from 1 to 1000')
      .transform(Number)
      .pipe(z.number().max(1000))
      .optional(),
  })
  .strict();

/** `GET …/diff?from=ID&to=ID|latest`: two readings' ids (`latest`: the newest kept reading of `from`'s pod). */
export const DiffQuery = z
  .object({
    from: z.string().regex(/^[1-9]\d{0,15}$/, 'must be a reading id'),
    to: z.union([z.literal('latest'), z.string().regex(/^[1-9]\d{0,15}$/, 'must be a reading id or latest')]),
  })
  .strict();
