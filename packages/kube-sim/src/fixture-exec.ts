import type { ExecHandler, ExecRequest, ExecResult } from './types.js';

/** An exec handler that always prints the same output (a dump captured from a real gateway, say). */
export function fixtureExec(
  stdout: string | Buffer,
  opts: { stderr?: string | Buffer; exitCode?: number } = {},
): ExecHandler {
  return () => ({ stdout, stderr: opts.stderr ?? '', exitCode: opts.exitCode ?? 0 });
}

/** One answer of execByCommand: when `when` accepts the request, `answer` replies. */
export interface CommandRoute {
  when: (command: readonly string[], req: ExecRequest) => boolean;
  answer: ExecResult | ExecHandler;
}

/**
 * An exec handler that picks its answer by argv, first match wins; without a match the command is
 * "not found" the way a container runtime reports it (exit 126).
 */
export function execByCommand(routes: readonly CommandRoute[], fallback?: ExecHandler): ExecHandler {
  return (req) => {
    const route = routes.find((r) => r.when(req.command, req));
    if (route) return typeof route.answer === 'function' ? route.answer(req) : route.answer;
    if (fallback) return fallback(req);
    return {
      stdout: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${req.command[0] ?? ''}": executable file not found in $PATH: unknown\r\n`,
      exitCode: 126,
    };
  };
}
