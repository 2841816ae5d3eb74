import type { GatewayDetail, GatewayTrace, InspectReport, TraceRequest } from '@natscope/api';
import { compareDesired, driftCounts, type ReadResources } from '@natscope/drift';
import { decodeDump, parse, readPastedDump, type Dump } from '@natscope/iptables';
import { findingsHealth, gatewayHeadline, inspect, reportCounts, trace } from '@natscope/natgw';
import type { LocalFile } from './local-file.js';

export type { LocalFile } from './local-file.js';

/** The pod, namespace and context a dump opened in the browser is shown under: it has none of its own. */
const LOCAL_NAMESPACE = 'local';
const LOCAL_CONTEXT = 'local file';

/**
 * A dump opened in the browser, parsed and inspected as the server would (`inspect`, the same health words), shown as a
 * GatewayDetail of source `file`: the gateway page needs nothing else. Nothing here does I/O; the worker holds one.
 */
export class LocalReading {
  #detail: GatewayDetail;
  /** What `readPastedDump` changed to read it (CRLF, a prompt line skipped, …), for the page to say. */
  readonly changes: readonly string[];
  readonly #dump: Dump;
  readonly #report: InspectReport;

  private constructor(detail: GatewayDetail, changes: readonly string[], dump: Dump, report: InspectReport) {
    this.#detail = detail;
    this.changes = changes;
    this.#dump = dump;
    this.#report = report;
  }

  /** The reading as the gateway page shows it; its drift is the last comparison made (`compare`). */
  get detail(): GatewayDetail {
    return this.#detail;
  }

  /**
   * Reads a dump's bytes (kept as the kernel keeps them: a byte that is not UTF-8 stays that byte) or pasted text.
   * Throws `IptablesSyntaxError` at `file:line:column` when it is not iptables-save output.
   */
  static open(input: Uint8Array | string, file: LocalFile): LocalReading {
    const { text: decoded } = decodeDump(input, file.name);
    const pasted = readPastedDump(decoded);
    const dump = parse(pasted.text, { file: file.name });
    const report = inspect(dump);
    const { counts, diagnostics } = reportCounts(report);
    const findings = findingsHealth(report.diagnostics);
    const detail: GatewayDetail = {
      namespace: LOCAL_NAMESPACE,
      name: file.name,
      pods: [{ name: file.name, phase: 'File', ready: true }],
      status: 'ok',
      backend: report.backend,
      collectedAt: file.readAt,
      ageSeconds: 0,
      stale: false,
      // One reading, no history: nothing says when its rules last changed.
      lastRuleChangeAt: null,
      reading: 'ok',
      health: findings.health,
      headline: gatewayHeadline({ reading: 'ok', findings }),
      counts,
      diagnostics,
      source: 'file',
      context: LOCAL_CONTEXT,
      pod: file.name,
      stderr: '',
      raw: pasted.text,
      // A copy: the report's tables and decoded rules are built lazily from the dump; the page gets plain data.
      report: JSON.parse(JSON.stringify(report)) as GatewayDetail['report'],
      drift: { gateway: file.name, status: 'unknown', reason: NO_RESOURCES, drifts: [], resources: [], listedAt: null },
    };
    return new LocalReading(detail, pasted.changes, dump, report);
  }

  /**
   * Compares this dump with the kubeovn.io objects of a file (`kubectl get … -o yaml`), as gateway `gateway`, the way
   * the server compares a live gateway with its listing: the detail's drift (each object's row with its YAML) and its
   * headline become the comparison's. `file` is the objects' file, its time read standing for the listing's.
   */
  compare(objects: ReadResources, gateway: string, file: LocalFile): GatewayDetail {
    const drift = compareDesired({ gateway, report: this.#report, resources: objects.resources, yaml: true });
    const findings = findingsHealth(this.#report.diagnostics);
    this.#detail = {
      ...this.#detail,
      headline: gatewayHeadline({
        reading: 'ok',
        findings,
        drift: { status: drift.status, counts: driftCounts(drift) },
      }),
      drift: { ...drift, listedAt: file.readAt },
    };
    return this.#detail;
  }

  /** The trace of one packet through this dump, as the server's trace route answers it. */
  trace(request: TraceRequest): GatewayTrace {
    return {
      ...trace(this.#dump, request),
      namespace: this.detail.namespace,
      name: this.detail.name,
      pod: this.detail.pod,
      collectedAt: this.detail.collectedAt ?? new Date(0).toISOString(),
    };
  }
}

const NO_RESOURCES =
  'no kubeovn.io objects were opened with this dump: choose their file in the banner ("Compare with its kubeovn.io objects")';
