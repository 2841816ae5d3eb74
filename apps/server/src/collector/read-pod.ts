import type { Analyser, Analysis } from '../analysis/analyse-dump.js';
import { CollectError } from './collect-error.js';
import { GATEWAY_COMMAND, GATEWAY_CONTAINER, splitGatewayOutput } from './gateway-command.js';
import type { GatewayCluster, PodInfo } from '../kube/gateway-cluster.js';
import { scanCounters } from './scan-counters.js';

/** A good reading of one gateway pod: what the API and /metrics serve until the next good one. */
export interface PodReading {
  /** When the command finished (ms since the epoch). */
  at: number;
  stderr: string;
  /** The iptables-save text exactly as printed (the backend marker line removed). */
  raw: string;
  /** Rule counters in input order, [packets, bytes] pairs (CounterScan.counters). */
  counters: Float64Array;
  analysis: Analysis;
  /** The good reading before this one, for rates; its text only when its shape differs (rules moved). */
  previous: { at: number; shape: string; counters: Float64Array; raw: string | null } | null;
}

/** The gateway command's successful output from one pod, not yet analysed. */
export interface PodRun {
  /** `namespace/pod`. */
  target: string;
  /** When the command finished (ms since the epoch). */
  at: number;
  stdout: string;
  stderr: string;
}

/** What running the gateway command needs besides the pod. */
export interface RunOptions {
  cluster: GatewayCluster;
  timeoutMs: number;
  now: () => number;
}

/**
 * Why runGatewayCommand will not exec in the pod (it is not Running, or has no gateway container), or null
 * when it will. The collector asks this ahead of a pass to know how many execs are coming.
 */
export function whyNoExec(pod: PodInfo): CollectError | null {
  const target = `${pod.namespace}/${pod.name}`;
  if (pod.phase !== 'Running') {
    return new CollectError(
      'pod-not-running',
      `${target} is ${pod.phase}, not Running; it is read again on the next poll`,
    );
  }
  if (!pod.containers.includes(GATEWAY_CONTAINER)) {
    return new CollectError(
      'container-missing',
      `${target} has no container "${GATEWAY_CONTAINER}" (it has: ${pod.containers.join(', ') || 'none'}); is it a Kube-OVN NAT gateway pod?`,
    );
  }
  return null;
}

/**
 * The part of a reading that waits on the cluster: checks the pod can be exec'd and runs GATEWAY_COMMAND in
 * its `vpc-nat-gw` container. Every failure is a CollectError with Contract 3's code and a message naming the
 * pod and the cause.
 */
export async function runGatewayCommand(pod: PodInfo, opts: RunOptions): Promise<PodRun> {
  const target = `${pod.namespace}/${pod.name}`;
  const refused = whyNoExec(pod);
  if (refused) throw refused;
  const result = await opts.cluster.exec({
    namespace: pod.namespace,
    pod: pod.name,
    container: GATEWAY_CONTAINER,
    command: GATEWAY_COMMAND,
    timeoutMs: opts.timeoutMs,
  });
  if (result.exitCode !== 0) {
    const said = lastLines(result.stderr) || 'no stderr';
    throw new CollectError(
      'exec-failed',
      `${target}: the gateway command exited with code ${result.exitCode}: ${said}`,
      result.stderr,
    );
  }
  return { target, at: opts.now(), stdout: result.stdout, stderr: result.stderr };
}

/**
 * Turns a run into a reading: scans the counters (cheap, every poll) and has `analyser` parse and inspect the
 * dump only when its shape changed since `previous`, the pod's last good reading (whose analysis is reused
 * otherwise). Fails with parse-failed when the output is not iptables-save text.
 */
export async function toReading(run: PodRun, analyser: Analyser, previous: PodReading | null): Promise<PodReading> {
  const { backend, dump: raw } = splitGatewayOutput(run.stdout);
  const scan = scanCounters(raw, `${backend ?? ''}\n${run.stderr}`);
  const analysis: Analysis =
    previous?.analysis.shape === scan.shape
      ? previous.analysis
      : {
          shape: scan.shape,
          lines: scan.lines,
          ...(await analyser.analyse({
            shape: scan.shape,
            raw,
            stderr: run.stderr,
            target: run.target,
            marker: backend,
            lines: scan.lines,
          })),
        };
  return {
    at: run.at,
    stderr: run.stderr,
    raw,
    counters: scan.counters,
    analysis,
    previous: previous
      ? {
          at: previous.at,
          shape: previous.analysis.shape,
          counters: previous.counters,
          raw: previous.analysis === analysis ? null : previous.raw,
        }
      : null,
  };
}

/** The last few non-empty stderr lines, on one line: enough to say why without flooding the message. */
function lastLines(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.slice(-3).join(' | ').slice(0, 500);
}
