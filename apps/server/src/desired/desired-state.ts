import {
  type DriftCounts,
  type DriftReport,
  type GatewayDrift,
  KUBE_OVN_FIELDS,
  KUBE_OVN_KINDS,
  type KubeOvnResources,
  type PodDrift,
} from '@natscope/api';
import {
  driftCounts,
  GatewaySlices,
  type ListedResources,
  ListingBuilder,
  objectYaml,
  unknownDrift,
} from '@natscope/drift';
import type { DriftJob } from '../analysis/drift-job.js';
import type { CollectorEvent } from '../collector/collector-event.js';
import type { Collector, GatewayState, PodState } from '../collector/collector.js';
import type { DriftSource } from '../views/drift-source.js';
import type { GatewayCluster } from '../kube/gateway-cluster.js';
import { KubeOvnListError } from '../kube/kubeovn-lister.js';

/** Where comparisons run: the analysis workers (AnalysisPool), which keep recent reports. */
export interface Comparer {
  /** Comparisons will follow analyses: keep the reports a while, so a comparison costs no second parse. */
  keepReports(): void;
  compare(job: DriftJob): Promise<DriftReport>;
}

/** What the listener has done since it started, for tests and the benchmark: work avoided shows as counts that stay. */
export interface DesiredStats {
  /** Listings that succeeded. */
  listings: number;
  /** Listings whose digest differed from the one before (the others changed nothing downstream). */
  changed: number;
  /** Objects validated (the others were reused: same uid and resourceVersion). */
  validated: number;
  /** Comparisons started (one per gateway, shape and slice, shared by the pods that have them). */
  compared: number;
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
interface Listing {
  /** When it was last listed (ms since the epoch); a listing that changed nothing only moves this. */
  at: number;
  /** The validated objects, their digest, and what the next listing may reuse. */
  listed: ListedResources;
  slices: GatewaySlices;
}

/** One pod's comparison: for which reading shape and objects (key), and its result once there is one. */
interface PodComparison {
  /** The listing and shape the key was worked out for: while both stay, the key stays, and nothing is sliced again. */
  listing: Listing;
  shape: string;
  key: string;
  /** The latest finished comparison (of this key, or of an older one while this one runs). */
  report: DriftReport | null;
}

/** A finished comparison and the objects it was compared with (its rows' YAML comes from them). */
interface Compared {
  report: DriftReport;
  objects: KubeOvnResources;
}

const NO_COUNTS: DriftCounts = Object.freeze({ error: 0, warning: 0, info: 0 }) as DriftCounts;

/**
 * Desired vs actual for the whole fleet, as a collector listener: lists the five kubeovn.io kinds once per pass
 * (at its start, beside the execs), and compares each pod's reading with its gateway's objects in the analysis
 * workers, again only when the reading's rules (its shape) or its gateway's slice of the listing (GatewaySlices: the
 * objects that gateway's comparison reads) changed. Each listing reuses the previous one's validated objects whose
 * uid and resourceVersion it still has, and a listing whose digest did not change costs nothing more. A worker is
 * sent one gateway's slice per comparison, never the fleet's listing. A listing that fails (403, CRDs not installed,
 * timeout) makes every gateway `unknown` with the reason; the iptables view is untouched.
 */
export class DesiredState implements DriftSource {
  private listing: Listing | null = null;
  private listError: KubeOvnListError | null = null;
  private listingInFlight: Promise<void> | null = null;
  private readonly pods = new WeakMap<PodState, PodComparison>();
  /** Comparisons of one key run once (an HA pair's pods usually share their shape). */
  private readonly running = new Map<string, Promise<Compared>>();
  private readonly now: () => number;
  private lastNotes = '';
  /** The objects each finished comparison was compared with. */
  private readonly objectsOf = new WeakMap<DriftReport, KubeOvnResources>();
  /** Each comparison's rows with their objects' YAML. */
  private readonly withYaml = new WeakMap<DriftReport, DriftReport>();
  readonly stats: DesiredStats = { listings: 0, changed: 0, validated: 0, compared: 0 };

  constructor(private readonly opts: DesiredStateOptions) {
    this.now = opts.now ?? Date.now;
    if (opts.cluster.listKubeOvn) opts.comparer.keepReports();
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
      const counts = driftCounts(report);
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
    const listedAt = this.listing ? new Date(this.listing.at).toISOString() : null;
    // The rows' YAML is made once per comparison, from the objects it compared, not on every poll of the detail.
    let body = this.withYaml.get(report);
    if (!body) {
      const byName = new Map<string, unknown>();
      const objects = this.objectsOf.get(report);
      if (objects)
        for (const kind of KUBE_OVN_KINDS)
          for (const object of objects[KUBE_OVN_FIELDS[kind]]) byName.set(`${kind}/${object.metadata.name}`, object);
      const resources = report.resources.map((row) => {
        const object = byName.get(`${row.kind}/${row.name}`);
        return object === undefined ? row : { ...row, yaml: objectYaml(object) };
      });
      body = { ...report, resources };
      this.withYaml.set(report, body);
    }
    return { ...body, listedAt };
  }

