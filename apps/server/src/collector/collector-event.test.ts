import { fixtureExec, gatewayPod, type KubeSim } from '@natscope/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorEvent } from './collector-event.js';
import type { Collector } from './collector.js';
import { backendMarker } from './gateway-command.js';
import { collectorFor, fixture, startFleet } from '../test-support/fixture-fleet.js';

// The collector's listener seam, through the real client-node and kube-sim.

let sim: KubeSim;
let collector: Collector;
const events: CollectorEvent[] = [];

beforeAll(async () => {
  let client;
  ({ sim, client } = await startFleet({
    pods: [
      gatewayPod({
        gateway: 'good',
        exec: fixtureExec(backendMarker('legacy') + fixture('s5-tenant-v116-legacy.txt')),
      }),
      gatewayPod({ gateway: 'locked', fault: 'forbidden' }),
    ],
  }));
  collector = collectorFor(client);
  collector.subscribe((e) => events.push(e));
  collector.subscribe(() => {
    throw new Error('a broken listener');
  });
  await collector.refresh();
});

afterAll(async () => {
  await collector.stop();
  await sim.close();
});

const brief = (e: CollectorEvent): string => {
  switch (e.type) {
    case 'pass-start':
      return 'pass-start';
    case 'reading':
      return `reading ${e.gateway.name}/${e.pod.info.name}`;
    case 'error':
      return `error ${e.gateway.name} ${e.error.code}`;
    case 'status':
      return `status ${e.gateway.name} ${e.before}→${e.after}`;
    case 'listing-failed':
      return `listing-failed ${e.error.code}`;
    case 'pass':
      return `pass ${e.stats.gateways}`;
  }
};

describe('collector events', () => {
  it('tells each pod’s reading or error, each gateway’s status change, and the end of the pass', () => {
    const told = events.map(brief);
    expect(told).toContain('reading good/vpc-nat-gw-good-0');
    expect(told).toContain('error locked exec-forbidden');
    expect(told).toContain('status good pending→ok');
    expect(told).toContain('status locked pending→error');
    expect(told[0]).toBe('pass-start');
    expect(told.at(-1)).toBe('pass 2');
    const reading = events.find((e) => e.type === 'reading');
    expect(reading?.type === 'reading' && reading.reading.analysis.facts.counts.fip).toBe(1);
  });

  it('says nothing of a status that did not change, and keeps going when a listener throws', async () => {
    events.length = 0;
    await collector.refresh();
    const told = events.map(brief);
    expect(told.filter((t) => t.startsWith('status'))).toEqual([]);
    expect(told).toContain('reading good/vpc-nat-gw-good-0');
    expect(told.at(-1)).toBe('pass 2');
  });

  it('stops telling a listener that unsubscribed', async () => {
    const mine: CollectorEvent[] = [];
    const off = collector.subscribe((e) => mine.push(e));
    off();
    await collector.refresh();
    expect(mine).toEqual([]);
  });
});
