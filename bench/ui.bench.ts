/**
 * UI benchmark: Playwright drives Debian's Chromium through the production build of the web app showing a gateway of
 * 5,000 rules (the generator's realistic Kube-OVN dump, inspected by the real natgw code), and the demo's busiest
 * gateway (tenant-b/busy, the real fixture it is read from).
 *
 * Prints:
 * - time from the gateway's data arriving (the API response's responseEnd) to an interactive graph (every chain node
 *   measured and visible, every edge drawn, a rule row clickable), median of several page loads; both open as their
 *   overview (above 50 rules); targets < 2 s (5,000 rules) and ≤ 0.6 s cold (busy: the first load of a fresh page);
 * - how many layout runs a counter refresh causes (must be 0: the layout is keyed on the graph's structure) and how
 *   long the refresh takes to reach the screen;
 * - the production bundle size, raw and gzip, in all and for the first load (the gateway page's chunk loads on demand).
 *
 * The app is served by a small static server here (the built files plus the two API answers), so the numbers are the
 * browser's alone. Run with `npm run bench` or `node --import tsx bench/ui.bench.ts`.
 */
import { GatewayDetail, GatewayList, type InspectReport } from '../packages/api/src/index.js';
import { parse } from '../packages/iptables/src/index.js';
import { chainGraph, findingsHealth, gatewayHeadline, inspect } from '../packages/natgw/src/index.js';
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generateDump } from './generate-dump.js';
import { median } from './measure.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'apps/web/dist');
const RULES = 5000;
const LOADS = 5;

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function buildApp(): void {
  execFileSync('pnpm', ['--filter', '@natscope/web', 'run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

/** Sizes of the production build: everything, and what the first page load fetches (the files index.html names). */
function bundleSize(): { files: number; raw: number; gzip: number; initialRaw: number; initialGzip: number } {
  const total = { files: 0, raw: 0, gzip: 0, initialRaw: 0, initialGzip: 0 };
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]));
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file, `${prefix}${name}/`);
      else {
        const bytes = readFileSync(file);
        const zipped = gzipSync(bytes, { level: 9 }).length;
        total.files += 1;
        total.raw += bytes.length;
        total.gzip += zipped;
        if (initial.has(`${prefix}${name}`) || name === 'index.html') {
          total.initialRaw += bytes.length;
          total.initialGzip += zipped;
        }
      }
    }
  };
  walk(DIST, '');
  return total;
}

/** Adds `bump` packets to every counter and sets rates: what the next poll of a busy gateway looks like. */
function withMoreTraffic(report: InspectReport, bump: number): InspectReport {
  return {
    ...report,
    tables: report.tables.map((t) => ({
      ...t,
      chains: t.chains.map((c) => ({
        ...c,
        rules: c.rules.map((r) => ({
          ...r,
          counters: r.counters && { packets: r.counters.packets + bump, bytes: r.counters.bytes + bump * 800 },
          rate: { packetsPerSecond: bump / 10, bytesPerSecond: (bump * 800) / 10 },
        })),
      })),
    })),
    mappings: report.mappings.map((m) => ({
      ...m,
      counters: { packets: m.counters.packets + bump, bytes: m.counters.bytes + bump * 800 },
    })),
  };
}

