import { InputError, UsageError } from './cli-error.js';
import type { CliIo } from './io.js';

/** A dump read from a file or stdin, with the name errors should use. */
export interface Input {
  file: string;
  text: string;
}

// fatal: reject bytes that are not UTF-8 instead of replacing them, so `print` can stay byte-identical;
// ignoreBOM: keep a byte-order mark in the text rather than dropping it silently.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Reads `-` (stdin) or a path. An unreadable path is a usage error; bytes that are not UTF-8 an input error. */
export async function readInput(path: string, io: CliIo): Promise<Input> {
  const file = path === '-' ? '<stdin>' : path;
  let bytes: Uint8Array;
  try {
    bytes = path === '-' ? await io.readStdin() : await io.readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${describe(error)}`);
  }
  try {
    return { file, text: decoder.decode(bytes) };
  } catch {
    throw new InputError(`${file}: not iptables-save output: the input is not UTF-8 text (binary data?)`);
  }
}
