import { z } from 'zod';
import { KubeCondition } from './kubeovn.js';
import { RuleRef, Severity } from './report.js';

/** The finding codes natscope writes today (Contract 5). Consumers must accept, and may ignore, others. */
export const DRIFT_CODES = [
  'rule-missing',
  'rule-differs',
  'rule-orphaned',
  'resource-not-ready',
  'eip-unresolved',
] as const;

/** A finding's code: one of DRIFT_CODES, or a later one (kept as a string so old readers still parse new reports). */
const DriftCode = z.string().min(1);

/** The kubeovn.io object a finding is about. */
const DriftResource = z.object({ kind: z.string(), name: z.string() });

/** One difference between what the kubeovn.io objects want and what the gateway's rules do (Contract 5). */
export const DriftFinding = z.object({
  code: DriftCode,
  severity: Severity,
  message: z.string(),
  /** null for a rule that no object accounts for. */
  resource: DriftResource.nullable(),
  /** The EIP's address the finding is about, when there is one. */
  eip: z.string().nullable(),
  rules: z.array(RuleRef),
});
export type DriftFinding = z.infer<typeof DriftFinding>;

/** The desired fields of one object that the comparison used, already as the kernel would store them. */
export const ResourceFields = z.object({
  gateway: z.string().nullable().optional(),
  eipName: z.string().nullable().optional(),
  eip: z.string().nullable().optional(),
  internalIp: z.string().nullable().optional(),
  protocol: z.string().nullable().optional(),
  externalPort: z.number().int().nullable().optional(),
  internalPort: z.number().int().nullable().optional(),
  internalCidr: z.string().nullable().optional(),
});
export type ResourceFields = z.infer<typeof ResourceFields>;

/** One object of the gateway beside what the gateway holds for it: the drift view's row. */
export const ResourceRow = z.object({
  kind: z.string(),
  name: z.string(),
  ready: z.boolean(),
  conditions: z.array(KubeCondition),
  fields: ResourceFields,
  /** The rules this object owns (or, when it is not ready or drifted, the ones it is taken to own). */
  rules: z.array(RuleRef),
  /** Indexes into the report's `drifts` of the findings about this object. */
  findings: z.array(z.number().int().nonnegative()),
  /** Things worth knowing that are not drift (a spelling the kernel normalises, a label naming another gateway). */
  notes: z.array(z.string()),
  /** The object as YAML, when the caller asked for it. */
  yaml: z.string().optional(),
});
export type ResourceRow = z.infer<typeof ResourceRow>;

export const DriftStatus = z.enum(['in-sync', 'drifted', 'unknown']);
export type DriftStatus = z.infer<typeof DriftStatus>;

/** A gateway's comparison with its kubeovn.io objects: `natscope drift --json` and the API's drift detail. */
export const DriftReport = z.object({
  gateway: z.string(),
  status: DriftStatus,
  /** Why the status is `unknown` (the objects or the dump could not be read). */
  reason: z.string().optional(),
  drifts: z.array(DriftFinding),
  resources: z.array(ResourceRow),
});
export type DriftReport = z.infer<typeof DriftReport>;

/** Contract 5's short form, `natscope drift --json`: the report without its rows. */
export const DriftSummary = DriftReport.pick({ gateway: true, status: true, reason: true, drifts: true });
export type DriftSummary = z.infer<typeof DriftSummary>;

/** Findings by severity. */
export const DriftCounts = z.object({
  error: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  info: z.number().int().nonnegative(),
});
export type DriftCounts = z.infer<typeof DriftCounts>;

/**
 * A gateway's desired state in the fleet list (`GatewaySummary.drift`): its status, why it is unknown, and its
 * findings by severity. The worst of its pods: an HA pod that lost its rules makes the gateway drifted.
 */
export const GatewayDrift = z.object({
  status: DriftStatus,
  reason: z.string().optional(),
  counts: DriftCounts,
});
export type GatewayDrift = z.infer<typeof GatewayDrift>;

/**
 * The drift of the pod a gateway detail shows (`GatewayDetail.drift`): Contract 5's report with every object's
 * row (its YAML included), and when the objects were listed.
 */
export const PodDrift = DriftReport.extend({
  /** When the kubeovn.io objects compared were listed (ISO 8601); null when they never were. */
  listedAt: z.string().nullable(),
});
export type PodDrift = z.infer<typeof PodDrift>;
