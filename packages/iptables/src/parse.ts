import { Parser } from './parser.js';
import type { Dump } from './types.js';

/** Options for `parse`. */
export interface ParseOptions {
  /** Name of the input used in error messages; defaults to `<input>`. */
  file?: string;
}

/**
 * Parses `iptables-save` output (legacy or nft, with or without `-c`) into a lossless tree.
 * Throws `IptablesSyntaxError` with file, line, column and a code frame when the text is not such output.
 */
export function parse(text: string, options: ParseOptions = {}): Dump {
  // A Buffer or undefined from an untyped caller would fail deep inside with a confusing message.
  if (typeof text !== 'string')
    throw new TypeError(`parse expects the dump as a string, got ${text === null ? 'null' : typeof text}`);
  return new Parser(text, options.file ?? '<input>').parse();
}
