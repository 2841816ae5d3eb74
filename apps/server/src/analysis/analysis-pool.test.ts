import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { compareDesired, readResources } from '@natscope/drift';
import { driftFixture, driftFixturePath } from '@natscope/drift/fixtures';
import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseDump, type AnalysisJob } from './analyse-dump.js';
import { AnalysisPool } from './analysis-pool.js';
import { CollectError } from '../collector/collect-error.js';
import { scanCounters } from '../collector/scan-counters.js';
import { fixture } from '../test-support/fixture-fleet.js';

function job(name: string, raw = fixture(name)): AnalysisJob {
  const scan = scanCounters(raw, '');
  return { shape: scan.shape, raw, stderr: '', target: `kube-system/${name}`, marker: 'legacy', lines: scan.lines };
}

const pools: AnalysisPool[] = [];
function pool(opts: ConstructorParameters<typeof AnalysisPool>[0]): AnalysisPool {
  const p = new AnalysisPool(opts);
  pools.push(p);
  return p;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** The nice value of every thread of this process (Linux keeps one per thread). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name in parentheses; nice is field 19, the 17th of these.
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // a thread that ended meanwhile
    }
  });
}

describe('AnalysisPool', () => {
  it.runIf(process.platform === 'linux')(
    'runs its workers at a lower CPU priority than the main thread, which keeps its own',
    async () => {
      expect(threadNiceValues()).not.toContain(10);
      const p = pool({ size: 1 });
      await p.analyse(job('s5-tenant-v116-legacy.txt'));
      expect(threadNiceValues()).toContain(10);
      expect(getPriority()).toBe(0);
    },
  );

  it('analyses a dump in a worker exactly as the main thread would', async () => {
    const p = pool({ size: 1 });
    for (const name of [
      's5-tenant-v116-legacy.txt',
      's6-overlapping-snat-v116-legacy.txt',
      's8-vm-fips-v114-nft.txt',
    ]) {
      expect(await p.analyse(job(name))).toEqual(analyseDump(job(name)));
    }
  });

  it('reports text that is not iptables-save as parse-failed at namespace/pod:line:column', async () => {
    const p = pool({ size: 1 });
    const garbage = job('x', 'Segmentation fault\n<html><body>502 Bad Gateway</body></html>\n');
    const err = await p.analyse(garbage).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectError);
    expect((err as CollectError).code).toBe('parse-failed');
    expect((err as CollectError).message).toMatch(/kube-system\/x:\d+:\d+: /);
  });

  it('runs at most `size` workers, starting them only when work waits', async () => {
    const p = pool({ size: 2 });
    expect(p.workers).toBe(0);
    const one = p.analyse(job('s5-tenant-v116-legacy.txt'));
    expect(p.workers).toBe(1);
    const more = [1, 2, 3, 4].map(() => p.analyse(job('s5-tenant-v116-legacy.txt')));
    expect(p.workers).toBe(2);
    const results = await Promise.all([one, ...more]);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
  });

  it('stops its workers after idleMs without work, and starts one again when work comes', async () => {
    const p = pool({ size: 1, idleMs: 50 });
    await p.analyse(job('s5-tenant-v116-legacy.txt'));
    expect(p.workers).toBe(1);
    await expect.poll(() => p.workers, { timeout: 5000 }).toBe(0);
    expect((await p.analyse(job('s3-fip-v114-nft.txt'))).facts.counts.fip).toBeGreaterThan(0);
  });

  it('warms one worker ahead of work, which stops again when no work comes', async () => {
    const p = pool({ size: 2, idleMs: 50 });
    p.warm();
    expect(p.workers).toBe(1);
    p.warm();
    expect(p.workers).toBe(1);
    await expect.poll(() => p.workers, { timeout: 5000 }).toBe(0);
  });

  it('fails the jobs a stopped worker still had, so the pod is read again on the next poll', async () => {
    const p = pool({ size: 1 });
    const pending = p.analyse(job('s5-tenant-v116-legacy.txt')).catch((e: unknown) => e);
    await p.close();
    const err = await pending;
    expect(err).toBeInstanceOf(CollectError);
    expect((err as CollectError).message).toMatch(/kube-system\/s5-tenant-v116-legacy\.txt: the analysis .* stopped/);
  });
});

describe('AnalysisPool comparisons', () => {
  const objects = () => {
    const c = driftFixture('in-sync-v116-legacy');
    const { resources } = readResources(readFileSync(driftFixturePath(c.resources), 'utf8'), c.resources);
    return { dump: readFileSync(driftFixturePath(c.dump), 'utf8'), resources };
  };

  it('compares a reading in a worker exactly as compareDesired on the main thread would, with the objects the job carries', async () => {
    const { dump, resources } = objects();
    const p = pool({ size: 1 });
    p.keepReports();
    const j = job('in-sync', dump);
    await p.analyse(j);
    const inWorker = await p.compare({
      shape: j.shape,
      raw: j.raw,
      stderr: '',
      target: j.target,
      gateway: 'gw1',
      resources,
    });
    expect(inWorker).toEqual(compareDesired({ gateway: 'gw1', report: inspect(parse(dump)), resources }));
    expect(inWorker.status).toBe('in-sync');
    // The worker holds no listing: the same reading with other objects is compared with those.
    const none = { gateways: [], eips: [], fips: [], dnats: [], snats: [] };
    const alone = await p.compare({
      shape: j.shape,
      raw: j.raw,
      stderr: '',
      target: j.target,
      gateway: 'gw1',
      resources: none,
    });
    expect(alone).toEqual(compareDesired({ gateway: 'gw1', report: inspect(parse(dump)), resources: none }));
  });

  it('compares a dump its worker never analysed (a new worker, or one whose report was dropped)', async () => {
    const { dump, resources } = objects();
    const p = pool({ size: 1, idleMs: 10 });
    expect(p.workers).toBe(0);
    const j = job('in-sync', dump);
    const report = await p.compare({
      shape: j.shape,
      raw: j.raw,
      stderr: '',
      target: j.target,
      gateway: 'gw1',
      resources,
    });
    expect(report.status).toBe('in-sync');
  });

  it('rejects a comparison of text that is not iptables-save as analyse() does', async () => {
    const p = pool({ size: 1 });
    const garbage = job('x', 'Segmentation fault\n');
    const none = { gateways: [], eips: [], fips: [], dnats: [], snats: [] };
    const err = await p
      .compare({
        shape: garbage.shape,
        raw: garbage.raw,
        stderr: '',
        target: garbage.target,
        gateway: 'gw1',
        resources: none,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectError);
    expect((err as CollectError).code).toBe('parse-failed');
  });
});
