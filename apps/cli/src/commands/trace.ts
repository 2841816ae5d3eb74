import { TraceRequest } from '@natscope/api';
import { parse } from '@natscope/iptables';
import { trace } from '@natscope/natgw';
import { UsageError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { readInput } from '../read-input.js';
import { type Command, parseCommandArgs } from './command.js';
import { formatTrace } from './trace-format.js';

const usage = `Usage: natscope trace <file|-> --src IP --dst IP [--in IF] [--proto tcp|udp|icmp]
                      [--sport N] [--dport N] [--out IF] [--mark M] [--json] [--all]

Follows the first packet of a new connection through a gateway's iptables dump, rule by rule, without
touching the gateway: which rules it matched or skipped and why, each NAT rewrite with the packet before
and after, the interface it leaves by, and everything the simulation had to assume.

Arguments:
  <file|->        the dump (iptables-save output, nat and mangle tables); - reads stdin

Options:
  --src IP        the packet's source address (required)
  --dst IP        the packet's destination address (required)
  --in IF         the interface it arrives on: net1 from outside (default), eth0 from the VPC
  --proto P       tcp (default), udp or icmp
  --sport N       source port (left unknown if not given)
  --dport N       destination port (port matches are undecidable without it)
  --out IF        the interface it leaves by; inferred from the rules when not given
  --mark M        the packet's mark when it arrives (0x1 or 1); 0 by default
  --json          print the trace as JSON (steps, nat, final, assumptions, verdict)
  --all           list every step, also long runs of skipped rules (shortened otherwise)
  -h, --help      show this help

Examples:
  natscope trace gw.txt --in net1 --src 203.0.113.7 --dst 192.168.100.12 --proto tcp --dport 2222
  natscope trace gw.txt --in eth0 --src 10.0.1.7 --dst 192.168.100.10 --dport 8080    # hairpin
`;

/** Which flag each TraceRequest field comes from, so a validation error names what the user typed. */
const FLAG_OF: Record<string, string> = {
  inInterface: '--in',
  outInterface: '--out',
  protocol: '--proto',
  src: '--src',
  dst: '--dst',
  sport: '--sport',
  dport: '--dport',
  mark: '--mark',
};

const options = {
  in: { type: 'string' },
  out: { type: 'string' },
  src: { type: 'string' },
  dst: { type: 'string' },
  proto: { type: 'string' },
  sport: { type: 'string' },
  dport: { type: 'string' },
  mark: { type: 'string' },
  json: { type: 'boolean' },
  all: { type: 'boolean' },
} as const;

/** Builds the TraceRequest from the flags, or throws a UsageError naming the flag that is wrong. */
function requestFrom(values: Partial<Record<keyof typeof options, string | boolean>>): TraceRequest {
  const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
  const problems: string[] = [];
  // Ports must be whole decimal numbers: the schema coerces, so '22abc' or '' are refused here first.
  const port = (flag: 'sport' | 'dport'): string | undefined => {
    const v = str(values[flag]);
    if (v === undefined || /^\d{1,5}$/.test(v)) return v;
    problems.push(`--${flag} must be a port number (0-65535), not '${v}'`);
    return undefined;
  };
  const raw: Record<string, string | undefined> = {
    inInterface: str(values.in),
    outInterface: str(values.out),
    protocol: str(values.proto)?.toLowerCase(),
    src: str(values.src),
    dst: str(values.dst),
    sport: port('sport'),
    dport: port('dport'),
    mark: str(values.mark),
  };
  const parsed = TraceRequest.safeParse(raw);
  if (parsed.success && problems.length === 0) return parsed.data;
  for (const issue of parsed.error?.issues ?? []) {
    const field = String(issue.path[0] ?? '');
    const flag = FLAG_OF[field] ?? field;
    if (raw[field] === undefined) problems.push(`${flag} is required`);
    else if (field === 'src' || field === 'dst') problems.push(`${flag} must be an IPv4 address, not '${raw[field]}'`);
    else if (field === 'protocol') problems.push(`${flag} must be tcp, udp or icmp`);
    else if (field === 'sport' || field === 'dport') problems.push(`${flag} must be a port number (0-65535)`);
    else problems.push(`${flag} ${issue.message}`);
  }
  throw new UsageError(`trace: ${problems.join('; ')}`, usage);
}

/** `natscope trace <file|-> --src IP --dst IP …`: the packet's way through the dump, readable or as JSON. */
export const traceCommand: Command = {
  name: 'trace',
  summary: 'follow a packet through a gateway dump, rule by rule (--json for the trace)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(traceCommand, args, options, { min: 1, max: 1 });
    const request = requestFrom(values);
    const input = await readInput(positionals[0]!, io);
    const result = trace(parse(input.text, { file: input.file }), request);
    io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatTrace(result, { all: values.all === true }));
    return 0;
  },
};
