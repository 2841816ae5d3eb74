import type { DriftReport, InspectReport, KubeOvnResources } from '@natscope/api';
import { compareDesired } from '@natscope/drift';
import type { AnalysisJob } from './analyse-dump.js';
import { inspectJob } from './analyse-dump.js';

/**
 * One pod's reading to compare with its gateway's kubeovn.io objects: the slice of the listing that gateway's comparison
 * reads (GatewaySlices), a few hundred objects, not the fleet's tens of thousands, so no worker holds the listing.
 */
export interface DriftJob extends Pick<AnalysisJob, 'shape' | 'raw' | 'stderr' | 'target'> {
  gateway: string;
  resources: KubeOvnResources;
}

/**
 * The reports a worker built lately, by dump shape, so that comparing a reading just analysed costs the
 * comparison only, not a second parse. Bounded by rules, not entries: a pass queues many small gateways'
 * analyses ahead of their comparisons, while one 100,000-rule report is already large.
 */
export class RecentReports {
  private readonly byShape = new Map<string, InspectReport>();
  private rules = 0;
  constructor(private readonly maxRules = 50_000) {}

  get(shape: string): InspectReport | undefined {
    return this.byShape.get(shape);
  }

  set(shape: string, report: InspectReport): void {
    this.drop(shape);
    this.byShape.set(shape, report);
    this.rules += report.stats.rules;
    // Oldest first; the newest stays even when it alone is over the bound.
    while (this.rules > this.maxRules && this.byShape.size > 1) this.drop(this.byShape.keys().next().value as string);
  }

  private drop(shape: string): void {
    const old = this.byShape.get(shape);
    if (!old) return;
    this.byShape.delete(shape);
    this.rules -= old.stats.rules;
  }
}

/** Compares a job's dump (its recent report, else parsed again) with its gateway's objects. */
export function compareJob(job: DriftJob, recent: RecentReports): DriftReport {
  const report = recent.get(job.shape) ?? inspectJob(job);
  return compareDesired({ gateway: job.gateway, report, resources: job.resources });
}
