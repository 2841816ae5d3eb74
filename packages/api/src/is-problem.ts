import type { GatewayHealth, ReadingState } from './gateway.js';

/**
 * Whether a gateway belongs in the fleet's "with problems" view (`?status=problems`): its reading failed (`error`,
 * or `stale`: what is shown is old), or its rules are `broken` (errors, e.g. not initialised) or `degraded`
 * (warnings, e.g. a shadowed rule that never matches). Not a problem: `pending` (a gateway the first pass has
 * not reached yet; a pod that cannot be read is an `error`, not pending), health `unknown` on its own (it only
 * comes with pending or error), info diagnostics, and drift (`GatewaySummary.drift`, shown on its own).
 */
export function isProblem(gateway: { reading: ReadingState; health: GatewayHealth }): boolean {
  return (
    gateway.reading === 'error' ||
    gateway.reading === 'stale' ||
    gateway.health === 'broken' ||
    gateway.health === 'degraded'
  );
}
