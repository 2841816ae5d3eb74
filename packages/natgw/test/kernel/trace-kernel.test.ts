/**
 * The trace checked against the real kernel: gateways built in network namespaces with the rules Kube-OVN's
 * script makes, real TCP connections and UDP datagrams through veth pairs, and for every case a comparison of
 * what the simulator predicted with what happened: which nat rules' counters moved (exactly), that the
 * mangle rules it walked moved, and where the packet arrived and with which addresses.
 *
 * Needs root (network namespaces); CI runs as root. Every namespace is deleted afterwards, also on failure.
 */
import { execFileSync } from 'node:child_process';
import type { TraceRequest, TraceResult } from '@natscope/api';
import type { Dump } from '@natscope/iptables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trace } from '../../src/trace/trace.js';
import { canBuildLabs, GatewayLab, type LabSpec, type Side } from './gateway-lab.js';

interface KernelCase {
  name: string;
  from: Side;
  proto: 'tcp' | 'udp';
  src: string;
  sport: number;
  dst: string;
  dport: number;
  /** The interface the packet reaches the gateway on (follows from `from`). */
  in: 'net1' | 'eth0';
  /** What this case is about, so a wrong set-up cannot pass by accident: a pattern the verdict must match. */
  about: RegExp;
  /** The client gets no answer by design (no way back, or the reply goes around the gateway). */
  noReply?: boolean;
}

interface Lab {
  spec: Omit<LabSpec, 'name'>;
  title: string;
  cases: KernelCase[];
}

const fromExt = (sport: number, proto: 'tcp' | 'udp', dst: string, dport: number) =>
  ({ from: 'ext', proto, src: '203.0.113.7', sport, dst, dport, in: 'net1' }) as const;
const fromSide = (from: 'vpc' | 'h2', src: string, sport: number, proto: 'tcp' | 'udp', dst: string, dport: number) =>
  ({ from, proto, src, sport, dst, dport, in: 'eth0' }) as const;

