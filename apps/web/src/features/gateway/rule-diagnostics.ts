import type { Diagnostic, Severity } from '@natscope/api';
import { formatRuleKey } from '../../lib/url-state.js';

/** What the diagnostics say about one rule: the worst severity and every diagnostic naming it. */
export interface RuleFlag {
  severity: Severity;
  diagnostics: { index: number; diagnostic: Diagnostic }[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Indexes diagnostics by the rules they name (key `<table>/<chain>/<index>`), so rows can carry a marker. */
export function ruleFlags(diagnostics: readonly Diagnostic[]): Map<string, RuleFlag> {
  const flags = new Map<string, RuleFlag>();
  diagnostics.forEach((diagnostic, index) => {
    for (const ref of diagnostic.rules) {
      const key = formatRuleKey(ref);
      const flag = flags.get(key);
      if (!flag) flags.set(key, { severity: diagnostic.severity, diagnostics: [{ index, diagnostic }] });
      else {
        if (!flag.diagnostics.some((d) => d.index === index)) flag.diagnostics.push({ index, diagnostic });
        if (RANK[diagnostic.severity] < RANK[flag.severity]) flag.severity = diagnostic.severity;
      }
    }
  });
  return flags;
}