  podReport(gw: GatewayState, pod: PodState): DriftReport {
    return this.reportOf(gw, pod);
  }

  /** What is known of a pod's drift now: its comparison, or `unknown` and why there is none. */
  private reportOf(gw: GatewayState, pod: PodState): DriftReport {
    if (!this.opts.cluster.listKubeOvn)
      return unknownDrift(
        gw.name,
        'this source cannot list kubeovn.io objects, so nothing says what the gateway should hold',
      );
    if (this.listError) return unknownDrift(gw.name, this.listError.message);
    if (!this.listing) return unknownDrift(gw.name, 'the kubeovn.io objects have not been listed yet');
    if (!pod.good) {
      const why = pod.error
        ? `its rules could not be read (${pod.error.code}): ${pod.error.message}`
        : 'its rules have not been read yet';
      return unknownDrift(gw.name, `${pod.info.name}: ${why}`);
    }
    const state = this.pods.get(pod);
    if (state?.report) return state.report;
    return unknownDrift(gw.name, `${pod.info.name}: being compared with the kubeovn.io objects`);
  }

  /**
   * Lists the five kinds, validating only the objects that are new or changed since the last listing; when the
   * listing's digest changed, cuts it per gateway and compares the pods whose gateway's slice changed.
   */
  private async list(): Promise<void> {
    const { cluster, collector } = this.opts;
    if (!cluster.listKubeOvn) return;
    try {
      const builder = new ListingBuilder(this.listing?.listed);
      await cluster.listKubeOvn({ timeoutMs: this.opts.timeoutMs, page: (kind, items) => builder.add(kind, items) });
      const listed = builder.finish();
      this.stats.listings++;
      this.stats.validated += listed.validated;
      const { notes } = listed;
      const joined = notes.join('\n');
      if (joined && joined !== this.lastNotes)
        this.opts.log?.(`natscope: kubeovn.io objects left out of the comparison:\n  ${notes.join('\n  ')}`);
      this.lastNotes = joined;
      const hadError = this.listError !== null;
      this.listError = null;
      if (hadError) for (const gw of collector.list()) collector.touch(gw);
      if (this.listing && this.listing.listed.digest === listed.digest) {
        // Nothing the comparisons read changed: no slicing, no fingerprints, no comparison. (A pod read since is
        // compared from its reading event; readings during the listing wait for it, below.)
        this.listing.at = this.now();
        this.listing.listed = listed;
      } else {
        this.stats.changed++;
        this.listing = { at: this.now(), listed, slices: new GatewaySlices(listed.resources) };
      }
      for (const gw of collector.list()) for (const pod of gw.pods) this.ensure(gw, pod);
    } catch (err) {
      const error =
        err instanceof KubeOvnListError
          ? err
          : new KubeOvnListError('unreachable', `listing the kubeovn.io objects failed: ${String(err)}`);
      if (this.listError?.message !== error.message) this.opts.log?.(`natscope: ${error.message}`);
      this.listError = error;
      for (const gw of collector.list()) collector.touch(gw);
    }
  }

  /**
   * Starts the pod's comparison when its rules (shape) or its gateway's slice of the objects changed since the last
   * one. With the listing and the shape the same as last time, that is known without slicing anything.
   */
  private ensure(gw: GatewayState, pod: PodState): void {
    const listing = this.listing;
    const good = pod.good;
    if (!listing || !good) return;
    const { shape } = good.analysis;
    const state = this.pods.get(pod);
    if (state?.listing === listing && state.shape === shape) return;
    const slice = listing.slices.slice(gw.name, good.analysis.addresses);
    const key = `${gw.name}|${shape}|${slice.fingerprint}`;
    if (state?.key === key) {
      // The same comparison (its slice did not change): keep it, finished or still running.
      state.listing = listing;
      return;
    }
    const next: PodComparison = { listing, shape, key, report: state?.report ?? null };
    this.pods.set(pod, next);
    let job = this.running.get(key);
    if (!job) {
      this.stats.compared++;
      const objects = slice.resources;
      job = this.opts.comparer
        .compare({
          shape,
          raw: good.raw,
          stderr: good.stderr,
          target: `${gw.namespace}/${pod.info.name}`,
          gateway: gw.name,
          resources: objects,
        })
        .then((report) => ({ report, objects }));
      this.running.set(key, job);
      const forget = (): void => void this.running.delete(key);
      job.then(forget, forget);
    }
    job.then(
      ({ report, objects }) => {
        this.objectsOf.set(report, objects);
        this.settle(gw, pod, next, report);
      },
      (err: unknown) =>
        this.settle(
          gw,
          pod,
          next,
          unknownDrift(
            gw.name,
            `${pod.info.name}: the comparison failed: ${err instanceof Error ? err.message : String(err)}`,
          ),
        ),
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
