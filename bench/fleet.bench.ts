/**
 * Fleet benchmark: the collector reading 200 gateways of 500 rules each through kube-sim, every exec
 * answering after 50 ms, over real TLS WebSockets with the real client-node; then /api/gateways under 50
 * concurrent clients. Three processes, so each number belongs to one of them: this one (the load
 * generator, autocannon), a kube-sim child (the fake cluster) and a server child (collector + HTTP API,
 * bundled and run on plain node as `npm start` runs it; its RSS is reported). Prints numbers only.
 *
 *   node --import tsx bench/fleet.bench.ts [gateways] [rules] [latencyMs]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const GATEWAYS = Number(process.argv[2] ?? 200);
const RULES = Number(process.argv[3] ?? 500);
const LATENCY_MS = Number(process.argv[4] ?? 50);
const ROLE = process.env.NATSCOPE_BENCH_ROLE;
/** Refresh passes per concurrency: the default 8, 16, and sequential. */
const PLAN: [number, number][] = [
  [8, 3],
  [16, 2],
  [1, 2],
];
/** Then passes at concurrency 8 as the server runs them: the kubeovn.io objects listed and every gateway compared. */
const DRIFT_PASSES = 3;

/** Messages between the processes. */
type Message =
  | { kind: 'sim-ready'; kubeconfig: string; bytes: number }
  /** Asked of the sim, and its answer: its CPU time so far (ms), to tell what a pass cost the fake cluster. */
  | { kind: 'sim-cpu'; ms?: number }
  | { kind: 'start'; kubeconfig: string; phase: 'refresh' | 'serve' }
  | {
      kind: 'refresh';
      concurrency: number;
      ms: number;
      failed: number;
      pods: number;
      cpuMs: number;
      warm: number;
      drift?: {
        settledMs: number;
        inSync: number;
        drifted: number;
        unknown: number;
        validated: number;
        compared: number;
      };
    }
  | {
      kind: 'server-ready';
      port: number;
      rssStartMb: number;
      rssCollectedMb: number;
      firstPeak: Peak;
      steadyPeak: Peak;
    }
  | {
      kind: 'rss';
      rssMb: number;
      /** Sampled during this load (refresh included). */
      loadPeak: Peak;
      /** The process's peak RSS since it started (getrusage). */
      peakMb: number;
      heapMb: number;
      externalMb: number;
      loopP99Ms: number;
      loopMaxMs: number;
      /** Server CPU per request served during the load, refresh included (ms). */
      cpuPerRequestMs: number;
    }
  | { kind: 'measure-rss' }
  | { kind: 'refresh-now' }
  | { kind: 'baseline'; encoding: string }
  | { kind: 'baseline-ready'; port: number };

/** The highest RSS and V8 heap use seen by a 50 ms sampler over some phase, in MB. */
interface Peak {
  rssMb: number;
  heapMb: number;
}

const send = (m: Message): void => {
  process.send?.(m);
};

/** Messages from a child, in order, so none is missed between two waits. */
function inbox(child: ChildProcess): <K extends Message['kind']>(kind: K) => Promise<Extract<Message, { kind: K }>> {
  const queue: Message[] = [];
  const waiters: (() => void)[] = [];
  let exited: number | null | undefined;
  child.on('message', (m: Message) => {
    queue.push(m);
    for (const w of waiters.splice(0)) w();
  });
  child.on('exit', (code) => {
    exited = code;
    for (const w of waiters.splice(0)) w();
  });
  return async (kind) => {
    for (;;) {
      const i = queue.findIndex((m) => m.kind === kind);
      if (i !== -1) return queue.splice(i, 1)[0] as Extract<Message, { kind: typeof kind }>;
      if (exited !== undefined) throw new Error(`waiting for ${kind}: the child exited with ${exited}`);
      await new Promise<void>((r) => waiters.push(r));
    }
  };
}

