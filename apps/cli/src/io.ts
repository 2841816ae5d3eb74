import { readFile } from 'node:fs/promises';
import { escapeNonUtf8 } from '@natscope/iptables';

/** What a command may touch: its output streams, files and stdin. Tests pass an in-memory one. */
export interface CliIo {
  /** Text, or bytes where they must go out exactly (`print`). */
  stdout(chunk: string | Uint8Array): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  readStdin(): Promise<Uint8Array>;
  /** Width to wrap readable output at. */
  columns: number;
}

/**
 * What goes to a stream: bytes as they are (`print`), text with each byte that was not UTF-8 (a Latin-1 chain
 * name or comment, carried as U+DC80–U+DCFF) shown as `\xNN`. Written as a string, such a byte would reach
 * the terminal as U+FFFD and say nothing; JSON output already carries it as `\udcXX`.
 */
export function streamChunk(chunk: string | Uint8Array): string | Uint8Array {
  return typeof chunk === 'string' ? escapeNonUtf8(chunk) : chunk;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** The real process: stdout/stderr, the file system and stdin. */
export function processIo(): CliIo {
  return {
    stdout: (chunk) => void process.stdout.write(streamChunk(chunk)),
    stderr: (text) => void process.stderr.write(streamChunk(text)),
    readFile: (path) => readFile(path),
    readStdin: () => readAll(process.stdin),
    columns: Math.max(60, Math.min(process.stdout.columns || 100, 120)),
  };
}