const LABS: Lab[] = [
  {
    title: 'v1.16 tenant (legacy): SNAT for two CIDRs, a FIP, two port forwards, hairpin',
    spec: { backend: 'legacy', generation: 'v1.16', state: 'tenant', tcpPorts: [22, 80, 443, 3306], udpPorts: [53] },
    cases: [
      {
        name: 'port forward to a host behind the VPC router',
        ...fromExt(41001, 'tcp', '192.168.100.12', 2222),
        about: /^DNAT to 10\.0\.2\.20:22 in SHARED_DNAT rule 1; no SNAT/,
      },
      {
        name: 'floating IP inbound',
        ...fromExt(41002, 'tcp', '192.168.100.11', 3306),
        about: /^DNAT to 10\.0\.1\.5 in EXCLUSIVE_DNAT/,
      },
      {
        name: 'floating IP outbound keeps the source port',
        ...fromSide('vpc', '10.0.1.5', 41003, 'tcp', '198.51.100.10', 443),
        about: /SNAT to 192\.168\.100\.11 in EXCLUSIVE_SNAT/,
      },
      {
        name: 'SNAT with --random-fully',
        ...fromSide('vpc', '10.0.1.30', 41004, 'tcp', '198.51.100.10', 443),
        about: /SNAT to 192\.168\.100\.10 in SHARED_SNAT rule 1/,
      },
      {
        name: 'SNAT of the second CIDR (UDP)',
        ...fromSide('h2', '10.0.2.7', 41005, 'udp', '198.51.100.10', 53),
        about: /SNAT to 192\.168\.100\.10 in SHARED_SNAT rule 2/,
      },
      {
        name: 'hairpin from inside the VPC to a port forward',
        ...fromSide('h2', '10.0.2.7', 41006, 'tcp', '192.168.100.10', 8080),
        about: /HAIRPIN_SNAT rule 1/,
      },
      {
        name: 'hairpin from inside the VPC to a floating IP',
        ...fromSide('vpc', '10.0.1.30', 41007, 'tcp', '192.168.100.11', 3306),
        about: /HAIRPIN_SNAT rule 2/,
      },
      {
        name: "an EIP port that nothing forwards is the gateway's own",
        ...fromExt(41008, 'tcp', '192.168.100.12', 9999),
        about: /^no DNAT; delivered to the gateway itself/,
      },
      {
        name: 'a packet that matches no NAT rule leaves untranslated',
        ...fromSide('vpc', '172.16.5.5', 41009, 'udp', '198.51.100.10', 53),
        about: /^no DNAT; no SNAT; leaves by net1$/,
        noReply: true, // the outside has no route back to 172.16.5.5
      },
    ],
  },
  {
    title: 'v1.16 overlapping SNAT (nft): /16, /24, /32 appended broad-first',
    spec: { backend: 'nft', generation: 'v1.16', state: 'overlapping-snat', tcpPorts: [443], udpPorts: [] },
    cases: [
      {
        name: 'the /16 rule shadows the /32 rule for its own address',
        ...fromSide('vpc', '10.0.1.5', 41010, 'tcp', '198.51.100.10', 443),
        about: /SNAT to 192\.168\.100\.20 in SHARED_SNAT rule 1/,
      },
    ],
  },
  {
    title: 'v1.14 port forwards (nft): TCP and UDP on one EIP',
    spec: { backend: 'nft', generation: 'v1.14', state: 'port-forwards', tcpPorts: [8080], udpPorts: [53] },
    cases: [
      {
        name: 'UDP port forward',
        ...fromExt(41011, 'udp', '192.168.100.12', 53),
        about: /^DNAT to 10\.0\.1\.12:53 in SHARED_DNAT rule 4/,
      },
      {
        name: 'port forward to another port',
        ...fromExt(41012, 'tcp', '192.168.100.12', 80),
        about: /^DNAT to 10\.0\.1\.11:8080 in SHARED_DNAT rule 2/,
      },
    ],
  },
  {
    title: 'v1.14 floating IP (legacy): no hairpin rules yet',
    spec: { backend: 'legacy', generation: 'v1.14', state: 'fip', tcpPorts: [], udpPorts: [5353] },
    cases: [
      {
        name: 'reaching a FIP from the VPC keeps the VPC source (the reply goes around the gateway)',
        ...fromSide('h2', '10.0.2.7', 41013, 'udp', '192.168.100.11', 5353),
        about: /^DNAT to 10\.0\.1\.5 in EXCLUSIVE_DNAT rule 1; no SNAT; leaves by eth0$/,
        noReply: true,
      },
    ],
  },
  {
    title: 'v1.16 tenant with operator chains (legacy): audit LOG, MASQUERADE by goto, a mangle DROP',
    spec: { backend: 'legacy', generation: 'v1.16', state: 'operator-chains', tcpPorts: [23, 80, 443], udpPorts: [] },
    cases: [
      {
        name: 'telnet to an EIP is dropped in mangle before nat sees it',
        ...fromExt(41014, 'tcp', '192.168.100.10', 23),
        about: /dropped by mangle NATGW_DROP rule 2/,
      },
      {
        name: 'a non-VPC source is masqueraded through a goto chain',
        ...fromSide('vpc', '172.16.5.5', 41015, 'tcp', '198.51.100.10', 443),
        about: /MASQUERADE to the address of net1 in OPS_MGMT_MASQ rule 1/,
      },
      {
        name: 'an audited port forward is logged, then translated',
        ...fromExt(41016, 'tcp', '192.168.100.10', 8080),
        about: /^DNAT to 10\.0\.1\.30:80 in SHARED_DNAT rule 2/,
      },
    ],
  },
];

const labsReady = await canBuildLabs();
const live = new Set<GatewayLab>();
// Last resort if the run is torn down without afterAll: never leave namespaces behind.
process.on('exit', () => {
  for (const lab of live)
    for (const ns of lab.namespaces) {
      try {
        execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
      } catch {
        // already gone
      }
    }
});