/** The fake cluster: GATEWAYS pods in 10 namespaces, each with its own generated dump, answering after LATENCY_MS. */
async function runSim(): Promise<void> {
  const { gatewayCrds, gatewayPod, mergeCrds, startKubeSim } = await import('../packages/kube-sim/src/index.js');
  const { gatewayExec } = await import('../apps/server/src/demo/demo-cluster.js');
  const { crdSpecFromReport } = await import('../apps/server/src/demo/crd-spec-from-report.js');
  const { parse } = await import('../packages/iptables/src/index.js');
  const { inspect } = await import('../packages/natgw/src/index.js');
  const { generateDump } = await import('./generate-dump.js');
  let bytes = 0;
  const startedAt = Date.now();
  // Each gateway's kubeovn.io objects, derived from its dump as the demo's are: in sync, so the comparison does all
  // its lookups (the serving and the drift passes list them; the plain passes do not).
  const crdSets: ReturnType<typeof gatewayCrds>[] = [];
  const pods = Array.from({ length: GATEWAYS }, (_, i) => {
    const dump = generateDump({ rules: RULES, seed: i + 1 });
    bytes += dump.length;
    crdSets.push(gatewayCrds(crdSpecFromReport(`gw${i}`, inspect(parse(dump)), { namespace: `tenant-${i % 10}` })));
    return gatewayPod({
      gateway: `gw${i}`,
      namespace: `tenant-${i % 10}`,
      exec: gatewayExec(dump, { backend: 'legacy', startedAt }),
      fault: { delayMs: LATENCY_MS },
    });
  });
  const sim = await startKubeSim({ pods, crds: mergeCrds(...crdSets) });
  // Leave with the parent (a normal exit, so `--cpu-prof` in NATSCOPE_BENCH_SIM_FLAGS writes its profile).
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: Message) => {
    if (m.kind !== 'sim-cpu') return;
    const used = process.cpuUsage();
    send({ kind: 'sim-cpu', ms: (used.user + used.system) / 1000 });
  });
  send({ kind: 'sim-ready', kubeconfig: sim.kubeconfig, bytes });
}

/**
 * The server, in one of two fresh processes. 'refresh': full refreshes at concurrency 8, 16 and 1, each with its
 * own collector (stopped after), timing a first pass (every dump parsed and analysed) and steady passes
 * (counters moved, rules did not, so the previous analysis is reused). 'serve': what a running server is,
 * one collector at the default concurrency, polling every 10 s (the default) while clients hammer the API;
 * its RSS and peak RSS belong to that server alone.
 */
