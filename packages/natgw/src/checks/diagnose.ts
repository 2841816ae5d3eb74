import type { Diagnostic } from '@natscope/api';
import { escapeNonUtf8, hasNonUtf8 } from '@natscope/iptables';
import type { CheckContext } from './check-context.js';
import type { Check } from './check.js';
import { CHECKS } from './checks.js';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function firstLine(d: Diagnostic): number {
  return d.rules[0]?.line ?? 0;
}

/** Runs the checks (default: CHECKS) over one context: errors first, then warnings, then info, each by line. */
export function diagnose(ctx: CheckContext, checks: readonly Check[] = CHECKS): Diagnostic[] {
  return (
    checks
      .flatMap((check) => check(ctx))
      // A message names chains, whose bytes may not be UTF-8: read escaped (`OPS_\xe9`), like the report's names.
      .map((d) => (hasNonUtf8(d.message) ? { ...d, message: escapeNonUtf8(d.message) } : d))
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || firstLine(a) - firstLine(b))
  );
}
