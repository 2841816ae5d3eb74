import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { formatReport } from '../format-report.js';
import type { CliIo } from '../io.js';
import { readInput } from '../read-input.js';
import { type Command, parseCommandArgs } from './command.js';

const usage = `Usage: natscope inspect [--json] <file|->

Reads an iptables-save dump from a Kube-OVN VPC NAT gateway and says what it does: its health in one line
(healthy, degraded by warnings, broken by errors, and the leading problem, as the server's fleet row says it),
the backend, every EIP with its floating IP, port forwards (DNAT), SNAT and hairpin rules and their counters,
and what is wrong (errors, warnings, info) with the line numbers of the rules involved. A broken dump still
exits 0: it was read.

Arguments:
  <file|->     the dump (iptables-save -c output is best: counters show which rules carry traffic); - reads stdin

Options:
  --json       print the report as JSON (the same report the natscope API serves)
  -h, --help   show this help

Example:
  kubectl -n kube-system exec vpc-nat-gw-gw1-0 -c vpc-nat-gw -- iptables-legacy-save -c | natscope inspect -
`;

/** `natscope inspect [--json] <file|->`: the readable report, or the InspectReport as JSON. */
export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'show the EIP mappings and the problems of a gateway dump (--json for the report)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      inspectCommand,
      args,
      { json: { type: 'boolean' } },
      { min: 1, max: 1 },
    );
    const input = await readInput(positionals[0]!, io);
    const report = inspect(parse(input.text, { file: input.file }));
    io.stdout(
      values.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : formatReport(report, { file: input.file, columns: io.columns }),
    );
    return 0;
  },
};
