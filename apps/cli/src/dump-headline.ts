import type { Diagnostic } from '@natscope/api';
import { findingsHealth, gatewayHeadline } from '@natscope/natgw';

/**
 * The headline of a dump read offline, in the words the server's fleet row uses: the dump is in hand, so its
 * reading is `ok` by definition and only its findings speak (`read · broken: not initialised`). Drift is left out:
 * `natscope drift` says it on its own status line.
 */
export function dumpHeadline(diagnostics: readonly Pick<Diagnostic, 'code' | 'severity'>[]): string {
  return gatewayHeadline({ reading: 'ok', findings: findingsHealth(diagnostics) });
}
