import type { GatewaySummary, InspectReport } from '@natscope/api';
import { IptablesSyntaxError, parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { CollectError } from './collect-error.js';
import { GATEWAY_COMMAND, GATEWAY_CONTAINER, splitGatewayOutput } from './gateway-command.js';
import type { GatewayCluster, PodInfo } from './kube-client.js';
import { fillRates, type CounterSnapshot } from './rates.js';
import { summarizeReport, type ReportFacts } from './summarize-report.js';

/** One mapping's counters, kept small for /metrics. */
export interface MappingSample {
  kind: string;
  eip: string;
  internal: string;
  protocol: string;
  port: string;
  packets: number;
  bytes: number;
}

/** A good reading of one gateway pod: what the API and /metrics serve until the next good one. */
export interface PodReading {
  /** When the command finished (ms since the epoch). */
  at: number;
  backend: GatewaySummary['backend'];
  stderr: string;
  /** The iptables-save text exactly as printed (the backend marker line removed). */
  raw: string;
  /** The report with rates, serialised once: detail responses splice it in instead of re-serialising. */
  reportJson: string;
  facts: ReportFacts;
  mappings: MappingSample[];
  diagnostics: { code: string; severity: string }[];
  snapshot: CounterSnapshot;
}

/** What reading a pod needs besides the pod. */
export interface ReadPodOptions {
  cluster: GatewayCluster;
  timeoutMs: number;
  /** The previous good reading's counters, for rates. */
  previous: CounterSnapshot | null;
  now: () => number;
}

/**
 * Reads one gateway pod: checks it can be exec'd, runs GATEWAY_COMMAND in its `vpc-nat-gw` container, parses
 * and analyses the output, and fills rates. Every failure is a CollectError with Contract 3's code and a
 * message naming the pod and the cause.
 */
export async function readPod(pod: PodInfo, opts: ReadPodOptions): Promise<PodReading> {
  const target = `${pod.namespace}/${pod.name}`;
  if (pod.phase !== 'Running') {
    throw new CollectError('pod-not-running', `${target} is ${pod.phase}, not Running; it is read again on the next poll`);
  }
  if (!pod.containers.includes(GATEWAY_CONTAINER)) {
    throw new CollectError(
      'container-missing',
      `${target} has no container "${GATEWAY_CONTAINER}" (it has: ${pod.containers.join(', ') || 'none'}); is it a Kube-OVN NAT gateway pod?`,
    );
  }
  const result = await opts.cluster.exec({
    namespace: pod.namespace,
    pod: pod.name,
    container: GATEWAY_CONTAINER,
    command: GATEWAY_COMMAND,
    timeoutMs: opts.timeoutMs,
  });
  if (result.exitCode !== 0) {
    const said = lastLines(result.stderr) || 'no stderr';
    throw new CollectError('exec-failed', `${target}: the gateway command exited with code ${result.exitCode}: ${said}`, result.stderr);
  }
  const at = opts.now();
  const { backend, dump: raw } = splitGatewayOutput(result.stdout);
  let report: InspectReport;
  try {
    report = inspect(parse(raw, { file: target }), { stderr: result.stderr });
  } catch (err) {
    if (err instanceof IptablesSyntaxError) {
      throw new CollectError('parse-failed', `cannot parse the iptables-save output of ${err.message}`, result.stderr);
    }
    throw new CollectError('parse-failed', `${target}: cannot analyse the iptables-save output: ${(err as Error).message}`, result.stderr);
  }
  const snapshot = fillRates(report, at, opts.previous);
  return {
    at,
    backend: report.backend !== 'unknown' ? report.backend : (backend ?? 'unknown'),
    stderr: result.stderr,
    raw,
    reportJson: JSON.stringify(report),
    facts: summarizeReport(report),
    mappings: report.mappings.map(sampleOf),
    diagnostics: report.diagnostics.map((d) => ({ code: d.code, severity: d.severity })),
    snapshot,
  };
}

function sampleOf(m: InspectReport['mappings'][number]): MappingSample {
  const base = { kind: m.kind, eip: m.eip, packets: m.counters.packets, bytes: m.counters.bytes };
  switch (m.kind) {
    case 'fip':
      return { ...base, internal: m.internalIp, protocol: '', port: '' };
    case 'dnat':
      return { ...base, internal: `${m.internalIp}:${m.internalPort}`, protocol: m.protocol, port: String(m.externalPort) };
    case 'snat':
      return { ...base, internal: m.internalCidr, protocol: '', port: '' };
    case 'hairpin':
      return { ...base, internal: '', protocol: '', port: '' };
  }
}

/** The last few non-empty stderr lines, on one line: enough to say why without flooding the message. */
function lastLines(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.slice(-3).join(' | ').slice(0, 500);
}
