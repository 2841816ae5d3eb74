import { readFile } from 'node:fs/promises';
import { type CliIo, streamChunk } from './io.js';

/** What a run printed and returned. */
export interface CliRun {
  code: number;
  /** stdout read as UTF-8 (a byte that is not UTF-8 shows as U+FFFD); `stdoutBytes` has the bytes themselves. */
  stdout: string;
  stdoutBytes: Uint8Array;
  stderr: string;
}

/**
 * Runs a CLI entry point with real files but in-memory stdout/stderr and a given stdin (test helper;
 * not exported from the package). `stdin` may be text or raw bytes.
 */
export async function runWithMemoryIo(
  run: (io: CliIo) => Promise<number>,
  stdin: string | Uint8Array = '',
): Promise<CliRun> {
  const stdout: Uint8Array[] = [];
  let stderr = '';
  const io: CliIo = {
    stdout: (chunk) => {
      const out = streamChunk(chunk);
      stdout.push(typeof out === 'string' ? new TextEncoder().encode(out) : out);
    },
    stderr: (text) => void (stderr += streamChunk(text)),
    readFile: (path) => readFile(path),
    readStdin: async () => (typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin),
    columns: 100,
  };
  const code = await run(io);
  const stdoutBytes = Buffer.concat(stdout);
  return { code, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr };
}
