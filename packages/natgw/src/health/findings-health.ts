import type { Diagnostic, GatewayHealth } from '@natscope/api';
import { diagnosticPhrase } from '../checks/diagnostic-phrase.js';

/** What a reading's diagnostics say: its health, and in a few words why when it is not healthy. */
export interface FindingsHealth {
  health: Exclude<GatewayHealth, 'unknown'>;
  /** e.g. `not initialised`, `2 rules shadowed`, `half a floating IP, +1 more`; null when healthy. */
  cause: string | null;
}

/**
 * A diagnostic that says the rules read are not the rules in force explains every other finding of the dump
 * (an nft view of a legacy gateway also looks not initialised), so it leads even over errors: the action it
 * calls for (read the other backend) comes before any other (recreating a pod that is fine).
 */
const EXPLAINS_THE_REST: ReadonlySet<string> = new Set(['legacy-tables-present']);

/**
 * The health of a reading from its diagnostics (in report order: errors first): broken with any error,
 * degraded with warnings only, healthy otherwise (info is advice, not harm). The cause names the leading
 * finding (the first error, unless one explains the rest) with how many of its code there are, and counts
 * the other errors and warnings.
 */
export function findingsHealth(diagnostics: readonly Pick<Diagnostic, 'code' | 'severity'>[]): FindingsHealth {
  const problems = diagnostics.filter((d) => d.severity !== 'info');
  const lead =
    problems.find((d) => EXPLAINS_THE_REST.has(d.code)) ?? problems.find((d) => d.severity === 'error') ?? problems[0];
  if (!lead) return { health: 'healthy', cause: null };
  const same = problems.filter((d) => d.code === lead.code).length;
  const others = problems.length - same;
  return {
    health: problems.some((d) => d.severity === 'error') ? 'broken' : 'degraded',
    cause: `${diagnosticPhrase(lead.code, same)}${others > 0 ? `, +${others} more` : ''}`,
  };
}