async function runServer(kubeconfig: string, phase: 'refresh' | 'serve'): Promise<void> {
  const rssMb = (): number => {
    globalThis.gc?.();
    return process.memoryUsage().rss / 1048576;
  };
  const { Collector, KubeClient, createApp, AnalysisPool, DesiredState } = await import('../apps/server/src/index.js');
  const { createServer } = await import('node:http');
  const client = KubeClient.fromKubeconfig(kubeconfig);
  const driftCollector = (concurrency: number) => {
    const pool = new AnalysisPool();
    const c = new Collector({
      cluster: client,
      namespaces: [],
      selector: 'ovn.kubernetes.io/vpc-nat-gw=true',
      execTimeoutMs: 30_000,
      concurrency,
      pollMs: 10_000,
      pool,
    });
    const desired = new DesiredState({ collector: c, cluster: client, comparer: pool, timeoutMs: 30_000 });
    c.subscribe(desired.listener);
    return { c, desired, pool };
  };
  const rssStartMb = rssMb();
  const collectorAt = (concurrency: number) => benchCollector(Collector, client, concurrency);
  const refresh = async (c: InstanceType<typeof Collector>, concurrency: number): Promise<void> => {
    const cpu = process.cpuUsage();
    const warmBefore = client.connectionStats.warm;
    const stats = await c.refresh();
    const used = process.cpuUsage(cpu);
    const warm = client.connectionStats.warm - warmBefore;
    send({
      kind: 'refresh',
      concurrency,
      ms: stats.durationMs,
      failed: stats.failed,
      pods: stats.pods,
      cpuMs: (used.user + used.system) / 1000,
      warm,
    });
  };
  if (phase === 'refresh') {
    for (const [concurrency, passes] of PLAN) {
      const c = collectorAt(concurrency);
      for (let i = 0; i < passes; i++) await refresh(c, concurrency);
      await c.stop();
    }
    // As main.ts wires it: one pool for analyses and comparisons, DesiredState listening. The refresh is timed
    // as above; settledMs is the time from the pass's start until every comparison it started has finished.
    const { c, desired, pool } = driftCollector(8);
    for (let i = 0; i < DRIFT_PASSES; i++) {
      const cpu = process.cpuUsage();
      const warmBefore = client.connectionStats.warm;
      const work = { ...desired.stats };
      const t0 = performance.now();
      const stats = await c.refresh();
      await desired.settled();
      const settledMs = performance.now() - t0;
      const used = process.cpuUsage(cpu);
      const states = c.list().map((gw) => desired.summary(gw).status);
      const count = (s: string): number => states.filter((x) => x === s).length;
      send({
        kind: 'refresh',
        concurrency: 8,
        ms: stats.durationMs,
        failed: stats.failed,
        pods: stats.pods,
        cpuMs: (used.user + used.system) / 1000,
        warm: client.connectionStats.warm - warmBefore,
        drift: {
          settledMs,
          inSync: count('in-sync'),
          drifted: count('drifted'),
          unknown: count('unknown'),
          validated: desired.stats.validated - work.validated,
          compared: desired.stats.compared - work.compared,
        },
      });
    }
    await c.stop();
    await pool.close();
    process.exit(0);
  }

  // Peaks between garbage collections are what the machine must have: sample them through each phase.
  let peak: Peak = { rssMb: 0, heapMb: 0 };
  setInterval(() => {
    const m = process.memoryUsage();
    peak = { rssMb: Math.max(peak.rssMb, m.rss / 1048576), heapMb: Math.max(peak.heapMb, m.heapUsed / 1048576) };
  }, 50).unref();
  const takePeak = (): Peak => {
    const p = peak;
    peak = { rssMb: 0, heapMb: 0 };
    return p;
  };
  const { c: collector, desired } = driftCollector(8);
  takePeak();
  await collector.refresh();
  await desired.settled();
  const firstPeak = takePeak();
  await collector.refresh();
  await desired.settled();
  const steadyPeak = takePeak();
  const rssCollectedMb = rssMb();
  const app = createApp({ collector, drift: desired, source: 'kubernetes', context: 'bench', webDist: null });
  const server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  collector.start();
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let requests = 0;
  let cpu = process.cpuUsage();
  server.on('request', () => requests++);
  process.on('message', (m: Message) => {
    if (m.kind === 'refresh-now') {
      loop.reset();
      loop.enable();
      takePeak();
      requests = 0;
      cpu = process.cpuUsage();
      void collector.refresh();
    }
    if (m.kind === 'baseline') {
      // The same bytes from a bare node:http handler: what this machine and load generator allow at best.
      void fetch(`http://127.0.0.1:${port}/api/gateways`, { headers: { 'accept-encoding': m.encoding } })
        .then(async (r) => Buffer.from(await r.arrayBuffer()))
        .then((bytes) => {
          const bare = createServer((_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
            res.end(bytes);
          });
          bare.listen(0, '127.0.0.1', () => {
            const a = bare.address();
            send({ kind: 'baseline-ready', port: typeof a === 'object' && a ? a.port : 0 });
          });
        });
    }
    if (m.kind === 'measure-rss') {
      loop.disable();
      globalThis.gc?.();
      const mem = process.memoryUsage();
      send({
        kind: 'rss',
        rssMb: mem.rss / 1048576,
        loadPeak: takePeak(),
        peakMb: process.resourceUsage().maxRSS / 1024,
        heapMb: mem.heapUsed / 1048576,
        externalMb: mem.external / 1048576,
        loopP99Ms: loop.percentile(99) / 1e6,
        loopMaxMs: loop.max / 1e6,
        cpuPerRequestMs: (() => {
          const used = process.cpuUsage(cpu);
          return (used.user + used.system) / 1000 / Math.max(1, requests);
        })(),
      });
    }
  });
  send({ kind: 'server-ready', port, rssStartMb, rssCollectedMb, firstPeak, steadyPeak });
}

