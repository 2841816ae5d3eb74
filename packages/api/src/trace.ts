import { z } from 'zod';

const Ipv4 = z.ipv4();
const PortNumber = z.number().int().min(0).max(65535);
/**
 * A port as a number, or as the decimal text a query string or URL carries. Not z.coerce.number(): it would read
 * '' as 0 and '0x16' as 22. The route and the web's trace links share this, so both refuse the same input.
 */
const Port = z.preprocess(
  (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? String(v) : v),
  z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number (0-65535)')
    .transform(Number)
    .pipe(PortNumber),
);
const Iface = z.string().regex(/^[A-Za-z0-9_.:@-]{1,15}$/, 'must be an interface name');

/** A packet to trace: the first packet of a new connection arriving on `inInterface`. */
export const TraceRequest = z.object({
  inInterface: Iface.default('net1'),
  outInterface: Iface.optional(),
  protocol: z.enum(['tcp', 'udp', 'icmp']).default('tcp'),
  src: Ipv4,
  dst: Ipv4,
  sport: Port.optional(),
  dport: Port.optional(),
  mark: z
    .string()
    .regex(/^(0x[0-9a-fA-F]+|\d+)$/, 'must be a number like 0x1 or 1')
    .refine((v) => Number(v) <= 0xffffffff, 'must fit in 32 bits')
    .optional(),
});
export type TraceRequest = z.infer<typeof TraceRequest>;

export const Tuple = z.object({
  src: z.string(),
  dst: z.string(),
  protocol: z.string(),
  sport: z.number().int().nullable(),
  dport: z.number().int().nullable(),
});
export type Tuple = z.infer<typeof Tuple>;

export const TraceStep = z.object({
  table: z.string(),
  chain: z.string(),
  /** null for the chain's policy or the end of a user chain. */
  index: z.number().int().positive().nullable(),
  line: z.number().int().positive().nullable(),
  result: z.enum(['matched', 'skipped', 'undecidable', 'jump', 'goto', 'return', 'policy', 'nat', 'mark', 'continue']),
  reason: z.string(),
});
export type TraceStep = z.infer<typeof TraceStep>;

export const TraceResult = z.object({
  packet: TraceRequest,
  steps: z.array(TraceStep),
  nat: z.array(
    z.object({
      table: z.string(),
      chain: z.string(),
      index: z.number().int().positive(),
      line: z.number().int().positive(),
      kind: z.string(), // 'DNAT' | 'SNAT' | 'MASQUERADE' | 'REDIRECT'
      before: Tuple,
      after: Tuple,
    }),
  ),
  final: Tuple.extend({ outInterface: z.string() }),
  outInterfaceInferred: z.boolean(),
  /** What the simulator assumed (conntrack state NEW, undecidable matches, …). */
  assumptions: z.array(z.string()),
  /** One sentence: 'DNAT to 172.20.2.20:22 in SHARED_DNAT rule 1; no SNAT; leaves by eth0'. */
  verdict: z.string(),
  /** Where the packet ends up: forwarded out of `final.outInterface`, delivered to the gateway itself ('lo'), or dropped. */
  fate: z.enum(['forwarded', 'local', 'dropped']),
});
export type TraceResult = z.infer<typeof TraceResult>;

/** GET /api/gateways/:namespace/:name/trace: the trace over one pod's latest good reading, and which reading it was. */
export const GatewayTrace = TraceResult.extend({
  namespace: z.string(),
  name: z.string(),
  pod: z.string(),
  /** When the traced reading was taken (ISO 8601). */
  collectedAt: z.string(),
});
export type GatewayTrace = z.infer<typeof GatewayTrace>;
