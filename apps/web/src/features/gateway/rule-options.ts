import type { ReportRule } from '@natscope/api';

/** Every option of a rule: its modules', its target's and the ones the decoder could not place. */
export function ruleOptions(rule: ReportRule): ReportRule['decoded']['unknown'] {
  return [
    ...rule.decoded.matches.flatMap((m) => m.options),
    ...(rule.decoded.target?.options ?? []),
    ...rule.decoded.unknown,
  ];
}
