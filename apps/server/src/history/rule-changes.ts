/** Each gateway's last rule change, from the history (HistoryRecorder): the fleet and /metrics show it. */
export interface RuleChanges {
  /** When a pod of the gateway last changed its rules or stderr (ms since the epoch); null when none is kept. */
  lastRuleChange(namespace: string, name: string): number | null;
}

/** For a server without history: no change is known. */
export const NO_RULE_CHANGES: RuleChanges = { lastRuleChange: () => null };
