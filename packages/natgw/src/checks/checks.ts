import type { Check } from './check.js';
import { checkFipShadowsDnat } from './check-fip-shadows-dnat.js';
import { checkFipSymmetry } from './check-fip-symmetry.js';
import { checkHairpin } from './check-hairpin.js';
import { checkInitialization } from './check-initialization.js';
import { checkLegacyTables } from './check-legacy-tables.js';
import { checkNonUtf8Text } from './check-non-utf8-text.js';
import { checkShadowedRules } from './check-shadowed-rules.js';
import { checkSharedSnat } from './check-shared-snat.js';

/**
 * Every check, in report order (diagnose sorts by severity, then line, so this order breaks ties). Adding a
 * check is a module in this folder and one line here.
 */
export const CHECKS: readonly Check[] = [
  checkInitialization,
  checkLegacyTables,
  checkFipSymmetry,
  checkFipShadowsDnat,
  checkShadowedRules,
  checkSharedSnat,
  checkHairpin,
  checkNonUtf8Text,
];
