import { readFile } from 'node:fs/promises';
import type { CliIo } from './io.js';

/** What a run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a CLI entry point with real files but in-memory stdout/stderr and a given stdin (test helper;
 * not exported from the package). `stdin` may be text or raw bytes.
 */
export async function runWithMemoryIo(run: (io: CliIo) => Promise<number>, stdin: string | Uint8Array = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: (path) => readFile(path),
    readStdin: async () => (typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin),
    columns: 100,
  };
  const code = await run(io);
  return { code, stdout, stderr };
}
