import type { Diagnostic, GatewaySummary, InspectReport } from '@natscope/api';
import { decodeDump, parse } from '@natscope/iptables';
import { inspect, reportCounts } from '@natscope/natgw';
import { inspectDumpOrFail } from './inspect-dump.js';
import { labelText } from '../views/prometheus-text.js';
import { reportAddresses, type ReportFacts } from './summarize-report.js';

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
  /** Every EIP, internal IP and SNAT CIDR it maps, each once (GET /api/addresses sorts them when asked). */
  addresses: string[];
  /** Each diagnostic's code and severity, in report order (errors first): /metrics counts them, health reads them. */
  diagnostics: Pick<Diagnostic, 'code' | 'severity'>[];
  mappings: MappingTable;
  /** The input line of each rule counter (CounterScan.lines): the same for every reading of this shape. */
  lines: Int32Array;
}

/** One dump to analyse: its text and stderr, whose it is, and its counter scan's shape and rule lines. */
export interface AnalysisJob {
  /** CounterScan.shape: dumps of the same shape analyse the same (an HA pair's pods usually do). */
  shape: string;
  raw: string;
  stderr: string;
  /** `namespace/pod`, for messages. */
  target: string;
  /** The backend the gateway command said it used, for a dump without a header. */
  marker: 'legacy' | 'nft' | null;
  lines: Int32Array;
}

/** An analysis without what the reader already has from its counter scan (shape and lines). */
export type AnalysisResult = Omit<Analysis, 'shape' | 'lines'>;

/** Something that analyses dumps: the worker pool in the server. */
export interface Analyser {
  analyse(job: AnalysisJob): Promise<AnalysisResult>;
}

/**
 * Parses and inspects a dump (the expensive part of a reading), keeping only what the fleet view, the address
 * search and /metrics need. Its strings must not be slices of the dump (they would keep its text alive as long
 * as the analysis): the server runs this in a worker, and the copy into the main thread detaches them.
 */
export function analyseDump(job: AnalysisJob, report: InspectReport = inspectJob(job)): AnalysisResult {
  const indexOfLine = new Map<number, number>();
  job.lines.forEach((line, i) => indexOfLine.set(line, i));
  const offsets = new Uint32Array(report.mappings.length + 1);
  const ruleIndex: number[] = [];
  report.mappings.forEach((m, i) => {
    for (const r of m.rules) {
      const index = indexOfLine.get(r.line);
      if (index !== undefined) ruleIndex.push(index);
    }
    offsets[i + 1] = ruleIndex.length;
  });
  return {
    backend: report.backend !== 'unknown' ? report.backend : (job.marker ?? 'unknown'),
    facts: reportCounts(report),
    addresses: reportAddresses(report),
    diagnostics: report.diagnostics.map((d) => ({ code: d.code, severity: d.severity })),
    mappings: {
      labels: report.mappings.map((m) => labelText(labelsOf(m))),
      offsets,
      ruleIndex: Uint32Array.from(ruleIndex),
    },
  };
}

/** parse + inspect of a job's dump, failing as inspectDumpOrFail says (parse-failed or internal). */
export function inspectJob(job: Pick<AnalysisJob, 'raw' | 'stderr' | 'target'>): InspectReport {
  // decodeDump first: a control byte iptables-save never prints fails at its own line and column, the same
  // position `natscope inspect` names for the same bytes.
  const read = () => parse(decodeDump(job.raw, job.target).text, { file: job.target });
  return inspectDumpOrFail(() => inspect(read(), { stderr: job.stderr }), job.stderr, job.target);
}

/** A mapping's /metrics labels: kind, EIP, the internal side, and protocol and port for a port forward. */
function labelsOf(m: InspectReport['mappings'][number]): Record<string, string> {
  switch (m.kind) {
    case 'fip':
      return { kind: m.kind, eip: m.eip, internal: m.internalIp };
    case 'dnat':
      return {
        kind: m.kind,
        eip: m.eip,
        internal: `${m.internalIp}:${m.internalPort}`,
        protocol: m.protocol,
        port: String(m.externalPort),
      };
    case 'snat':
      return { kind: m.kind, eip: m.eip, internal: m.internalCidr };
    case 'hairpin':
      return { kind: m.kind, eip: m.eip, internal: '' };
  }
}

/** Mapping `i`'s packets and bytes in a reading: the sum over its rules, as the report computes it. */
export function mappingCounters(
  table: MappingTable,
  i: number,
  counters: Float64Array,
): { packets: number; bytes: number } {
  let packets = 0;
  let bytes = 0;
  for (let k = table.offsets[i] ?? 0; k < (table.offsets[i + 1] ?? 0); k++) {
    const r = table.ruleIndex[k] ?? 0;
    packets += counters[2 * r] ?? 0;
    bytes += counters[2 * r + 1] ?? 0;
  }
  return { packets, bytes };
}
