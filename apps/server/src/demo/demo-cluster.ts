import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { decodeDump, encodeDump, parse } from '@natscope/iptables';
import {
  gatewayCrds,
  gatewayPod,
  haGatewayPods,
  mergeCrds,
  startKubeSim,
  type ExecHandler,
  type GatewayCrdSpec,
  type SimCrds,
  type SimPod,
} from '@natscope/kube-sim';
import { inspect } from '@natscope/natgw';
import { findUp } from '../find-up.js';
import { backendMarker, GATEWAY_COMMAND, GATEWAY_CONTAINER } from '../collector/gateway-command.js';
import { crdSpecFromReport } from './crd-spec-from-report.js';
import { GrowingCounters } from './grow-counters.js';
import { plantedDrift } from './planted-drift.js';
import { CHURN_PHASES, type DemoPhase, timelineExec } from './demo-timeline.js';

/** Where the real dumps live (built with real iptables in network namespaces). */
function fixturesDir(): URL {
  const dir = findUp('packages/iptables/fixtures/', import.meta.url);
  if (!dir)
    throw new Error(`natscope demo: cannot find packages/iptables/fixtures above ${fileURLToPath(import.meta.url)}`);
  return dir;
}

/** One demo gateway: where it lives, which dump its pods serve, and how it misbehaves. */
export interface DemoGateway {
  namespace: string;
  name: string;
  /** A file in packages/iptables/fixtures; the first of the list that exists is used. */
  fixture: string[];
  /** Pods: one StatefulSet pod by default; `ha` gives a Deployment's two pods with a bfdd sidecar first. */
  ha?: boolean;
  fault?: SimPod['fault'];
  phase?: SimPod['phase'];
  /** Its container's restarts (the pod itself kept its creation time). */
  restartCount?: number;
  /**
   * Its kubeovn.io objects. By default those that made the rules of its dump (crdSpecFromReport), so the two agree;
   * `fixture`: derived from another dump instead (the rules it should hold, but lost); `plant`: the drift planted in them.
   */
  objects?: { fixture?: string[]; plant?: (spec: GatewayCrdSpec) => GatewayCrdSpec };
  /** Its rules change on a cycle (for the history): each phase's dump in turn, from its start. */
  timeline?: readonly DemoPhase[];
}

/**
 * The built-in demo fleet: two namespaces, legacy and nft backends, a busy tenant, shadowed SNAT, a
 * half-deleted floating IP, an HA pair with bfdd, a gateway that lost its rules after a restart, one read
 * with the wrong backend (the legacy-tables warning on stderr), operator chains, one that hangs
 * (exec-timeout) and one natscope may not exec into (exec-forbidden). Every dump is a real iptables-save
 * capture from packages/iptables/fixtures.
 *
 * Their kubeovn.io objects agree with the dumps except where drift is planted (the codes compareDesired finds, tested
 * in demo-drift.test.ts): rebooted lost every rule its ready objects want (rule-missing: its container restarted in
 * the same pod, so no replay, #4987), vm-farm's objects moved a floating IP its pod still maps to the old VM
 * (rule-differs, F5), busy keeps the rules of a deleted floating IP (rule-orphaned) and has a port forward whose move
 * to a new backend stopped part-way (resource-not-ready), half-fip's floating IP has only its inbound rule
 * (rule-missing), and ops-custom's hand-written objects spell an SNAT CIDR with host bits and a protocol in capitals
 * (in sync, with a note on each). churn's rules change every minute (demo-timeline.ts: a floating IP removed and
 * added back, a port forward added, every rule lost for a minute), so the history has something to show. tenant-a,
 * edge-ha, overlap and odd-bytes (an operator's Latin-1 comment and chain name, kept as bytes) are in sync; split-brain's rules cannot be read
 * (unknown); stuck and locked agree with their dumps, which natscope cannot read.
 */
export const DEMO_GATEWAYS: readonly DemoGateway[] = [
  { namespace: 'kube-system', name: 'tenant-a', fixture: ['s5-tenant-v116-legacy.txt'] },
  {
    namespace: 'kube-system',
    name: 'vm-farm',
    fixture: ['s8-vm-fips-v114-nft.txt'],
    objects: { plant: plantedDrift.fipMoved },
  },
  {
    namespace: 'kube-system',
    name: 'edge-ha',
    ha: true,
    fixture: ['s5-tenant-master-nft.txt', 's5-tenant-v116-nft.txt'],
  },
  // Its objects are a tenant's (still ready); its container restarted and nothing replayed them.
  {
    namespace: 'kube-system',
    name: 'rebooted',
    fixture: ['restarted-empty-legacy.txt'],
    restartCount: 1,
    objects: { fixture: ['s5-tenant-v116-legacy.txt'] },
  },
  {
    namespace: 'tenant-b',
    name: 'busy',
    fixture: ['large-busy-v116-nft.txt', 'large-busy-master-legacy.txt', 's5-tenant-v116-legacy.txt'],
    objects: { plant: (spec) => plantedDrift.dnatUpdateStalled(plantedDrift.fipDeleted(spec)) },
  },
  {
    namespace: 'tenant-b',
    name: 'overlap',
    fixture: ['s6-overlapping-snat-v116-nft.txt', 's6-overlapping-snat-v116-legacy.txt'],
  },
  { namespace: 'tenant-b', name: 'half-fip', fixture: ['fip-half-dnat-v114-legacy.txt', 'fip-half-snat-v115-nft.txt'] },
  // An image without iptables-legacy (≤ v1.12.21) reads the nft view of legacy rules: empty, with a warning.
  {
    namespace: 'tenant-b',
    name: 'split-brain',
    fixture: ['nft-view-of-legacy-s5-tenant-v116.txt', 'nft-view-of-legacy-gateway.txt'],
    objects: { fixture: ['s5-tenant-v116-legacy.txt'] },
  },
  {
    namespace: 'tenant-b',
    name: 'ops-custom',
    fixture: ['operator-chains-v116-legacy.txt', 's5-tenant-v116-legacy.txt'],
    objects: { plant: plantedDrift.misspelled },
  },
  // Its rules change every minute, on a four-minute cycle, so the history has something to show soon after a start.
  { namespace: 'tenant-b', name: 'churn', fixture: ['s5-tenant-v114-legacy.txt'], timeline: CHURN_PHASES },
  // An operator's rules with bytes iptables keeps but that are not UTF-8 (a Latin-1 comment and chain name).
  { namespace: 'tenant-b', name: 'odd-bytes', fixture: ['odd-bytes-v116-legacy.txt'] },
  { namespace: 'tenant-b', name: 'stuck', fixture: ['s4-port-forwards-v114-legacy.txt'], fault: 'hang' },
  { namespace: 'tenant-b', name: 'locked', fixture: ['s3-fip-v114-nft.txt'], fault: 'forbidden' },
];

