import type { V1Status } from '@kubernetes/client-node';
import { CollectError } from '../collector/collect-error.js';
import type { ExecRequest, ExecResult } from './gateway-cluster.js';

// How the API server's answers to an exec become Contract 3's errors: each names the pod, the cause and, where
// RBAC is the cause, the rule that is missing.

/** Turns the exec status frame into a result, or an error when the command never ran. */
export function statusResult(
  status: V1Status,
  stdout: string,
  stderr: string,
  target: string,
  container: string,
): ExecResult | CollectError {
  if (status.status === 'Success') return { stdout, stderr, exitCode: 0 };
  if (status.reason === 'NonZeroExitCode') {
    const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
    const exitCode = Number.parseInt(cause?.message ?? '', 10);
    return { stdout, stderr, exitCode: Number.isFinite(exitCode) ? exitCode : 1 };
  }
  const message = status.message ?? status.reason ?? 'unknown failure';
  if (/container .*(not found|not valid)|no container/i.test(message)) {
    return new CollectError(
      'container-missing',
      `${target} has no running container "${container}": ${message}`,
      stderr,
    );
  }
  return new CollectError('exec-failed', `${target}: exec failed: ${message}`, stderr);
}

/** Maps a refused exec upgrade (403, 400, 404, …) to an error naming the pod, the cause and, for 403, the RBAC. */
export function refusedError(
  refused: { status: number; body: string },
  target: string,
  req: ExecRequest,
): CollectError {
  const message =
    statusMessage(safeJson(refused.body)) ?? (refused.body.trim().slice(0, 300) || `HTTP ${refused.status}`);
  if (refused.status === 403 || refused.status === 401) {
    return new CollectError(
      'exec-forbidden',
      `${target}: exec forbidden (${message}). natscope's service account needs "get" and "create" on "pods/exec" in namespace ${req.namespace}`,
    );
  }
  if (/container .*(not found|not valid)|container name must be specified/i.test(message)) {
    return new CollectError('container-missing', `${target} has no container "${req.container}": ${message}`);
  }
  if (refused.status === 404)
    return new CollectError('exec-failed', `${target}: pod not found (deleted since the last listing?): ${message}`);
  return new CollectError('exec-failed', `${target}: exec refused with HTTP ${refused.status}: ${message}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The `message` of a Kubernetes Status object, if that is what `body` is. */
export function statusMessage(body: unknown): string | null {
  const b = typeof body === 'string' ? safeJson(body) : body;
  if (b && typeof b === 'object' && 'message' in b && typeof b.message === 'string') return b.message;
  return null;
}

/** A short description of a low-level error (ECONNREFUSED, a TLS failure, a ws ErrorEvent). */
export function describeCause(err: unknown): string {
  if (err && typeof err === 'object') {
    const inner = 'error' in err && err.error instanceof Error ? err.error : err;
    const e = inner as { code?: unknown; message?: unknown; cause?: unknown };
    const cause = e.cause as { code?: unknown; message?: unknown } | undefined;
    const code = typeof e.code === 'string' ? e.code : typeof cause?.code === 'string' ? cause.code : null;
    const message =
      typeof cause?.message === 'string' ? cause.message : typeof e.message === 'string' ? e.message : String(err);
    return code && !message.includes(code) ? `${code}: ${message}` : message;
  }
  return String(err);
}
