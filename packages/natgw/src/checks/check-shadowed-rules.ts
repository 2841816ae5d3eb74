import type { Check } from './check.js';

/**
 * `rule-shadowed` and `duplicate-rule`, in every chain of every table (the pass itself is shadowChain): a rule
 * that an earlier terminal rule of its chain covers never matches.
 */
export const checkShadowedRules: Check = (ctx) =>
  ctx.dump.tables.flatMap((table) => table.chains.flatMap((chain) => ctx.shadowing(chain).diagnostics));
