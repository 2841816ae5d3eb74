import { gatewayPod, type KubeSim } from '@natscope/kube-sim';
import { InspectReport } from '@natscope/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysedReadings } from './analysed-readings.js';
import type { PodReading } from '../collector/read-pod.js';
import type { Collector } from '../collector/collector.js';
import { gatewayExec } from '../demo/demo-cluster.js';
import { collectorFor, fixture, startFleet } from '../test-support/fixture-fleet.js';

// Readings of one shape share one parse; each detail body still carries its own reading's counters.

let sim: KubeSim;
let collector: Collector;
let clock = 1_800_000_000_000;
const now = (): number => clock;
const TARGET = 'kube-system/vpc-nat-gw-tenant-0';

beforeAll(async () => {
  let client;
  ({ sim, client } = await startFleet({
    pods: [
      // Counters grow between polls (the demo's exec), rules stay: every reading has the same shape.
      gatewayPod({
        gateway: 'tenant',
        exec: gatewayExec(fixture('s5-tenant-v116-legacy.txt'), { backend: 'legacy', startedAt: clock, now }),
      }),
    ],
  }));
  collector = collectorFor(client, { now });
});

afterAll(async () => {
  await collector.stop();
  await sim.close();
});

async function readTenant(): Promise<PodReading> {
  await collector.refresh();
  const good = collector.get('kube-system', 'tenant')?.pods[0]?.good;
  if (!good) throw new Error('tenant was not read');
  return good;
}

describe('AnalysedReadings', () => {
  it('parses a shape once for the detail and the trace, and gives each reading its own counters', async () => {
    const readings = new AnalysedReadings();
    const first = await readTenant();
    clock += 10_000;
    const second = await readTenant();
    expect(second.analysis.shape).toBe(first.analysis.shape);
    expect(Array.from(second.counters)).not.toEqual(Array.from(first.counters));

    const a = readings.get(TARGET, first);
    expect(readings.get(TARGET, second)).toBe(a); // one parse for both readings

    const one = InspectReport.parse(JSON.parse(readings.detailJson(TARGET, first)));
    const two = InspectReport.parse(JSON.parse(readings.detailJson(TARGET, second)));
    const packets = (r: InspectReport) =>
      r.tables.flatMap((t) => t.chains.flatMap((c) => c.rules.map((x) => x.counters?.packets ?? -1)));
    const fromScan = (r: PodReading) => Array.from({ length: r.counters.length / 2 }, (_, i) => r.counters[2 * i]);
    expect(packets(one)).toEqual(fromScan(first));
    expect(packets(two)).toEqual(fromScan(second));
    // A mapping's counters are its rules' sums in each reading.
    for (const report of [one, two]) {
      const rules = new Map(
        report.tables.flatMap((t) =>
          t.chains.flatMap((c) => c.rules.map((x) => [x.line, x.counters?.packets ?? 0] as const)),
        ),
      );
      for (const m of report.mappings)
        expect(m.counters.packets).toBe(m.rules.reduce((n, r) => n + (rules.get(r.line) ?? 0), 0));
    }
    expect(
      two.tables.flatMap((t) => t.chains.flatMap((c) => c.rules)).some((r) => r.rate && r.rate.packetsPerSecond > 0),
    ).toBe(true);
  });

  it('keeps the same body for a reading asked twice', async () => {
    const readings = new AnalysedReadings();
    const reading = await readTenant();
    expect(readings.detailJson(TARGET, reading)).toBe(readings.detailJson(TARGET, reading));
  });

  it('forgets the least recently used shape beyond its size', async () => {
    const readings = new AnalysedReadings({ shapes: 1 });
    const reading = await readTenant();
    const a = readings.get(TARGET, reading);
    readings.get('other/pod', { ...reading, analysis: { ...reading.analysis, shape: 'other' } });
    expect(readings.get(TARGET, reading)).not.toBe(a);
  });
});
