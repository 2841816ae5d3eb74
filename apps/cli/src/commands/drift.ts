import { chooseGateway, compareDesired, gatewaysIn, readResources, ResourceFileError } from '@natscope/drift';
import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { InputError, UsageError } from '../cli-error.js';
import { dumpHeadline } from '../dump-headline.js';
import type { CliIo } from '../io.js';
import { readInput, readTextInput } from '../read-input.js';
import { type Command, parseCommandArgs } from './command.js';
import { formatDrift } from './drift-format.js';

const usage = `Usage: natscope drift --crs FILE [--gateway NAME] [--json] <dump|->

Compares a Kube-OVN VPC NAT gateway's iptables dump with its kubeovn.io objects (desired vs actual): objects
whose rules are missing or differ, rules no object accounts for, objects that are not ready, objects whose EIP
does not resolve. Objects are joined as Kube-OVN's controller joins them (EIP by spec.natGwDp, rules by their
EIP) and rules compared as the kernel stores them.

Arguments:
  <dump|->        the gateway's iptables-save output (nat, and mangle if you have it); - reads stdin

Options:
  --crs FILE      the objects, as printed by
                    kubectl get vpc-nat-gateways,iptables-eips,iptables-fip-rules,iptables-dnat-rules,iptables-snat-rules -o yaml
                  (or -o json); - reads stdin (then the dump must be a file)
  --gateway NAME  which gateway the dump is from; needed when FILE holds objects of several gateways
  --json          print the drift report as JSON ({gateway, status, drifts, resources})
  -h, --help      show this help

Exit status: 0 when compared (in sync or drifted), 1 when the dump or FILE is not what it claims to be
(file:line:column: reason), 2 on a usage error.

Example:
  kubectl get vpc-nat-gateways,iptables-eips,iptables-fip-rules,iptables-dnat-rules,iptables-snat-rules -o yaml > crs.yaml
  kubectl -n kube-system exec vpc-nat-gw-gw1-0 -c vpc-nat-gw -- iptables-legacy-save -c | natscope drift --crs crs.yaml -
`;

const options = { crs: { type: 'string' }, gateway: { type: 'string' }, json: { type: 'boolean' } } as const;

/** The gateway to compare: --gateway when it is one FILE describes, else FILE's only one; a UsageError otherwise. */
/** The gateway the dump is compared as (chooseGateway), or a usage error saying why none could be chosen. */
function gatewayFor(wanted: string | undefined, present: string[], crs: string, dump: string): string {
  const listed = present.length ? present.join(', ') : 'none';
  const choice = chooseGateway(wanted ?? null, present, dump);
  switch (choice.kind) {
    case 'chosen':
      return choice.gateway;
    case 'not-present':
      throw new UsageError(
        `drift: ${crs} has no objects of gateway '${choice.wanted}' (gateways in it: ${listed})`,
        usage,
      );
    case 'none':
      throw new UsageError(
        `drift: ${crs} holds no VpcNatGateway or IptablesEIP, so it names no gateway to compare`,
        usage,
      );
    case 'several':
      throw new UsageError(
        `drift: ${crs} holds objects of several gateways (${listed}); say which one the dump is from with --gateway NAME (or name the dump after its pod, vpc-nat-gw-NAME-0)`,
        usage,
      );
  }
}

/** `natscope drift --crs FILE [--gateway NAME] [--json] <dump|->`: desired (kubeovn.io objects) against actual (the dump). */
export const driftCommand: Command = {
  name: 'drift',
  summary:
    "compare a gateway dump with its kubeovn.io objects (kubectl get … -o yaml): what is missing, differs, or is nobody's",
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(driftCommand, args, options, { min: 1, max: 1 });
    const dumpPath = positionals[0]!;
    if (values.crs === undefined)
      throw new UsageError('drift: --crs FILE is required (the kubeovn.io objects to compare with)', usage);
    if (values.crs === '-' && dumpPath === '-')
      throw new UsageError('drift: the dump and --crs cannot both be read from stdin', usage);

    const crs = await readTextInput(values.crs, io);
    let read;
    try {
      read = readResources(crs.text, crs.file);
    } catch (error) {
      // Same exit and shape as a dump's syntax error: file:line:column: reason, no stack.
      if (error instanceof ResourceFileError) throw new InputError(error.message);
      throw error;
    }
    const gateway = gatewayFor(values.gateway, gatewaysIn(read.resources), crs.file, dumpPath);
    const input = await readInput(dumpPath, io);
    const report = inspect(parse(input.text, { file: input.file }));
    const drift = compareDesired({ gateway, report, resources: read.resources });

    if (values.json) {
      for (const note of read.notes) io.stderr(`natscope: drift: ${crs.file}: ${note}\n`);
      io.stdout(`${JSON.stringify(drift, null, 2)}\n`);
    } else {
      io.stdout(
        formatDrift(drift, {
          dump: input.file,
          crs: crs.file,
          backend: report.backend,
          rules: report.stats.rules,
          health: dumpHeadline(report.diagnostics),
          notes: read.notes,
          columns: io.columns,
        }),
      );
    }
    return 0;
  },
};