interface AutocannonResult {
  latency: { p50: number; p99: number; max: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;

/** `b` → `a` as a signed percentage. */
function pct(a: number, b: number): string {
  const p = ((a - b) / b) * 100;
  return `${p >= 0 ? '+' : ''}${p.toFixed(0)} %`;
}

/** The size of a response body as sent (fetch would decompress it). */
async function rawLength(port: number, path: string, encoding: string): Promise<number> {
  const { get } = await import('node:http');
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': encoding } }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n));
    }).on('error', reject);
  });
}

/**
 * Bundles this file the way `npm start` bundles the server (apps/server `build`: our TypeScript in, npm
 * packages external), so the server child runs on plain node like the product does, not under tsx (whose
 * loader thread alone adds about 100 MB of RSS).
 */
async function bundleSelf(): Promise<string> {
  const { bundle } = await import('../apps/server/build.js');
  const outdir = fileURLToPath(new URL('../apps/server/dist/bench/', import.meta.url));
  await bundle(fileURLToPath(import.meta.url), outdir);
  return `${outdir}fleet.bench.js`;
}

type ServerModule = typeof import('../apps/server/src/index.js');

/** A collector as every run here makes one: every namespace, the gateway selector, the default poll interval. */
function benchCollector(
  Collector: ServerModule['Collector'],
  client: InstanceType<ServerModule['KubeClient']>,
  concurrency: number,
) {
  return new Collector({
    cluster: client,
    namespaces: [],
    selector: 'ovn.kubernetes.io/vpc-nat-gw=true',
    execTimeoutMs: 30_000,
    concurrency,
    pollMs: 10_000,
  });
}

/** Node flags from an environment variable (space-separated), for the children. */
const envFlags = (name: string): string[] => (process.env[name] ?? '').split(/\s+/).filter(Boolean);

/** One full refresh of the fake cluster by a collector in this process (not the server's); its duration. */
async function warmSim(kubeconfig: string): Promise<number> {
  const { Collector, KubeClient } = await import('../apps/server/src/index.js');
  const c = benchCollector(Collector, KubeClient.fromKubeconfig(kubeconfig), 8);
  const { durationMs } = await c.refresh();
  await c.stop();
  return durationMs;
}

