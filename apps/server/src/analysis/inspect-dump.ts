import { IptablesSyntaxError } from '@natscope/iptables';
import { CollectError } from '../collector/collect-error.js';

/**
 * Runs a parse or an inspect of `target`'s dump and tells the two ways it can fail apart: a dump that is not
 * iptables-save text is the gateway's `parse-failed` (at file:line:column, the file being namespace/pod); any
 * other exception is natscope's own bug on a dump it should have read, `internal`, whose stack the caller logs.
 */
export function inspectDumpOrFail<T>(run: () => T, stderr: string, target: string): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof IptablesSyntaxError) {
      throw new CollectError('parse-failed', `cannot parse the iptables-save output of ${err.message}`, stderr);
    }
    const internal = new CollectError(
      'internal',
      `${target}: natscope failed to analyse this gateway's rules (a natscope bug; the server log has the details)`,
      stderr,
    );
    internal.cause = err;
    throw internal;
  }
}
