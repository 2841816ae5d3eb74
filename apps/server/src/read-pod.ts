import type { GatewaySummary, InspectReport } from '@natscope/api';
import { IptablesSyntaxError, parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { CollectError } from './collect-error.js';
import { labelText } from './prometheus-text.js';
import { GATEWAY_COMMAND, GATEWAY_CONTAINER, splitGatewayOutput } from './gateway-command.js';
import type { GatewayCluster, PodInfo } from './kube-client.js';
import { scanCounters, type CounterScan } from './scan-counters.js';
import { reportAddresses, summarizeReport, type ReportFacts } from './summarize-report.js';

/**
 * The mappings of an analysis as /metrics needs them, packed (a busy fleet has tens of thousands): one
 * label text per mapping, and the indexes of its rules' counters, mapping i owning ruleIndex[offsets[i] ..
 * offsets[i + 1]).
 */
export interface MappingTable {
  /** e.g. `kind="dnat",eip="192.168.100.12",internal="10.0.2.20:22",protocol="tcp",port="2222"` */
  labels: string[];
  offsets: Uint32Array;
  ruleIndex: Uint32Array;
}

/** What the analysis of a dump says, minus the counters: reused while the dump keeps its shape. */
export interface Analysis {
  shape: string;
  backend: GatewaySummary['backend'];
  facts: ReportFacts;
  /** Every EIP, internal IP and SNAT CIDR it maps, in numeric order (for GET /api/addresses). */
  addresses: string[];
  diagnostics: { code: string; severity: string }[];
  mappings: MappingTable;
  /** The input line of each rule counter (CounterScan.lines): the same for every reading of this shape. */
  lines: Int32Array;
}

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

/** What reading a pod needs besides the pod. */
export interface ReadPodOptions {
  cluster: GatewayCluster;
  timeoutMs: number;
  /** The pod's previous good reading: for rates, and its analysis is reused when the shape is unchanged. */
  previous: PodReading | null;
  now: () => number;
}

/**
 * Reads one gateway pod: checks it can be exec'd, runs GATEWAY_COMMAND in its `vpc-nat-gw` container, and
 * analyses the output, or reuses the previous analysis when only counters changed. Every failure is a
 * CollectError with Contract 3's code and a message naming the pod and the cause.
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
  const scan = scanCounters(raw, `${backend ?? ''}\n${result.stderr}`);
  const previous = opts.previous;
  const analysis = previous?.analysis.shape === scan.shape ? previous.analysis : analyse(raw, result.stderr, target, backend, scan);
  return {
    at,
    stderr: result.stderr,
    raw,
    counters: scan.counters,
    analysis,
    previous: previous
      ? { at: previous.at, shape: previous.analysis.shape, counters: previous.counters, raw: previous.analysis === analysis ? null : previous.raw }
      : null,
  };
}

/** Parses and inspects a dump (the expensive part), keeping what the fleet view and /metrics need. */
function analyse(raw: string, stderr: string, target: string, marker: 'legacy' | 'nft' | null, scan: CounterScan): Analysis {
  const report = inspectDump(raw, stderr, target);
  const indexOfLine = new Map<number, number>();
  scan.lines.forEach((line, i) => indexOfLine.set(line, i));
  const offsets = new Uint32Array(report.mappings.length + 1);
  const ruleIndex: number[] = [];
  report.mappings.forEach((m, i) => {
    for (const r of m.rules) {
      const index = indexOfLine.get(r.line);
      if (index !== undefined) ruleIndex.push(index);
    }
    offsets[i + 1] = ruleIndex.length;
  });
  // Through JSON and back: the strings the report holds are slices of the whole dump, and keeping one would
  // keep the dump's text alive as long as this analysis.
  const kept = JSON.parse(
    JSON.stringify({
      facts: summarizeReport(report),
      addresses: reportAddresses(report),
      diagnostics: report.diagnostics.map((d) => ({ code: d.code, severity: d.severity })),
      labels: report.mappings.map((m) => labelText(labelsOf(m))),
    }),
  ) as { facts: ReportFacts; addresses: string[]; diagnostics: Analysis['diagnostics']; labels: string[] };
  return {
    shape: scan.shape,
    backend: report.backend !== 'unknown' ? report.backend : (marker ?? 'unknown'),
    facts: kept.facts,
    addresses: kept.addresses,
    diagnostics: kept.diagnostics,
    mappings: { labels: kept.labels, offsets, ruleIndex: Uint32Array.from(ruleIndex) },
    lines: scan.lines,
  };
}

/** parse + inspect, with syntax errors as parse-failed at file:line:column (the file is namespace/pod). */
export function inspectDump(raw: string, stderr: string, target: string): InspectReport {
  try {
    return inspect(parse(raw, { file: target }), { stderr });
  } catch (err) {
    if (err instanceof IptablesSyntaxError) {
      throw new CollectError('parse-failed', `cannot parse the iptables-save output of ${err.message}`, stderr);
    }
    throw new CollectError('parse-failed', `${target}: cannot analyse the iptables-save output: ${(err as Error).message}`, stderr);
  }
}

/** A mapping's /metrics labels: kind, EIP, the internal side, and protocol and port for a port forward. */
function labelsOf(m: InspectReport['mappings'][number]): Record<string, string> {
  switch (m.kind) {
    case 'fip':
      return { kind: m.kind, eip: m.eip, internal: m.internalIp };
    case 'dnat':
      return { kind: m.kind, eip: m.eip, internal: `${m.internalIp}:${m.internalPort}`, protocol: m.protocol, port: String(m.externalPort) };
    case 'snat':
      return { kind: m.kind, eip: m.eip, internal: m.internalCidr };
    case 'hairpin':
      return { kind: m.kind, eip: m.eip, internal: '' };
  }
}

/** Mapping `i`'s packets and bytes in a reading: the sum over its rules, as the report computes it. */
export function mappingCounters(table: MappingTable, i: number, counters: Float64Array): { packets: number; bytes: number } {
  let packets = 0;
  let bytes = 0;
  for (let k = table.offsets[i] ?? 0; k < (table.offsets[i + 1] ?? 0); k++) {
    const r = table.ruleIndex[k] ?? 0;
    packets += counters[2 * r] ?? 0;
    bytes += counters[2 * r + 1] ?? 0;
  }
  return { packets, bytes };
}

/** The last few non-empty stderr lines, on one line: enough to say why without flooding the message. */
function lastLines(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.slice(-3).join(' | ').slice(0, 500);
}