async function main(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const args = process.argv.slice(2);
  const bundled = await bundleSelf();
  const { SERVER_NODE_FLAGS } = await import('../apps/server/build.js');
  const spawnRole = (role: string, execArgv: string[] = []): ChildProcess =>
    role === 'server'
      ? fork(bundled, args, { env: { ...process.env, NATSCOPE_BENCH_ROLE: role }, execArgv })
      : fork(self, args, {
          env: { ...process.env, NATSCOPE_BENCH_ROLE: role },
          execArgv: ['--import', 'tsx', ...execArgv],
        });

  console.log(
    `fleet: ${GATEWAYS} gateways × ${RULES} rules, ${LATENCY_MS} ms exec latency (kube-sim, real TLS WebSocket exec, real client-node)`,
  );
  // NATSCOPE_BENCH_SIM_FLAGS: node flags for the kube-sim child, like NATSCOPE_BENCH_SERVER_FLAGS for the server.
  const sim = spawnRole('sim', envFlags('NATSCOPE_BENCH_SIM_FLAGS'));
  const fromSim = inbox(sim);
  const ready = await fromSim('sim-ready');
  console.log(`  dumps: ${(ready.bytes / 1048576).toFixed(1)} MB in all`);
  // The server children run with the V8 flags `npm start` gives the server.
  const serverChild = (phase: 'refresh' | 'serve') => {
    // NATSCOPE_BENCH_SERVER_FLAGS adds node flags to the server children, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const child = spawnRole('server', [
      '--expose-gc',
      ...SERVER_NODE_FLAGS,
      ...envFlags('NATSCOPE_BENCH_SERVER_FLAGS'),
    ]);
    child.send({ kind: 'start', kubeconfig: ready.kubeconfig, phase });
    return child;
  };
  const simCpu = async (): Promise<number> => {
    sim.send({ kind: 'sim-cpu' });
    return (await fromSim('sim-cpu')).ms ?? NaN;
  };
  // A real API server is a long-running process whose code is hot; a fresh kube-sim is not, and its cold start
  // would be billed to the server's first pass. Warm it with a throwaway pass from this process first.
  const warmed = await warmSim(ready.kubeconfig);
  console.log(`  kube-sim warmed by a throwaway pass from the load generator (${(warmed / 1000).toFixed(2)} s)`);
  let simBefore = await simCpu();
  const refresher = serverChild('refresh');
  const fromRefresher = inbox(refresher);
  const passes: Record<number, number[]> = {};
  for (const [concurrency, n] of PLAN) {
    for (let i = 0; i < n; i++) {
      const r = await fromRefresher('refresh');
      const simNow = await simCpu();
      (passes[concurrency] ??= []).push(r.ms);
      const what = i === 0 ? 'first pass, every dump analysed' : 'steady pass, counters moved';
      console.log(
        `  refresh at concurrency ${String(concurrency).padStart(2)}: ${(r.ms / 1000).toFixed(2)} s for ${r.pods} pods, ${r.failed} failed; ` +
          `CPU: server ${(r.cpuMs / 1000).toFixed(2)} s, kube-sim ${((simNow - simBefore) / 1000).toFixed(2)} s; ${r.warm} execs on connections opened ahead (${what})`,
      );
      simBefore = simNow;
    }
  }
  const driftRuns: { ms: number; settledMs: number }[] = [];
  for (let i = 0; i < DRIFT_PASSES; i++) {
    const r = await fromRefresher('refresh');
    const simNow = await simCpu();
    const d = r.drift;
    driftRuns.push({ ms: r.ms, settledMs: d?.settledMs ?? NaN });
    const what = i === 0 ? 'first pass, every dump analysed and compared' : 'steady pass, nothing to compare again';
    console.log(
      `  refresh at concurrency  8 with the kubeovn.io objects listed: ${(r.ms / 1000).toFixed(2)} s, drift settled at ${((d?.settledMs ?? NaN) / 1000).toFixed(2)} s ` +
        `(${d?.inSync} in sync, ${d?.drifted} drifted, ${d?.unknown} unknown; ${d?.validated} objects validated, ${d?.compared} comparisons); CPU: server ${(r.cpuMs / 1000).toFixed(2)} s, kube-sim ${((simNow - simBefore) / 1000).toFixed(2)} s (${what})`,
    );
    simBefore = simNow;
  }
  await new Promise((r) => refresher.once('exit', r));
  const steady = (c: number): number => Math.min(...(passes[c] ?? []).slice(1));
  const first = (c: number): number => passes[c]?.[0] ?? NaN;
  const lowerBound = (GATEWAYS * LATENCY_MS) / 8;
  console.log(
    `  full refresh at the default concurrency 8: ${(steady(8) / 1000).toFixed(2)} s steady, ${(first(8) / 1000).toFixed(2)} s first ` +
      `(exec latency alone: ${(lowerBound / 1000).toFixed(2)} s; target < 2 s)`,
  );
  const driftFirst = driftRuns[0]?.settledMs ?? NaN;
  const driftSteady = Math.min(...driftRuns.slice(1).map((r) => r.settledMs));
  console.log(
    `  with desired vs actual (objects listed, every gateway compared): ${(driftSteady / 1000).toFixed(2)} s steady, ${(driftFirst / 1000).toFixed(2)} s first, ` +
      `until the last comparison; ${pct(driftSteady, steady(8))} steady, ${pct(driftFirst, first(8))} first against the refresh without (target ≤ +10 %)`,
  );
  console.log(
    `  sequential (concurrency 1): ${(steady(1) / 1000).toFixed(2)} s steady, ${(first(1) / 1000).toFixed(2)} s first; ` +
      `speed-up ${(steady(1) / steady(8)).toFixed(1)}× steady, ${(first(1) / first(8)).toFixed(1)}× first`,
  );

  const server = serverChild('serve');
  const fromServer = inbox(server);
  const { port, rssStartMb, rssCollectedMb, firstPeak, steadyPeak } = await fromServer('server-ready');
  const peakText = (p: Peak): string => `${p.rssMb.toFixed(0)} MB (heap ${p.heapMb.toFixed(0)} MB)`;
  console.log(
    `  server RSS: ${rssStartMb.toFixed(0)} MB loaded (client-node, Express), ${rssCollectedMb.toFixed(0)} MB holding ${GATEWAYS} readings; ` +
      `peak ${peakText(firstPeak)} during the first pass, ${peakText(steadyPeak)} during a steady pass`,
  );
  const autocannon = createRequire(new URL('../apps/server/package.json', import.meta.url))('autocannon') as Autocannon;
  const url = `http://127.0.0.1:${port}/api/gateways`;
  const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  const plainBytes = (await plain.arrayBuffer()).byteLength;
  const zipped = await rawLength(port, '/api/gateways', 'gzip');
  console.log(`  /api/gateways body: ${(plainBytes / 1024).toFixed(0)} KiB, ${(zipped / 1024).toFixed(0)} KiB gzipped`);
  const addresses = await fetch(`http://127.0.0.1:${port}/api/addresses`, {
    headers: { 'accept-encoding': 'identity' },
  });
  const addressBytes = (await addresses.arrayBuffer()).byteLength;
  const addressZipped = await rawLength(port, '/api/addresses', 'gzip');
  console.log(
    `  /api/addresses body (fetched only while a fleet filter names an address): ${(addressBytes / 1024).toFixed(0)} KiB, ${(addressZipped / 1024).toFixed(0)} KiB gzipped`,
  );
  // A refresh starts with each load, so the numbers include the collector working meanwhile.
  for (const encoding of ['gzip', 'identity']) {
    server.send({ kind: 'refresh-now' });
    const load = await autocannon({ url, connections: 50, duration: 10, headers: { 'accept-encoding': encoding } });
    server.send({ kind: 'measure-rss' });
    const rss = await fromServer('rss');
    console.log(
      `  /api/gateways (${encoding}), 50 clients for 10 s with a refresh running: p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ` +
        `max ${load.latency.max} ms, ${Math.round(load.requests.average)} req/s, ${load.non2xx} non-2xx, ${load.errors} errors ` +
        `(server: ${rss.cpuPerRequestMs.toFixed(2)} ms CPU per request, event loop delay p99 ${rss.loopP99Ms.toFixed(0)} ms, ` +
        `max ${rss.loopMaxMs.toFixed(0)} ms; target p99 < 100 ms)`,
    );
    console.log(
      `  server RSS: peak ${peakText(rss.loadPeak)} during this load, ${rss.rssMb.toFixed(0)} MB after it (heap ${rss.heapMb.toFixed(0)} MB, ` +
        `external ${rss.externalMb.toFixed(0)} MB); ${rss.peakMb.toFixed(0)} MB peak since start (target < 300 MB)`,
    );
  }
  // The same gzipped bytes served by a bare node:http handler in the server process, no refresh running: the
  // floor that this machine and autocannon set for a body of this size.
  server.send({ kind: 'baseline', encoding: 'gzip' });
  const bare = await fromServer('baseline-ready');
  const floor = await autocannon({ url: `http://127.0.0.1:${bare.port}/`, connections: 50, duration: 10 });
  console.log(
    `  baseline, the same gzipped body from a bare node:http handler, 50 clients: p50 ${floor.latency.p50} ms, p99 ${floor.latency.p99} ms, ` +
      `${Math.round(floor.requests.average)} req/s`,
  );
  server.kill();
  sim.kill();
}

if (ROLE === 'sim') {
  await runSim();
} else if (ROLE === 'server') {
  process.on('disconnect', () => process.exit(0)); // never outlive the bench (a serving child polls on)
  process.once('message', (m: Extract<Message, { kind: 'start' }>) => {
    void runServer(m.kubeconfig, m.phase);
  });
} else {
  await main();
}
