import type { DriftReport } from '@natscope/api';

/** The report for a gateway whose objects (or dump) could not be read: status `unknown`, and why. */
export function unknownDrift(gateway: string, reason: string): DriftReport {
  return { gateway, status: 'unknown', reason, drifts: [], resources: [] };
}
