import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../cli-error.js';
import type { CliIo } from '../io.js';

/** One `natscope <name>` subcommand. Add a module under commands/ and list it in commands/index.ts. */
export interface Command {
  name: string;
  /** One line for the command list in `natscope --help`. */
  summary: string;
  /** Its full help: synopsis, options, examples. */
  usage: string;
  /** Runs with the words after the command name; returns the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's arguments strictly (node:util parseArgs): unknown options and a wrong number of
 * positionals become a `UsageError` carrying the command's usage. `-` is a positional (stdin).
 */
export function parseCommandArgs<O extends Options>(
  command: Pick<Command, 'name' | 'usage'>,
  args: string[],
  options: O,
  positionals: { min: number; max: number },
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' first sentence is the useful one ("Unknown option '--jsn'"); its advice about '--' is noise here.
    const message = (error as Error).message.split('. To specify a positional argument')[0];
    throw new UsageError(`${command.name}: ${message}`, command.usage);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw new UsageError(`${command.name}: missing <file|->`, command.usage);
  if (count > positionals.max) {
    throw new UsageError(
      `${command.name}: unexpected argument '${parsed.positionals[positionals.max]}'`,
      command.usage,
    );
  }
  return parsed;
}
