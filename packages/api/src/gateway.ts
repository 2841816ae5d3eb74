import { z } from 'zod';
import { GatewayDrift, PodDrift } from './drift.js';
import { InspectReport } from './report.js';

/** A Kubernetes object name (DNS-1123 subdomain), the only shape a path parameter may take. */
export const KubeName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes name (lower-case letters, digits, "-" and ".")');

export const ErrorCode = z.enum([
  'exec-timeout',
  'exec-forbidden',
  'exec-failed',
  'container-missing',
  'pod-not-running',
  'parse-failed',
  'cluster-unreachable',
  'internal',
]);
/** Why a gateway cannot be read; `internal` is natscope's own bug on a dump it should have read (logged). */
export type ErrorCode = z.infer<typeof ErrorCode>;

export const GatewayError = z.object({ code: ErrorCode, message: z.string() });
export type GatewayError = z.infer<typeof GatewayError>;

const PodSummary = z.object({ name: z.string(), phase: z.string(), ready: z.boolean() });

/**
 * Whether the reading a summary shows worked: `status` with its stale case told apart. `ok`: the latest attempt
 * at every pod worked; `pending`: not attempted yet (the first pass has not reached it); `error`: a latest
 * attempt failed and no older reading of that pod is shown (or, on a fleet row, another pod of the gateway
 * failed); `stale`: the latest attempt failed and an older good reading is shown (`stale: true`).
 */
export const ReadingState = z.enum(['ok', 'error', 'pending', 'stale']);
export type ReadingState = z.infer<typeof ReadingState>;

/**
 * What the diagnostics of the reading shown say about the gateway: `healthy` (no warning or error; info does not
 * count), `degraded` (warnings: some traffic is not handled as configured), `broken` (errors: e.g. not
 * initialised, so no EIP works, or half a floating IP), `unknown` (nothing read yet). Desired vs actual is not
 * part of it (that is `drift`).
 */
export const GatewayHealth = z.enum(['healthy', 'degraded', 'broken', 'unknown']);
export type GatewayHealth = z.infer<typeof GatewayHealth>;

/** One gateway in the fleet (Contract 3). */
export const GatewaySummary = z.object({
  namespace: z.string(),
  name: z.string(),
  pods: z.array(PodSummary),
  status: z.enum(['ok', 'error', 'pending']),
  backend: z.enum(['legacy', 'nft', 'unknown']),
  /** When the reading shown was taken (ISO 8601); null before the first good reading. */
  collectedAt: z.string().nullable(),
  /** Seconds since collectedAt, at response time. */
  ageSeconds: z.number().nonnegative().nullable(),
  /** True when the latest attempt failed and an older good reading is being shown. */
  stale: z.boolean(),
  error: GatewayError.optional(),
  /**
   * How the latest reading went: `status`, with its stale case (`status: 'error'` and `stale: true`) told apart.
   * On a fleet row, any pod's failed attempt makes it `error` (status does the same).
   */
  reading: ReadingState,
  /**
   * What the diagnostics of the reading shown say (with `stale`, of that older reading); `unknown` before the first
   * good reading. On a fleet row, an HA pod that is worse off than the pod shown makes it worse (a standby that lost
   * its rules is broken), so it may be worse than `diagnostics` alone, which are the pod shown's.
   */
  health: GatewayHealth,
  /**
   * The line a person reads first, `<reading> · <health>[: <cause>][ · drifted: <counts>]`: e.g.
   * `read · broken: not initialised`, `read · degraded: 2 rules shadowed`, `read failed: exec timed out (older
   * reading shown) · healthy`, `read · healthy · drifted: 1 error`. The cause is the leading diagnostic in a few
   * words with how many of its code, then `+N more` other errors and warnings; a pod other than the one shown is
   * named (`read failed on <pod>`, `broken on <pod>`). Drift is named only when `drifted`. Words, not an API:
   * match on `reading` and `health`, never on this text.
   */
  headline: z.string(),
  counts: z.object({
    fip: z.number().int().nonnegative(),
    dnat: z.number().int().nonnegative(),
    snat: z.number().int().nonnegative(),
    hairpin: z.number().int().nonnegative(),
    rules: z.number().int().nonnegative(),
  }),
  diagnostics: z.object({
    error: z.number().int().nonnegative(),
    warning: z.number().int().nonnegative(),
    info: z.number().int().nonnegative(),
  }),
  /** Desired vs actual (Contract 5): how the gateway's rules compare with its kubeovn.io objects. */
  drift: GatewayDrift,
  /**
   * When any pod's rules (text without counters) or stderr last changed, as the history saw it (ISO 8601): the
   * time of the gateway's newest kept reading. Null when history is off or has no reading of it yet.
   */
  // Default null: an incident bundle made before history existed still opens.
  lastRuleChangeAt: z.string().nullable().default(null),
});
export type GatewaySummary = z.infer<typeof GatewaySummary>;

/** The addresses one gateway maps: every EIP, internal IP and SNAT CIDR of the reading its fleet row shows. */
const GatewayAddresses = z.object({
  namespace: z.string(),
  name: z.string(),
  addresses: z.array(z.string()),
});

/**
 * `GET /api/addresses`: what the fleet's address search looks in. Kept out of the fleet list (a big fleet maps
 * tens of thousands of addresses) and fetched only when a filter names an address.
 */
export const AddressIndex = z.object({ gateways: z.array(GatewayAddresses) });
export type AddressIndex = z.infer<typeof AddressIndex>;

const Source = z.enum(['demo', 'kubernetes']);

/**
 * Where a gateway detail's reading comes from: the server's (`demo`, `kubernetes`), or `file`: a dump opened in the
 * browser (`/open`), never sent by a server.
 */
const DetailSource = z.enum(['demo', 'kubernetes', 'file']);

export const GatewayList = z.object({
  source: Source,
  /** kubeconfig context or 'in-cluster' or 'demo'. */
  context: z.string(),
  gateways: z.array(GatewaySummary),
  /** Set when the last listing of gateway pods failed (code `cluster-unreachable`): why the list may be empty or old. */
  error: GatewayError.optional(),
});
export type GatewayList = z.infer<typeof GatewayList>;

/** One gateway, one pod, with the full report (Contract 3). */
export const GatewayDetail = GatewaySummary.extend({
  source: DetailSource,
  context: z.string(),
  pod: z.string(),
  stderr: z.string(),
  /** The exact stdout of the gateway command's iptables-save part, for the raw view and download. */
  raw: z.string(),
  report: InspectReport.nullable(),
  /** This pod's rules against the gateway's kubeovn.io objects, with each object's row. */
  drift: PodDrift,
});
export type GatewayDetail = z.infer<typeof GatewayDetail>;

/** The codes of the HTTP API's error responses (the gateway's own reading errors are in ErrorCode). */
export const ApiErrorCode = z.enum([
  'bad-request',
  'not-found',
  'no-reading',
  'parse-failed',
  'timeout',
  'history-off',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

/** Every error response: `{error: {code, message}}`. */
export const ApiError = z.object({ error: z.object({ code: ApiErrorCode, message: z.string() }) });
export type ApiError = z.infer<typeof ApiError>;