/**
 * An exec handler that answers GATEWAY_COMMAND the way a real gateway pod would: the backend marker line,
 * then the dump with counters grown since `startedAt`. It answers by pod, never by interpreting the shell
 * text; any other argv fails like a command the image does not have.
 */
export function gatewayExec(
  dump: string,
  opts: { backend: 'legacy' | 'nft'; stderr?: string; startedAt: number; now?: () => number },
): ExecHandler {
  const counters = new GrowingCounters(dump);
  const now = opts.now ?? Date.now;
  return (req) => {
    if (req.container !== GATEWAY_CONTAINER || !isDeepStrictEqual(req.command, [...GATEWAY_COMMAND])) {
      return {
        stdout: '',
        stderr: `natscope demo: ${req.container} only answers natscope's gateway command\n`,
        exitCode: 126,
      };
    }
    // As bytes (encodeDump): a fixture byte that is not UTF-8 reaches the collector as that byte, as from a pod.
    const stdout = Buffer.from(encodeDump(backendMarker(opts.backend) + counters.at((now() - opts.startedAt) / 1000)));
    return { stdout, stderr: opts.stderr ?? '', exitCode: 0 };
  };
}

/** The first fixture of `names` that exists, with its captured stderr (`<name>.stderr.txt`) if there is one. */
export function demoFixture(names: readonly string[]): { file: string; text: string; stderr: string } {
  const fixtures = fixturesDir();
  for (const file of names) {
    const url = new URL(file, fixtures);
    if (!existsSync(url)) continue;
    const stderrUrl = new URL(file.replace(/\.txt$/, '.stderr.txt'), fixtures);
    return {
      file,
      text: decodeDump(readFileSync(url), file).text,
      stderr: existsSync(stderrUrl) ? readFileSync(stderrUrl, 'utf8') : '',
    };
  }
  throw new Error(`none of the demo fixtures ${names.join(', ')} exists in packages/iptables/fixtures`);
}

/** The pods of one demo gateway, shaped like Kube-OVN's (kube-sim's gatewayPod/haGatewayPods). */
export function demoPods(gw: DemoGateway, startedAt: number, now: () => number = Date.now): SimPod[] {
  const { file, text, stderr } = demoFixture(gw.fixture);
  const backend = /\(nf_tables\)/.test(text) || /-nft\b/.test(file) ? 'nft' : 'legacy';
  // Each HA pod has carried its own share of the traffic: shift its clock so its counters differ.
  const own = (i: number): ExecHandler =>
    gatewayExec(text, { backend, stderr, startedAt: startedAt - i * 3_600_000, now });
  const phases = gw.timeline?.map((p) => {
    const dump = p.fixture ? demoFixture(p.fixture).text : (p.edit?.(text) ?? text);
    return { seconds: p.seconds, exec: gatewayExec(dump, { backend, stderr, startedAt, now }) };
  });
  const exec = (i: number): ExecHandler => (phases ? timelineExec(phases, startedAt, now) : own(i));
  const common = {
    gateway: gw.name,
    namespace: gw.namespace,
    ...(gw.phase ? { phase: gw.phase } : {}),
    ...(gw.fault ? { fault: gw.fault } : {}),
    ...(gw.restartCount ? { restartCount: gw.restartCount } : {}),
  };
  if (gw.ha) return haGatewayPods({ ...common, each: (i) => ({ exec: exec(i) }) });
  return [gatewayPod({ ...common, exec: exec(0) })];
}

/** The kubeovn.io objects of one demo gateway: derived from its dump (or its `objects.fixture`), then its drift planted. */
export function demoCrds(gw: DemoGateway): Required<SimCrds> {
  const { file, text } = demoFixture(gw.objects?.fixture ?? gw.fixture);
  const derived = crdSpecFromReport(gw.name, inspect(parse(text, { file })), {
    namespace: gw.namespace,
    replicas: gw.ha ? 2 : 1,
  });
  return gatewayCrds(gw.objects?.plant?.(derived) ?? derived);
}

/** Starts the demo cluster: kube-sim on 127.0.0.1 serving DEMO_GATEWAYS and their kubeovn.io objects. */
export async function startDemoCluster(): Promise<{ kubeconfig: string; close: () => Promise<void> }> {
  const startedAt = Date.now();
  const sim = await startKubeSim({
    pods: DEMO_GATEWAYS.flatMap((gw) => demoPods(gw, startedAt)),
    crds: mergeCrds(...DEMO_GATEWAYS.map(demoCrds)),
  });
  return { kubeconfig: sim.kubeconfig, close: () => sim.close() };
}
