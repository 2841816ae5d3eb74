/**
 * A Kube-OVN VPC NAT gateway in network namespaces, with hosts on both sides, for checking the trace
 * against the real kernel.
 *
 *   <name>-ext  outside: 192.168.100.1 (the external gateway), 203.0.113.7 (a client), 198.51.100.10 (a server)
 *        │ net1-peer ─ net1
 *   <name>      the gateway: net1 192.168.100.2/24 + EIPs, eth0 10.0.1.254/24, ip_forward=1, rules by
 *        │                   scripts/fixtures/gateway-state.sh (the fixtures' rendition of nat-gateway.sh)
 *        │ eth0 ─ eth0-peer
 *   <name>-vpc  VPC router 10.0.1.1 and hosts 10.0.1.5/.11/.12/.30 and 172.16.5.5 (a non-VPC source)
 *        │ vh2 ─ eth0
 *   <name>-h2   hosts 10.0.2.7 and 10.0.2.20, behind the VPC router (the gateway routes 10.0.2.0/24 via 10.0.1.1)
 *
 * Each host namespace runs one receiver (a small Node program) that accepts TCP on the given ports and
 * UDP on every (address, port) pair, and reports each connection with the addresses it saw.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse, type Dump } from '@natscope/iptables';

const run = promisify(execFile);
const STATE_SCRIPT = fileURLToPath(new URL('../../../../scripts/fixtures/gateway-state.sh', import.meta.url));

/** The host namespaces around the gateway. */
export type Side = 'ext' | 'vpc' | 'h2';

/** Every address a host namespace owns (the receivers bind UDP on each). */
const HOSTS: Record<Side, string[]> = {
  ext: ['192.168.100.1', '198.51.100.10', '203.0.113.7'],
  vpc: ['10.0.1.1', '10.0.1.5', '10.0.1.11', '10.0.1.12', '10.0.1.30', '172.16.5.5'],
  h2: ['10.0.2.7', '10.0.2.20'],
};

/** What a receiver saw: one TCP connection accepted or one UDP datagram. */
export interface Reception {
  side: Side;
  proto: 'tcp' | 'udp';
  local: string;
  peer: string;
}

/** How a client's attempt ended. */
export interface ClientOutcome {
  result: 'ok' | 'refused' | 'timeout' | 'error';
  from?: string;
  code?: string;
}

// Receiver: argv = ports for TCP (wildcard), then 'udp' and addr:port pairs for UDP ('--' would be node's own). Prints one JSON line per event.
const RECEIVER = `
const net = require('net'), dgram = require('dgram');
const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
const args = process.argv.slice(1), cut = args.indexOf('udp');
const tcp = args.slice(0, cut), udp = args.slice(cut + 1);
let pending = tcp.length + udp.length;
const ready = () => { if (--pending === 0) out({ ready: true }); };
for (const port of tcp) {
  net.createServer((s) => {
    out({ proto: 'tcp', local: s.localAddress + ':' + s.localPort, peer: s.remoteAddress + ':' + s.remotePort });
    s.on('error', () => {});
    s.end('ok\\n');
  }).listen(Number(port), '0.0.0.0', ready);
}
for (const pair of udp) {
  const [address, port] = pair.split(':');
  const u = dgram.createSocket('udp4');
  u.on('message', (m, r) => {
    out({ proto: 'udp', local: pair, peer: r.address + ':' + r.port });
    u.send('ok', r.port, r.address);
  });
  u.bind(Number(port), address, ready);
}
if (pending === 0) out({ ready: true });
`;

// Client: argv = proto src sport dst dport waitMs. Prints one JSON line and exits.
const CLIENT = `
const net = require('net'), dgram = require('dgram');
const [proto, src, sport, dst, dport, wait] = process.argv.slice(1);
const done = (o) => { process.stdout.write(JSON.stringify(o) + '\\n'); process.exit(0); };
setTimeout(() => done({ result: 'timeout' }), Number(wait));
if (proto === 'tcp') {
  const c = net.connect({ host: dst, port: Number(dport), localAddress: src, localPort: Number(sport) });
  c.on('data', () => done({ result: 'ok', from: c.remoteAddress + ':' + c.remotePort }));
  c.on('error', (e) => done({ result: e.code === 'ECONNREFUSED' ? 'refused' : 'error', code: e.code }));
} else {
  const u = dgram.createSocket('udp4');
  u.on('message', (m, r) => done({ result: 'ok', from: r.address + ':' + r.port }));
  u.on('error', (e) => done({ result: 'error', code: e.code }));
  u.bind(Number(sport), src, () => u.send('hi', Number(dport), dst));
}
`;

