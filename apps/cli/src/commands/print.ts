import { parse, print } from '@natscope/iptables';
import type { CliIo } from '../io.js';
import { readInput } from '../read-input.js';
import { type Command, parseCommandArgs } from './command.js';

const usage = `Usage: natscope print <file|->

Parses an iptables-save dump and prints it back from the parse tree. The output is byte-identical to the
input: a quick proof that natscope read every line, and a syntax check (exit 1 with file:line:column).

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
    io.stdout(print(parse(input.text, { file: input.file })));
    return 0;
  },
};
