import type { DriftCounts, DriftStatus, ErrorCode, ReadingState } from '@natscope/api';
import type { FindingsHealth } from './findings-health.js';

/** What a headline is made of: how the reading went, what its findings say, and the gateway's drift. */
export interface HeadlineInput {
  reading: ReadingState;
  /** Why the latest reading failed (reading `error` or `stale`); `pod` when that pod is not the one shown. */
  error?: { code: string; pod?: string | undefined } | undefined;
  /** What the diagnostics of the reading shown say; null when nothing was read. */
  findings: FindingsHealth | null;
  /** The pod the findings are of, when it is not the one shown (an HA gateway's other pod, worse off). */
  findingsPod?: string | undefined;
  /** The gateway's desired vs actual, named only when drifted (see below). */
  drift?: { status: DriftStatus; counts: DriftCounts } | undefined;
}

/** Why a reading failed, in the words of the fleet row (its message says the rest); one per ErrorCode. */
const ERROR_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'exec-timeout': 'exec timed out',
    'exec-forbidden': 'exec forbidden (RBAC)',
    'exec-failed': 'exec failed',
    'container-missing': 'no vpc-nat-gw container',
    'pod-not-running': 'pod not running',
    'parse-failed': 'output is not iptables-save',
    'cluster-unreachable': 'cluster unreachable',
    internal: 'natscope bug',
  } satisfies Record<ErrorCode, string>),
);

function readingWords({ reading, error }: HeadlineInput): string {
  const why = error ? `${error.pod ? ` on ${error.pod}` : ''}: ${ERROR_WORDS.get(error.code) ?? error.code}` : '';
  switch (reading) {
    case 'ok':
      return 'read';
    case 'pending':
      return 'not read yet';
    case 'error':
      return `read failed${why}`;
    case 'stale':
      return `read failed${why} (older reading shown)`;
  }
}

function healthWords({ findings, findingsPod }: HeadlineInput): string {
  if (!findings) return 'health unknown';
  const where = findingsPod ? ` on ${findingsPod}` : '';
  return findings.cause ? `${findings.health}${where}: ${findings.cause}` : `${findings.health}${where}`;
}

const SEVERITIES = ['error', 'warning', 'info'] as const;

/**
 * Drift is its own field and never changes the health, but a drifted gateway is named: iptables that look
 * healthy while a floating IP the cluster asks for has no rule is what an on-call engineer must not miss at
 * first sight. `in-sync` says nothing new, and `unknown` (no RBAC for the kubeovn.io kinds, no CRDs) would
 * repeat itself on every row of such a cluster, so neither is named.
 */
function driftWords(drift: HeadlineInput['drift']): string | null {
  if (drift?.status !== 'drifted') return null;
  const counts = SEVERITIES.filter((s) => drift.counts[s] > 0).map(
    (s) => `${drift.counts[s]} ${s === 'info' ? 'info' : `${s}${drift.counts[s] === 1 ? '' : 's'}`}`,
  );
  return counts.length > 0 ? `drifted: ${counts.join(', ')}` : 'drifted';
}

/**
 * The line a person reads first about a gateway: how the reading went, then its health and why, then its
 * drift when drifted, joined by ` · `: `read · healthy`, `read · broken: not initialised`,
 * `read · degraded: 2 rules shadowed`, `read failed: exec timed out (older reading shown) · broken: half a
 * floating IP`, `read · healthy · drifted: 1 error`. Holds nothing that changes by itself (no age), so a
 * summary built once stays true until the gateway changes.
 */
export function gatewayHeadline(input: HeadlineInput): string {
  return [readingWords(input), healthWords(input), driftWords(input.drift)].filter((w) => w !== null).join(' · ');
}
