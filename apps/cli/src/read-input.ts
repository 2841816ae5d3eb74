import { decodeDump } from '@natscope/iptables';
import { InputError, UsageError } from './cli-error.js';
import type { CliIo } from './io.js';

/** A dump read from a file or stdin, with the name errors should use. */
export interface Input {
  file: string;
  text: string;
}

// fatal: a YAML or JSON file must be UTF-8, so reject other bytes instead of replacing them;
// ignoreBOM: keep a byte-order mark in the text rather than dropping it silently.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

async function readBytes(path: string, io: CliIo): Promise<{ file: string; bytes: Uint8Array }> {
  const file = path === '-' ? '<stdin>' : path;
  try {
    return { file, bytes: path === '-' ? await io.readStdin() : await io.readFile(path) };
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${describe(error)}`);
  }
}

/**
 * Reads an iptables-save dump from `-` (stdin) or a path, as bytes through `decodeDump`: a comment that is not
 * UTF-8 is kept exactly (and `print` gives it back with `encodeDump`); a control byte iptables-save never
 * prints throws `IptablesSyntaxError` at its file:line:column. An unreadable path is a usage error.
 */
export async function readInput(path: string, io: CliIo): Promise<Input> {
  const { file, bytes } = await readBytes(path, io);
  return { file, text: decodeDump(bytes, file).text };
}

/** Reads a UTF-8 text file (the --crs YAML or JSON) from `-` or a path; other bytes are an input error. */
export async function readTextInput(path: string, io: CliIo): Promise<Input> {
  const { file, bytes } = await readBytes(path, io);
  try {
    return { file, text: decoder.decode(bytes) };
  } catch {
    throw new InputError(`${file}: not YAML or JSON text: the input is not UTF-8 (binary data?)`);
  }
}
