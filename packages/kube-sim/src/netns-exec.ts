import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { ExecHandler } from './types.js';

const NETNS_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * An exec handler that runs the requested argv for real inside network namespace `nsName`
 * (`ip netns exec <ns> <argv…>`), the way a container shares its pod's network namespace. The argv is
 * passed as an array to spawn, never through a shell string; only the argv itself may start a shell,
 * exactly as it would in a real pod. Needs root (CI runs as root).
 */
export function netnsExec(nsName: string, opts: { maxOutputBytes?: number } = {}): ExecHandler {
  if (!NETNS_NAME.test(nsName)) throw new Error(`netnsExec: ${JSON.stringify(nsName)} is not a network namespace name`);
  const limit = opts.maxOutputBytes ?? 64 * 1024 * 1024;
  return (req) =>
    new Promise((resolve, reject) => {
      const child = spawn('ip', ['netns', 'exec', nsName, ...req.command], {
        stdio: [req.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
        signal: req.signal,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          child.kill('SIGKILL');
          return;
        }
        into.push(chunk);
      };
      child.stdout?.on('data', collect(out));
      child.stderr?.on('data', collect(err));
      if (req.stdin && child.stdin) {
        child.stdin.on('error', () => undefined);
        req.stdin.pipe(child.stdin);
      }
      child.on('error', reject);
      child.on('close', (code, signal) => {
        const signalNumber = signal ? (constants.signals[signal] ?? 9) : 0;
        resolve({
          stdout: Buffer.concat(out),
          stderr: Buffer.concat(err),
          // A shell reports death by signal N as 128+N; so does the container runtime.
          exitCode: code ?? 128 + signalNumber,
        });
      });
    });
}
