export { runCli, mainUsage } from './run-cli.js';
export { commands, parseCommandArgs, type Command } from './commands/index.js';
export { type CliIo, processIo } from './io.js';
export { readInput, type Input } from './read-input.js';
export { UsageError, InputError } from './cli-error.js';
export { formatReport, type FormatOptions } from './format-report.js';