function detailFor(report: InspectReport, raw: string, collectedAt: string): GatewayDetail {
  const count = (kind: string) => report.mappings.filter((m) => m.kind === kind).length;
  const severity = (s: string) => report.diagnostics.filter((d) => d.severity === s).length;
  const findings = findingsHealth(report.diagnostics);
  return GatewayDetail.parse({
    reading: 'ok',
    health: findings.health,
    headline: gatewayHeadline({ reading: 'ok', findings }),
    drift: {
      gateway: 'big',
      status: 'unknown',
      reason: 'the bench lists no kubeovn.io objects',
      drifts: [],
      resources: [],
      listedAt: null,
    },
    namespace: 'bench',
    name: 'big',
    pods: [{ name: 'vpc-nat-gw-big-0', phase: 'Running', ready: true }],
    status: 'ok',
    backend: report.backend,
    collectedAt,
    ageSeconds: 0,
    stale: false,
    lastRuleChangeAt: null,
    counts: {
      fip: count('fip'),
      dnat: count('dnat'),
      snat: count('snat'),
      hairpin: count('hairpin'),
      rules: report.stats.rules,
    },
    diagnostics: { error: severity('error'), warning: severity('warning'), info: severity('info') },
    source: 'kubernetes',
    context: 'bench',
    pod: 'vpc-nat-gw-big-0',
    stderr: '',
    raw,
    report,
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** Serves the built app and the API answers; `detail()` says which reading the next detail request gets. */
function serve(list: string, detail: () => string): Promise<{ server: Server; url: string }> {
  const index = readFileSync(join(DIST, 'index.html'));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/api/gateways') return void res.writeHead(200, { 'content-type': 'application/json' }).end(list);
    if (path === '/api/gateways/bench/big')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(detail());
    const file = normalize(join(DIST, path));
    if (file.startsWith(DIST) && path.startsWith('/assets/')) {
      try {
        return void res
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(readFileSync(file));
      } catch {
        return void res.writeHead(404).end();
      }
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end(index);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

/**
 * Page-side script (a string: tsx would wrap a function in helpers the page does not have): resolves, on the first
 * frame where every node is measured and visible, every edge drawn and a rule row takes clicks, with the milliseconds
 * since the gateway's data finished arriving.
 */
function untilInteractive(edges: number): string {
  // Every node React Flow drew (a table's empty hooks are one node), each measured and visible; a rule row takes clicks.
  return `new Promise((resolve, reject) => {
    const started = performance.now();
    const ready = () => {
      const nodes = document.querySelectorAll('.react-flow__node');
      const shown = [...nodes].filter((n) => getComputedStyle(n).visibility === 'visible');
      const row = document.querySelector('[data-testid="rule-nat-PREROUTING-1"]');
      return nodes.length > 0 && shown.length === nodes.length && document.querySelectorAll('.react-flow__edge path.react-flow__edge-path').length === ${edges} &&
        row !== null && getComputedStyle(row).pointerEvents !== 'none';
    };
    const check = () => {
      if (performance.now() - started > 60000) {
        const shown = [...document.querySelectorAll('.react-flow__node')].filter((n) => getComputedStyle(n).visibility === 'visible').length;
        return reject(new Error('no interactive graph after 60 s: ' + shown + ' nodes visible, ' +
          document.querySelectorAll('.react-flow__edge path.react-flow__edge-path').length + ' of ${edges} edges'));
      }
      if (!ready()) return void requestAnimationFrame(check);
      const response = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/gateways/bench/big'));
      resolve(performance.now() - (response ? response.responseEnd : 0));
    };
    check();
  })`;
}

async function main(): Promise<void> {
  buildApp();
  const size = bundleSize();

  const raw = generateDump({ rules: RULES, seed: 7 });
  const report = inspect(parse(raw, { file: 'bench.txt' }));
  const graph = chainGraph(report.tables);
  const first = JSON.stringify(detailFor(report, raw, '2026-01-01T00:00:00.000Z'));
  const second = JSON.stringify(detailFor(withMoreTraffic(report, 1_000_000), raw, '2026-01-01T00:00:10.000Z'));
  // The summary is the detail without its extra fields (zod drops keys the list schema does not name).
  // Its drift is the detail's (a pod's report) in the summary's shape.
  const summary = {
    ...JSON.parse(first),
    drift: {
      status: 'unknown',
      reason: 'the bench lists no kubeovn.io objects',
      counts: { error: 0, warning: 0, info: 0 },
    },
  };
  const list = JSON.stringify(GatewayList.parse({ source: 'kubernetes', context: 'bench', gateways: [summary] }));
  let next = first;
  const { server, url } = await serve(list, () => next);

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // Pause live refresh so that only the bench's own refresh fetches again.
    await page.addInitScript(`localStorage.setItem('natscope.refresh', JSON.stringify({ seconds: 60, paused: true }))`);
    const loads: number[] = [];
    for (let i = 0; i < LOADS; i += 1) {
      next = first;
      await page.goto(`${url}/gateways/bench/big`);
      const ms = await page.evaluate<number>(untilInteractive(graph.edges.length));
      loads.push(ms);
    }

    // The demo's busiest gateway, cold: a fresh page (nothing cached in it) per load.
    const busyRaw = readFileSync(join(ROOT, 'packages/iptables/fixtures/large-busy-v116-nft.txt'), 'utf8');
    const busyReport = inspect(parse(busyRaw, { file: 'large-busy-v116-nft.txt' }));
    const busyEdges = chainGraph(busyReport.tables).edges.length;
    const busyDetail = JSON.stringify(detailFor(busyReport, busyRaw, '2026-01-01T00:00:00.000Z'));
    const busyLoads: number[] = [];
    for (let i = 0; i < LOADS; i += 1) {
      next = busyDetail;
      const fresh = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await fresh.addInitScript(
        `localStorage.setItem('natscope.refresh', JSON.stringify({ seconds: 60, paused: true }))`,
      );
      await fresh.goto(`${url}/gateways/bench/big`);
      busyLoads.push(await fresh.evaluate<number>(untilInteractive(busyEdges)));
      await fresh.close();
    }
    next = first;
    await page.goto(`${url}/gateways/bench/big`);
    await page.evaluate<number>(untilInteractive(graph.edges.length));

    // A counter refresh: same rules, new counters and rates. The layout must not run again.
    const layoutRuns = `performance.getEntriesByName('natscope:layout').length`;
    const layoutsBefore = await page.evaluate<number>(layoutRuns);
    // PREROUTING's jump row: drawn in the overview too.
    const cell = page.getByTestId('rule-nat-PREROUTING-1').locator('.rule-row__packets');
    const before = await cell.textContent();
    next = second;
    const started = Date.now();
    await page.getByRole('button', { name: /Refresh/ }).click();
    await page.waitForFunction(
      `document.querySelector('[data-testid="rule-nat-PREROUTING-1"] .rule-row__packets')?.textContent !== ${JSON.stringify(before)}`,
    );
    const refreshMs = Date.now() - started;
    const layoutsAfter = await page.evaluate<number>(layoutRuns);
    const layoutMs = await page.evaluate<number[]>(
      `performance.getEntriesByName('natscope:layout').map((e) => e.duration)`,
    );

    console.log(
      `ui: gateway of ${report.stats.rules} rules in ${report.stats.chains} chains (${graph.edges.length} edges), detail JSON ${kib(first.length)}`,
    );
    console.log(
      `ui: data arrival → interactive graph: median ${median(loads).toFixed(0)} ms over ${LOADS} loads (${loads.map((v) => v.toFixed(0)).join(', ')}) — target < 2000 ms`,
    );
    console.log(
      `ui: demo's busiest gateway (${busyReport.stats.rules} rules), data arrival → interactive graph, cold page: median ${median(busyLoads).toFixed(0)} ms over ${LOADS} loads (${busyLoads.map((v) => v.toFixed(0)).join(', ')}) — target ≤ 600 ms`,
    );
    console.log(`ui: dagre layout run: ${median(layoutMs).toFixed(1)} ms`);
    console.log(
      `ui: counter refresh: ${layoutsAfter - layoutsBefore} layout runs (must be 0), counters on screen ${refreshMs} ms after the click (${before} → ${await cell.textContent()})`,
    );
    console.log(
      `ui: bundle: ${size.files} files, ${kib(size.raw)} raw, ${kib(size.gzip)} gzip; first load (fleet page) ${kib(size.initialRaw)} raw, ${kib(size.initialGzip)} gzip`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