/** The rules the simulator says the first packet took (matched or assumed to match), as `table/chain#index`. */
function predictedRules(result: TraceResult, table: string): Set<string> {
  return new Set(
    result.steps
      .filter((s) => s.table === table && s.index !== null && s.result !== 'skipped')
      .map((s) => `${s.table}/${s.chain}#${s.index}`),
  );
}

/** Resolves when `done()` holds or after `ms`, whichever comes first. */
async function waitFor(done: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

function moved(before: Map<string, number>, after: Map<string, number>, table: string): Set<string> {
  return new Set(
    [...after].filter(([key, n]) => key.startsWith(`${table}/`) && n > (before.get(key) ?? 0)).map(([key]) => key),
  );
}

describe.skipIf(!labsReady)('trace against the real kernel', () => {
  LABS.forEach((labDef, n) => {
    describe(labDef.title, () => {
      let lab: GatewayLab;
      let dump: Dump;
      beforeAll(async () => {
        lab = await GatewayLab.create({ name: `ktr${process.pid}${String.fromCharCode(97 + n)}`, ...labDef.spec });
        live.add(lab);
        dump = await lab.dump();
      }, 60_000);
      afterAll(async () => {
        if (lab) {
          await lab.destroy();
          live.delete(lab);
        }
      });

      for (const c of labDef.cases) {
        it(
          c.name,
          async () => {
            const request: TraceRequest = {
              inInterface: c.in,
              protocol: c.proto,
              src: c.src,
              dst: c.dst,
              sport: c.sport,
              dport: c.dport,
            };
            const predicted = trace(dump, request);

            const seen = lab.receptions.length;
            const before = await lab.counters();
            // Generous waits for answers that should come (a loaded CI machine), short ones for those that should not.
            const silent = predicted.fate === 'dropped' || c.noReply === true;
            const client = await lab.connect(c.from, c.proto, c.src, c.sport, c.dst, c.dport, silent ? 1500 : 5000);
            await waitFor(() => lab.receptions.length > seen, predicted.fate === 'forwarded' ? 3000 : 300);
            const after = await lab.counters();
            const arrived = lab.receptions.slice(seen);

            // Which nat rules the first packet took: exactly the ones whose counters moved.
            expect(moved(before, after, 'nat')).toEqual(predictedRules(predicted, 'nat'));
            // mangle counts every packet of the connection (replies too), so only check the first packet's rules moved.
            const mangle = moved(before, after, 'mangle');
            for (const rule of predictedRules(predicted, 'mangle'))
              expect(mangle.has(rule), `${rule} should have counted the packet`).toBe(true);

            if (predicted.fate === 'forwarded') {
              const { final } = predicted;
              const src = final.src.startsWith('the address of ')
                ? await lab.interfaceAddress(predicted.final.outInterface)
                : final.src;
              expect(arrived).toHaveLength(1);
              const [got] = arrived;
              expect(got!.proto).toBe(c.proto);
              expect(got!.local).toBe(`${final.dst}:${final.dport}`);
              expect(got!.peer.split(':')[0]).toBe(src);
              const port = Number(got!.peer.split(':')[1]);
              // A port the simulator calls random must at least be drawn from the kernel's window for it.
              if (final.sport === null) expect(port).toBeGreaterThanOrEqual(1024);
              else expect(port).toBe(final.sport);
              if (!c.noReply) expect(client.result).toBe('ok');
            } else {
              // Delivered to the gateway (nothing listens there: refused) or dropped (no answer at all).
              expect(arrived).toEqual([]);
              expect(client.result).toBe(predicted.fate === 'local' ? 'refused' : 'timeout');
            }
            // Last, so that a disagreement with the kernel is what a failure reports first.
            expect(predicted.verdict).toMatch(c.about);
          },
          20_000,
        );
      }
    });
  });
});
