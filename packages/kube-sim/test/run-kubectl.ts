import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** How a kubectl run ended: its exit code and both streams. */
export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real /usr/bin/kubectl with the kubeconfig and a private cache dir under `dir`. Async on purpose:
 * the sim lives in the same process, and a sync call would block the event loop it answers from.
 */
export function runKubectl(
  dir: string,
  args: string[],
  kubeconfig = join(dir, 'kubeconfig'),
  input?: string,
): Promise<KubectlRun> {
  return new Promise((resolve) => {
    const child = execFile(
      '/usr/bin/kubectl',
      ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir }, timeout: 20_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}
