import {
  type DriftCounts,
  type DriftReport,
  type GatewayDrift,
  KUBE_OVN_FIELDS,
  KUBE_OVN_KINDS,
  type KubeOvnResources,
  type PodDrift,
} from '@natscope/api';
import { gatewayFingerprints, listedResources, objectYaml, unknownDrift } from '@natscope/drift';
import type { DriftJob, DriftListing } from '../analysis/drift-job.js';
import type { CollectorEvent } from '../collector/collector-event.js';
import type { Collector, GatewayState, PodState } from '../collector/collector.js';
import type { DriftSource } from '../views/drift-source.js';
import type { GatewayCluster } from '../kube/gateway-cluster.js';
import { KubeOvnListError } from '../kube/kubeovn-lister.js';

/** Where comparisons run: the analysis workers (AnalysisPool), which hold the listing and recent reports. */
export interface Comparer {
  shareListing(listing: DriftListing): void;
  compare(job: Omit<DriftJob, 'listing'>): Promise<DriftReport>;
}

export interface DesiredStateOptions {
  collector: Collector;
  cluster: GatewayCluster;
  comparer: Comparer;
  /** How long listing the five kinds may take. */
  timeoutMs: number;
  now?: () => number;
  log?: (line: string) => void;
}

/** The latest listing of the kubeovn.io objects. */
interface Listing extends DriftListing {
  /** When it was listed (ms since the epoch). */
  at: number;
  /** Every object's identity and version, to tell a listing that changed nothing. */
  digest: string;
  keyOf: (gateway: string) => string;
  /** Objects by kind and name, for a row's YAML. */
  byName: Map<string, unknown>;
}

/** One pod's comparison: for which reading shape and objects (key), and its result once there is one. */
interface PodComparison {
  key: string;
  /** The latest finished comparison (of this key, or of an older one while this one runs). */
  report: DriftReport | null;
}

const NO_COUNTS: DriftCounts = Object.freeze({ error: 0, warning: 0, info: 0 }) as DriftCounts;

function countsOf(report: DriftReport): DriftCounts {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of report.drifts) counts[d.severity]++;
  return counts;
}

/**
 * Desired vs actual for the whole fleet, as a collector listener: lists the five kubeovn.io kinds once per pass
 * (at its start, beside the execs), and compares each pod's reading with its gateway's objects in the analysis
 * workers, again only when the reading's rules (its shape) or the objects the gateway's comparison reads (its
 * fingerprint) changed. A listing that fails (403, CRDs not installed, timeout) makes every gateway `unknown`
 * with the reason; the iptables view is untouched.
 */
export class DesiredState implements DriftSource {
  private listing: Listing | null = null;
  private listError: KubeOvnListError | null = null;
  private listingInFlight: Promise<void> | null = null;
  private version = 0;
  private readonly pods = new WeakMap<PodState, PodComparison>();
  /** Comparisons of one key run once (an HA pair's pods usually share their shape). */
  private readonly running = new Map<string, Promise<DriftReport>>();
  private readonly now: () => number;
  private lastNotes = '';
  /** Each comparison's rows with their objects' YAML, for the listing they were taken from. */
  private readonly withYaml = new WeakMap<DriftReport, { listing: Listing | null; body: DriftReport }>();

