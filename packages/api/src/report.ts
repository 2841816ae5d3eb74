import { z } from 'zod';

/** Packet and byte counters of a rule, chain policy or mapping. */
export const Counters = z.object({ packets: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() });
export type Counters = z.infer<typeof Counters>;

/** Where a rule is: its table, chain, 1-based index in the chain, and 1-based line in the input. */
export const RuleRef = z.object({
  table: z.string(),
  chain: z.string(),
  index: z.number().int().positive(),
  line: z.number().int().positive(),
});
export type RuleRef = z.infer<typeof RuleRef>;

const Option = z.object({ name: z.string(), flag: z.string(), negated: z.boolean(), args: z.array(z.string()) });
const Negatable = z.object({ value: z.string(), negated: z.boolean() });

/** A rule decoded into matches and target, as JSON (positions dropped; `line` says where it is). */
export const DecodedRule = z.object({
  source: Negatable.nullable(),
  destination: Negatable.nullable(),
  protocol: Negatable.nullable(),
  inInterface: Negatable.nullable(),
  outInterface: Negatable.nullable(),
  fragment: z.object({ negated: z.boolean() }).nullable(),
  matches: z.array(z.object({ module: z.string(), implicit: z.boolean(), options: z.array(Option) })),
  target: z.object({ kind: z.enum(['jump', 'goto']), name: z.string(), options: z.array(Option) }).nullable(),
  unknown: z.array(Option),
});
export type DecodedRule = z.infer<typeof DecodedRule>;

/** Per-second rates since the previous reading (the server fills these in; the CLI never does). */
export const Rate = z.object({ packetsPerSecond: z.number().nonnegative(), bytesPerSecond: z.number().nonnegative() });
export type Rate = z.infer<typeof Rate>;

/** One rule of a chain in the report. */
export const ReportRule = z.object({
  index: z.number().int().positive(),
  line: z.number().int().positive(),
  text: z.string(), // '-A CHAIN …' exactly as written, without the counters prefix
  counters: Counters.nullable(),
  decoded: DecodedRule,
  /** The user chain this rule jumps or goes to, in the same table; null for terminal/builtin targets. */
  jump: z.string().nullable(),
  /** One line a person reads at a glance: '203.0.113.11 ⇄ 172.20.1.15', 'tcp 203.0.113.12:2222 → 172.20.2.20:22'. */
  summary: z.string(),
  rate: Rate.nullable().optional(),
});
export type ReportRule = z.infer<typeof ReportRule>;

export const ReportChain = z.object({
  name: z.string(),
  builtin: z.boolean(),
  policy: z.string().nullable(),
  counters: Counters.nullable(),
  line: z.number().int().positive(),
  rules: z.array(ReportRule),
});
export type ReportChain = z.infer<typeof ReportChain>;

export const ReportTable = z.object({
  name: z.string(),
  line: z.number().int().positive(),
  chains: z.array(ReportChain),
});
export type ReportTable = z.infer<typeof ReportTable>;

const MappingBase = { eip: z.string(), rules: z.array(RuleRef), counters: Counters };

/** What the gateway does for an EIP, recovered from its rules (Contract 1). */
export const Mapping = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fip'), ...MappingBase, internalIp: z.string() }),
  z.object({
    kind: z.literal('dnat'),
    ...MappingBase,
    protocol: z.string(),
    externalPort: z.number().int().min(0).max(65535),
    internalIp: z.string(),
    internalPort: z.number().int().min(0).max(65535),
  }),
  z.object({
    kind: z.literal('snat'),
    ...MappingBase,
    internalCidr: z.string(),
    randomFully: z.boolean(),
    outInterface: z.string().nullable(),
  }),
  z.object({ kind: z.literal('hairpin'), ...MappingBase }),
]);
export type Mapping = z.infer<typeof Mapping>;

export const DiagnosticCode = z.enum([
  'gateway-not-initialized',
  'legacy-tables-present',
  'fip-asymmetric',
  'fip-shadows-dnat',
  'rule-shadowed',
  'duplicate-rule',
  'snat-without-random-fully',
  'snat-without-out-interface',
  'hairpin-missing',
  'non-utf8-text',
]);
export type DiagnosticCode = z.infer<typeof DiagnosticCode>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const Diagnostic = z.object({
  code: DiagnosticCode,
  severity: Severity,
  message: z.string(),
  rules: z.array(RuleRef),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** The inspect report (Contract 1): what `natscope inspect --json` prints and what the API serves per gateway. */
export const InspectReport = z.object({
  backend: z.enum(['legacy', 'nft', 'unknown']),
  header: z.object({ tool: z.string(), version: z.string() }).nullable(),
  /** '# Warning: …' lines found in the dump (stderr warnings are the collector's `stderr`). */
  warnings: z.array(z.string()),
  mappings: z.array(Mapping),
  diagnostics: z.array(Diagnostic),
  tables: z.array(ReportTable),
  stats: z.object({ rules: z.number().int().nonnegative(), chains: z.number().int().nonnegative() }),
});
export type InspectReport = z.infer<typeof InspectReport>;
