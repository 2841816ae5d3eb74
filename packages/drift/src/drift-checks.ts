import { checkEipUnresolved } from './check-eip-unresolved.js';
import { checkResourceNotReady } from './check-resource-not-ready.js';
import { checkRuleDiffers } from './check-rule-differs.js';
import { checkRuleMissing } from './check-rule-missing.js';
import { checkRuleOrphaned } from './check-rule-orphaned.js';
import type { DriftCheck } from './drift-check.js';

/**
 * Every drift check, in report order (compareDesired sorts the findings by severity, then by where matching met
 * their object, so this order only groups the registry). Adding a check is a module in this folder and one line here.
 */
export const DRIFT_CHECKS: readonly DriftCheck[] = [
  checkEipUnresolved,
  checkResourceNotReady,
  checkRuleMissing,
  checkRuleDiffers,
  checkRuleOrphaned,
];
