import { encodeDump, parse, print } from '@natscope/iptables';
import type { CliIo } from '../io.js';
import { readInput } from '../read-input.js';
import { type Command, parseCommandArgs } from './command.js';

const usage = `Usage: natscope print <file|->

Parses an iptables-save dump and prints it back from the parse tree. The output is byte-identical to the
input, bytes that are not UTF-8 (a Latin-1 comment) included: a quick proof that natscope read every line,
and a syntax check (exit 1 with file:line:column).

Arguments:
  <file|->     the dump (iptables-save [-c] output); - reads stdin
`;

/** `natscope print <file|->`: parse, then print the tree back, byte for byte. */
export const printCommand: Command = {
  name: 'print',
  summary: 'parse a dump and print it back, byte-identical (a syntax check)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { positionals } = parseCommandArgs(printCommand, args, {}, { min: 1, max: 1 });
    const input = await readInput(positionals[0]!, io);
    // Bytes, not a string: a byte that was not UTF-8 goes back out as that byte (a string write would make it U+FFFD).
    io.stdout(encodeDump(print(parse(input.text, { file: input.file }))));
    return 0;
  },
};