  constructor(private readonly opts: DesiredStateOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The collector listener: subscribe it before the collector's first pass. */
  readonly listener = (event: CollectorEvent): void => {
    if (event.type === 'pass-start') this.listingInFlight ??= this.list().finally(() => (this.listingInFlight = null));
    else if (event.type === 'reading' && this.listing && !this.listingInFlight) this.ensure(event.gateway, event.pod);
  };

  /** Resolves once the listing of the pass in flight and every comparison it started have finished (tests, bench). */
  async settled(): Promise<void> {
    while (this.listingInFlight || this.running.size > 0) {
      await this.listingInFlight;
      await Promise.allSettled([...this.running.values()]);
    }
  }

  /** The gateway's fleet row: the worst of its pods (a drifted HA pod makes the gateway drifted). */
  summary(gw: GatewayState): GatewayDrift {
    let best: { report: DriftReport; counts: DriftCounts } | null = null;
    for (const pod of gw.pods) {
      const report = this.reportOf(gw, pod);
      if (report.status === 'unknown' && !pod.good) continue;
      const counts = countsOf(report);
      if (!best || worse(report, counts, best.report, best.counts)) best = { report, counts };
    }
    if (!best) {
      const first = gw.pods[0];
      const reason = first ? this.reportOf(gw, first).reason : `gateway ${gw.name} has no pods`;
      return { status: 'unknown', ...(reason ? { reason } : {}), counts: NO_COUNTS };
    }
    const { report, counts } = best;
    return { status: report.status, ...(report.reason ? { reason: report.reason } : {}), counts };
  }

  /** One pod's comparison for the gateway detail, each object's row with its YAML. */
  podDrift(gw: GatewayState, pod: PodState): PodDrift {
    const report = this.reportOf(gw, pod);
    const listing = this.listing;
    const listedAt = listing ? new Date(listing.at).toISOString() : null;
    // The rows' YAML is made once per comparison and listing, not on every poll of the detail.
    const cached = this.withYaml.get(report);
    if (cached && cached.listing === listing) return { ...cached.body, listedAt };
    const resources = report.resources.map((row) => {
      const object = listing?.byName.get(`${row.kind}/${row.name}`);
      return object === undefined ? row : { ...row, yaml: objectYaml(object) };
    });
    const body = { ...report, resources };
    this.withYaml.set(report, { listing, body });
    return { ...body, listedAt };
  }

  podReport(gw: GatewayState, pod: PodState): DriftReport {
    return this.reportOf(gw, pod);
  }

  /** What is known of a pod's drift now: its comparison, or `unknown` and why there is none. */
  private reportOf(gw: GatewayState, pod: PodState): DriftReport {
    if (!this.opts.cluster.listKubeOvn) return unknownDrift(gw.name, 'this source cannot list kubeovn.io objects, so nothing says what the gateway should hold');
    if (this.listError) return unknownDrift(gw.name, this.listError.message);
    if (!this.listing) return unknownDrift(gw.name, 'the kubeovn.io objects have not been listed yet');
    if (!pod.good) {
      const why = pod.error ? `its rules could not be read (${pod.error.code}): ${pod.error.message}` : 'its rules have not been read yet';
      return unknownDrift(gw.name, `${pod.info.name}: ${why}`);
    }
    const state = this.pods.get(pod);
    if (state?.report) return state.report;
    return unknownDrift(gw.name, `${pod.info.name}: being compared with the kubeovn.io objects`);
  }

  /** Lists the five kinds; on a change, hands the listing to the workers and compares what it affects. */
  private async list(): Promise<void> {
    const { cluster, collector } = this.opts;
    if (!cluster.listKubeOvn) return;
    try {
      const lists = await cluster.listKubeOvn({ timeoutMs: this.opts.timeoutMs });
      const { resources, notes } = listedResources(lists);
      const joined = notes.join('\n');
      if (joined && joined !== this.lastNotes) this.opts.log?.(`natscope: kubeovn.io objects left out of the comparison:\n  ${notes.join('\n  ')}`);
      this.lastNotes = joined;
      const digest = digestOf(resources);
      const hadError = this.listError !== null;
      this.listError = null;
      if (this.listing?.digest !== digest) {
        const byName = new Map<string, unknown>();
        for (const kind of KUBE_OVN_KINDS) {
          for (const object of resources[KUBE_OVN_FIELDS[kind]]) byName.set(`${kind}/${object.metadata.name}`, object);
        }
        this.listing = { version: ++this.version, resources, at: this.now(), digest, keyOf: gatewayFingerprints(resources), byName };
        this.opts.comparer.shareListing({ version: this.listing.version, resources });
      } else {
        this.listing.at = this.now();
      }
      if (hadError) for (const gw of collector.list()) collector.touch(gw);
      for (const gw of collector.list()) for (const pod of gw.pods) this.ensure(gw, pod);
    } catch (err) {
      const error = err instanceof KubeOvnListError ? err : new KubeOvnListError('unreachable', `listing the kubeovn.io objects failed: ${String(err)}`);
      if (this.listError?.message !== error.message) this.opts.log?.(`natscope: ${error.message}`);
      this.listError = error;
      for (const gw of collector.list()) collector.touch(gw);
    }
  }

  /** Starts the pod's comparison when its reading or its gateway's objects changed since the last one. */
  private ensure(gw: GatewayState, pod: PodState): void {
    const listing = this.listing;
    const good = pod.good;
    if (!listing || !good) return;
    const key = `${good.analysis.shape}|${listing.keyOf(gw.name)}`;
    const state = this.pods.get(pod);
    if (state?.key === key) return;
    const next: PodComparison = { key, report: state?.report ?? null };
    this.pods.set(pod, next);
    let job = this.running.get(key);
    if (!job) {
      job = this.opts.comparer.compare({ shape: good.analysis.shape, raw: good.raw, stderr: good.stderr, target: `${gw.namespace}/${pod.info.name}`, gateway: gw.name });
      this.running.set(key, job);
      const forget = (): void => void this.running.delete(key);
      job.then(forget, forget);
    }
    job.then(
      (report) => this.settle(gw, pod, next, report),
      (err: unknown) => this.settle(gw, pod, next, unknownDrift(gw.name, `${pod.info.name}: the comparison failed: ${err instanceof Error ? err.message : String(err)}`)),
    );
  }

  private settle(gw: GatewayState, pod: PodState, state: PodComparison, report: DriftReport): void {
    if (this.pods.get(pod) !== state) return; // a newer comparison superseded this one
    state.report = report;
    this.opts.collector.touch(gw);
  }
}

const RANK = { drifted: 2, unknown: 1, 'in-sync': 0 } as const;

/** Whether report a is worse than b: drifted over unknown over in sync, then more errors, then more warnings. */
function worse(a: DriftReport, ac: DriftCounts, b: DriftReport, bc: DriftCounts): boolean {
  if (RANK[a.status] !== RANK[b.status]) return RANK[a.status] > RANK[b.status];
  if (ac.error !== bc.error) return ac.error > bc.error;
  return ac.warning > bc.warning;
}

/** Every object's identity and version: equal for two listings that differ in nothing the comparison reads. */
function digestOf(resources: KubeOvnResources): string {
  const parts: string[] = [];
  for (const kind of KUBE_OVN_KINDS) {
    for (const o of resources[KUBE_OVN_FIELDS[kind]]) {
      const { name, uid, resourceVersion } = o.metadata;
      parts.push(resourceVersion ? `${kind}/${name}/${uid ?? ''}@${resourceVersion}` : `${kind}:${JSON.stringify(o)}`);
    }
  }
  return parts.join('\n');
}
