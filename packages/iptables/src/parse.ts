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
  return new Parser(text, options.file ?? '<input>').parse();
}
