import type { Diagnostic } from '@natscope/api';
import type { CheckContext } from './check-context.js';

/**
 * One diagnostic check: reads what it needs from the context and says what is wrong. A check never depends on
 * another check's output; what several checks share (the nat table, the cover indexes) is in the context.
 * Add one as a module in checks/ and a line in CHECKS (checks.ts).
 */
export type Check = (ctx: CheckContext) => Diagnostic[];
