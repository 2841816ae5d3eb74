import type { HistoryStore } from './history-store.js';
import { NO_RULE_CHANGES, type RuleChanges } from './rule-changes.js';

/** What the routes and views read of the history: the store (null when it could not start) and the rule changes. */
export interface HistoryAccess {
  store: HistoryStore | null;
  /** Why there is no store (set when `store` is null). */
  reason: string | null;
  changes: RuleChanges;
  retentionDays: number;
  retentionMb: number | null;
}

/** For an app built without history (tests of other parts): off, saying so. */
export const NO_HISTORY: HistoryAccess = {
  store: null,
  reason: 'this server was started without history',
  changes: NO_RULE_CHANGES,
  retentionDays: 14,
  retentionMb: null,
};