async function sh(...argv: string[]): Promise<string> {
  const { stdout } = await run(argv[0]!, argv.slice(1), { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** True when this process may create network namespaces (root with `ip netns` and Node). */
export async function canBuildLabs(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  try {
    await sh('ip', 'netns', 'list');
    await sh('iptables-legacy', '--version');
    return true;
  } catch {
    return false;
  }
}

/** How to build one lab: the gateway-state.sh backend, Kube-OVN generation and state. */
export interface LabSpec {
  name: string;
  backend: 'legacy' | 'nft';
  generation: string;
  state: string;
  /** TCP ports every receiver accepts on, and UDP ports bound on every host address. */
  tcpPorts: number[];
  udpPorts: number[];
}

/** One gateway with its hosts, receivers and counters. Always `destroy()` it (it cleans up after partial builds too). */
export class GatewayLab {
  readonly spec: LabSpec;
  readonly receptions: Reception[] = [];
  #receivers: ChildProcessWithoutNullStreams[] = [];

  private constructor(spec: LabSpec) {
    this.spec = spec;
  }

  /** The namespaces this lab creates, gateway last (peers are deleted first). */
  get namespaces(): string[] {
    return [`${this.spec.name}-h2`, `${this.spec.name}-vpc`, `${this.spec.name}-ext`, this.spec.name];
  }

  ns(side: Side | 'gw'): string {
    return side === 'gw' ? this.spec.name : `${this.spec.name}-${side}`;
  }

  /** Builds the namespaces, programs the gateway and starts the receivers. On failure it destroys what it made. */
  static async create(spec: LabSpec): Promise<GatewayLab> {
    const lab = new GatewayLab(spec);
    try {
      await lab.#build();
      return lab;
    } catch (error) {
      await lab.destroy();
      throw error;
    }
  }

  async #build(): Promise<void> {
    const { name, backend, generation, state } = this.spec;
    const env = { ...process.env, GATEWAY_STATE_QUIET: '1' };
    await run('bash', [STATE_SCRIPT, 'setup', name], { env });
    await run('bash', [STATE_SCRIPT, 'apply', name, backend, generation, state], { env });
    const vpc = this.ns('vpc');
    const ext = this.ns('ext');
    const h2 = this.ns('h2');
    await sh('ip', 'netns', 'add', h2);
    const steps: string[][] = [
      // The VPC router forwards between the gateway and the 10.0.2.0/24 hosts.
      ['ip', 'netns', 'exec', vpc, 'sysctl', '-qw', 'net.ipv4.ip_forward=1'],
      ['ip', '-n', vpc, 'link', 'add', 'vh2', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', h2],
      ['ip', '-n', vpc, 'addr', 'add', '10.0.2.1/24', 'dev', 'vh2'],
      ['ip', '-n', vpc, 'link', 'set', 'vh2', 'up'],
      ['ip', '-n', h2, 'link', 'set', 'lo', 'up'],
      ['ip', '-n', h2, 'link', 'set', 'eth0', 'up'],
      ['ip', '-n', h2, 'addr', 'add', '10.0.2.7/24', 'dev', 'eth0'],
      ['ip', '-n', h2, 'addr', 'add', '10.0.2.20/24', 'dev', 'eth0'],
      ['ip', '-n', h2, 'route', 'add', 'default', 'via', '10.0.2.1'],
      ...['10.0.1.5', '10.0.1.11', '10.0.1.12', '10.0.1.30'].map((ip) => [
        'ip',
        '-n',
        vpc,
        'addr',
        'add',
        `${ip}/24`,
        'dev',
        'eth0-peer',
      ]),
      ['ip', '-n', vpc, 'addr', 'add', '172.16.5.5/32', 'dev', 'lo'],
      // Replies to the non-VPC source must come back through the VPC router, not leave by net1.
      ['ip', '-n', name, 'route', 'add', '172.16.5.0/24', 'via', '10.0.1.1', 'dev', 'eth0'],
      ['ip', '-n', ext, 'addr', 'add', '198.51.100.10/32', 'dev', 'lo'],
      ['ip', '-n', ext, 'addr', 'add', '203.0.113.7/32', 'dev', 'lo'],
    ];
    for (const argv of steps) await sh(...argv);
    for (const side of ['ext', 'vpc', 'h2'] as const) await this.#startReceiver(side);
  }

  async #startReceiver(side: Side): Promise<void> {
    const udp = HOSTS[side].flatMap((ip) => this.spec.udpPorts.map((port) => `${ip}:${port}`));
    const child = spawn('ip', [
      'netns',
      'exec',
      this.ns(side),
      process.execPath,
      '-e',
      RECEIVER,
      ...this.spec.tcpPorts.map(String),
      'udp',
      ...udp,
    ]);
    this.#receivers.push(child);
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`receiver in ${this.ns(side)} did not start`)), 10_000);
      child.on('exit', (code) => reject(new Error(`receiver in ${this.ns(side)} exited with ${code}`)));
      child.stderr.on('data', (d: Buffer) => process.stderr.write(`[receiver ${side}] ${d}`));
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) !== -1) {
          const event = JSON.parse(buffer.slice(0, nl)) as {
            ready?: boolean;
            proto: 'tcp' | 'udp';
            local: string;
            peer: string;
          };
          buffer = buffer.slice(nl + 1);
          if (event.ready) {
            clearTimeout(timer);
            resolve();
          } else {
            this.receptions.push({ side, proto: event.proto, local: event.local, peer: event.peer });
          }
        }
      });
    });
  }

  /** Opens one connection (TCP) or sends one datagram (UDP) from `side`, with a fixed source address and port. */
  async connect(
    side: Side,
    proto: 'tcp' | 'udp',
    src: string,
    sport: number,
    dst: string,
    dport: number,
    waitMs = 800,
  ): Promise<ClientOutcome> {
    const out = await sh(
      'ip',
      'netns',
      'exec',
      this.ns(side),
      process.execPath,
      '-e',
      CLIENT,
      proto,
      src,
      String(sport),
      dst,
      String(dport),
      String(waitMs),
    );
    return JSON.parse(out.trim().split('\n').pop()!) as ClientOutcome;
  }

  /** `iptables-save -c` of the gateway's nat and mangle tables, parsed. */
  async dump(): Promise<Dump> {
    const save = this.spec.backend === 'legacy' ? 'iptables-legacy-save' : 'iptables-nft-save';
    const nat = await sh('ip', 'netns', 'exec', this.spec.name, save, '-c', '-t', 'nat');
    const mangle = await sh('ip', 'netns', 'exec', this.spec.name, save, '-c', '-t', 'mangle');
    return parse(nat + mangle, { file: `${this.spec.name}.txt` });
  }

  /** Packet counters of every rule, by `table/chain#index`. */
  async counters(): Promise<Map<string, number>> {
    const map = new Map<string, number>();
    for (const table of (await this.dump()).tables) {
      for (const chain of table.chains)
        for (const rule of chain.rules)
          map.set(`${table.name}/${chain.name}#${rule.index}`, rule.counters?.packets ?? 0);
    }
    return map;
  }

  /** The primary IPv4 address of one of the gateway's interfaces (what MASQUERADE takes). */
  async interfaceAddress(device: string): Promise<string> {
    const out = await sh('ip', '-n', this.spec.name, '-4', '-o', 'addr', 'show', 'dev', device);
    const m = /inet (\d+\.\d+\.\d+\.\d+)\//.exec(out);
    if (m === null) throw new Error(`${device} has no IPv4 address`);
    return m[1]!;
  }

  /** Stops the receivers and deletes every namespace this lab made (those that exist). */
  async destroy(): Promise<void> {
    for (const child of this.#receivers) {
      child.removeAllListeners('exit');
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    this.#receivers = [];
    const existing = new Set((await sh('ip', 'netns', 'list')).split('\n').map((line) => line.split(' ')[0]));
    for (const ns of this.namespaces) {
      if (existing.has(ns)) await sh('ip', 'netns', 'del', ns).catch(() => undefined);
    }
  }
}
