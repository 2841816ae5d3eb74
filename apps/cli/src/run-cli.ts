import { IptablesSyntaxError } from '@natscope/iptables';
import { InputError, UsageError } from './cli-error.js';
import { commands } from './commands/index.js';
import type { CliIo } from './io.js';

/** `natscope --help`: the commands, the exit codes. */
function mainUsage(): string {
  const width = Math.max(...[...commands.keys()].map((name) => name.length));
  const list = [...commands.values()].map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: natscope <command> [options] <file|->

See what the iptables NAT chains of a Kube-OVN VPC NAT gateway really do, from an iptables-save dump.

Commands:
${list}

Run 'natscope <command> --help' for a command's options.

Exit status:
  0  success
  1  the input is not iptables-save output (syntax error, or a control byte such as NUL that
     iptables-save never prints: file:line:column and the offending line on stderr); for drift,
     --crs FILE is not UTF-8 or not kubectl's YAML or JSON of the kubeovn.io objects
     (file:line:column: reason). Bytes that are not UTF-8 in a comment or chain name are read,
     shown escaped (caf\xe9) and printed back exactly
  2  usage error: unknown command or option, missing argument, or a file that cannot be read
`;
}

function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * Runs natscope with `argv` (without node and the script) and returns the exit code. Every failure becomes
 * a message on stderr, never a stack trace: usage errors exit 2, bad input exits 1.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const text = mainUsage();
    if (name === undefined) {
      io.stderr(text);
      return 2;
    }
    io.stdout(text);
    return 0;
  }
  const command = commands.get(name);
  try {
    if (!command) throw new UsageError(`unknown command '${name}'`, mainUsage());
    if (wantsHelp(rest)) {
      io.stdout(command.usage);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`natscope: ${error.message}\n`);
      io.stderr(
        error.usage ? `\n${error.usage}` : `Run 'natscope ${command ? `${command.name} ` : ''}--help' for usage.\n`,
      );
      return 2;
    }
    if (error instanceof IptablesSyntaxError) {
      io.stderr(`${error.message}\n${error.codeFrame()}\n`);
      return 1;
    }
    if (error instanceof InputError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    // A bug in natscope: say so plainly; the stack is for NATSCOPE_DEBUG=1 only.
    io.stderr(`natscope: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.NATSCOPE_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 1;
  }
}
