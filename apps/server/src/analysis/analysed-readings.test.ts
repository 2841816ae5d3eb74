import { gatewayPod, type KubeSim } from '@natscope/kube-sim';
import { InspectReport } from '@natscope/api';
import { trace } from '@natscope/natgw';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as analyseReadingModule from './analyse-reading.js';
import { AnalysedReadings, TraceTimeout, type ReadingWorkers } from './analysed-readings.js';
import { CollectError } from '../collector/collect-error.js';
import type { PodReading } from '../collector/read-pod.js';
import type { Collector } from '../collector/collector.js';
import { gatewayExec } from '../demo/demo-cluster.js';
import { collectorFor, fixture, startFleet } from '../test-support/fixture-fleet.js';

// Readings of one shape share one parse; each detail body still carries its own reading's counters. Large dumps are
// analysed, and traced, in a worker thread, and read the same as small ones analysed on the request thread.

vi.mock('./analyse-reading.js', { spy: true });
const analyses = vi.mocked(analyseReadingModule.analyseReading);

const PACKET = {
  inInterface: 'net1',
  protocol: 'tcp',
  src: '203.0.113.7',
  dst: '192.168.100.12',
  dport: 2222,
} as const;

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

    analyses.mockClear();
    const one = InspectReport.parse(JSON.parse(await readings.detailJson(TARGET, first)));
    const two = InspectReport.parse(JSON.parse(await readings.detailJson(TARGET, second)));
    await readings.trace(TARGET, second, PACKET);
    expect(analyses).toHaveBeenCalledTimes(1); // one parse for both readings and the trace
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
    expect(await readings.detailJson(TARGET, reading)).toBe(await readings.detailJson(TARGET, reading));
  });

  it('forgets the least recently used shape beyond its size', async () => {
    const readings = new AnalysedReadings({ shapes: 1 });
    const reading = await readTenant();
    analyses.mockClear();
    await readings.trace(TARGET, reading, PACKET);
    await readings.trace('other/pod', { ...reading, analysis: { ...reading.analysis, shape: 'other' } }, PACKET);
    await readings.trace(TARGET, reading, PACKET);
    expect(analyses).toHaveBeenCalledTimes(3);
  });
});

describe('AnalysedReadings in a worker', () => {
  it('serves the same detail body and trace from the worker as from the request thread', async () => {
    const reading = await readTenant();
    const here = new AnalysedReadings();
    const there = new AnalysedReadings({ workerFrom: 0 });
    try {
      expect(await there.detailJson(TARGET, reading)).toBe(await here.detailJson(TARGET, reading));
      expect(await there.trace(TARGET, reading, PACKET)).toEqual(await here.trace(TARGET, reading, PACKET));
    } finally {
      await there.close();
    }
  });

  it('tells a dump that is not iptables-save text (parse-failed) from its own bug', async () => {
    const reading = await readTenant();
    const there = new AnalysedReadings({ workerFrom: 0 });
    try {
      const bad = { ...reading, raw: '*nat\n-A\n', analysis: { ...reading.analysis, shape: 'bad' } };
      const err: unknown = await there.trace(TARGET, bad, PACKET).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CollectError);
      expect((err as CollectError).code).toBe('parse-failed');
    } finally {
      await there.close();
    }
  });

  it('tells the worker to drop the shapes it no longer counts', async () => {
    const reading = await readTenant();
    const forgotten: string[] = [];
    const workers: ReadingWorkers = {
      detail: () => Promise.resolve('{}'),
      trace: (job, request) => Promise.resolve(trace({ tables: [] }, request)),
      forget: (key) => void forgotten.push(key),
      close: () => Promise.resolve(),
    };
    const readings = new AnalysedReadings({ workerFrom: 0, shapes: 1, workers });
    await readings.trace(TARGET, reading, PACKET);
    await readings.trace('other/pod', { ...reading, analysis: { ...reading.analysis, shape: 'other' } }, PACKET);
    expect(forgotten).toEqual([`${TARGET}@${reading.analysis.shape}`]);
  });

  it('gives up on a trace that runs too long, and stops the worker running it', async () => {
    const reading = await readTenant();
    const close = vi.fn(() => Promise.resolve());
    const workers: ReadingWorkers = {
      detail: () => Promise.resolve('{}'),
      trace: () => new Promise(() => undefined),
      forget: () => undefined,
      close,
    };
    const readings = new AnalysedReadings({ workerFrom: 0, workers, traceTimeoutMs: 20 });
    await expect(readings.trace(TARGET, reading, PACKET)).rejects.toBeInstanceOf(TraceTimeout);
    expect(close).toHaveBeenCalled();
  });
});
