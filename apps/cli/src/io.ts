import { readFile } from 'node:fs/promises';

/** What a command may touch: its output streams, files and stdin. Tests pass an in-memory one. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  readStdin(): Promise<Uint8Array>;
  /** Width to wrap readable output at. */
  columns: number;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** The real process: stdout/stderr, the file system and stdin. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => readFile(path),
    readStdin: () => readAll(process.stdin),
    columns: Math.max(60, Math.min(process.stdout.columns || 100, 120)),
  };
}
