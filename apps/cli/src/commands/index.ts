import type { Command } from './command.js';
import { diffCommand } from './diff.js';
import { driftCommand } from './drift.js';
import { inspectCommand } from './inspect.js';
import { printCommand } from './print.js';
import { traceCommand } from './trace.js';

/** Every subcommand by name; `natscope --help` lists them in this order. Add a command by adding a line. */
export const commands: ReadonlyMap<string, Command> = new Map<string, Command>([
  [inspectCommand.name, inspectCommand],
  [printCommand.name, printCommand],
  [traceCommand.name, traceCommand],
  [driftCommand.name, driftCommand],
  [diffCommand.name, diffCommand],
]);

export type { Command } from './command.js';
