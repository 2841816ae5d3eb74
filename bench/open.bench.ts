/**
 * Offline benchmark: a generated 20,000-rule dump in the real Kube-OVN shapes opened on `/open` of the production
 * build, served by the plainest static server (no natscope server), in Debian's Chromium through Playwright.
 *
 * Prints, median of several fresh pages:
 * - choosing the file (the file input's change event) → an interactive graph (every chain node measured and visible,
 *   every edge drawn, a rule row takes clicks); target ≤ 2 s;
 * - the worker's part of it (read, parse, inspect: `natscope:offline-analysis`); target ≤ 1 s;
 * - filtering the EIP table by one EIP: the filter's input event → the table showing that EIP's row alone;
 *   target ≤ 300 ms;
 * beside references measured in the same run: the same parse + inspect in this Node process (the worker's floor
 * without the browser), and iptables' own `iptables-legacy-restore --test` reading the same dump.
 *
 * Run with `npm run bench` or `node --import tsx bench/open.bench.ts`.
 */
import { parse } from '../packages/iptables/src/index.js';
import { chainGraph, inspect } from '../packages/natgw/src/index.js';
import { chromium } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../e2e/static-server.js';
import { generateDump } from './generate-dump.js';
import { median } from './measure.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'apps/web/dist');
const RULES = 20_000;
const LOADS = 5;

function spread(values: number[]): string {
  return `median ${median(values).toFixed(0)} ms over ${values.length} (${values.map((v) => v.toFixed(0)).join(', ')})`;
}

/** iptables' own reading of the dump, as a floor: `--test` parses and checks without committing. Null without it. */
function restoreTestMs(file: string): number | null {
  const runs: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const started = process.hrtime.bigint();
    // A network namespace of its own, so the check never touches this machine's tables.
    const run = spawnSync('unshare', ['--net', 'iptables-legacy-restore', '--test', '--counters', file], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (run.status !== 0) {
      console.log(`open: iptables-legacy-restore --test not measured: ${String(run.stderr).trim() || run.error}`);
      return null;
    }
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(runs);
}

/**
 * Page-side script (a string: tsx would wrap a function in helpers the page does not have): resolves, on the first
 * frame where every node is measured and visible, every edge drawn and a rule row takes clicks, with the milliseconds
 * since the file input's change event (recorded by the init script below).
 */
function untilInteractive(edges: number): string {
  return `new Promise((resolve, reject) => {
    const ready = () => {
      const nodes = document.querySelectorAll('.react-flow__node');
      const shown = [...nodes].filter((n) => getComputedStyle(n).visibility === 'visible');
      const row = document.querySelector('[data-testid="rule-nat-PREROUTING-1"]');
      return nodes.length > 0 && shown.length === nodes.length &&
        document.querySelectorAll('.react-flow__edge path.react-flow__edge-path').length === ${edges} &&
        row !== null && getComputedStyle(row).pointerEvents !== 'none';
    };
    const check = () => {
      if (window.__chosenAt === undefined) return void requestAnimationFrame(check);
      if (performance.now() - window.__chosenAt > 60000) return reject(new Error('no interactive graph after 60 s'));
      if (!ready()) return void requestAnimationFrame(check);
      resolve(performance.now() - window.__chosenAt);
    };
    check();
  })`;
}

/** Page-side: the milliseconds from the filter's last input event to the EIP table showing `eip`'s row alone. */
function untilOnlyRow(eip: string): string {
  return `new Promise((resolve, reject) => {
    const check = () => {
      if (window.__filteredAt === undefined) return void requestAnimationFrame(check);
      if (performance.now() - window.__filteredAt > 10000) return reject(new Error('the EIP row did not come alone'));
      const rows = document.querySelectorAll('.eip-table tbody tr');
      const row = document.querySelector('[data-testid="eip-${eip}"]');
      if (!row || rows.length !== 1) return void requestAnimationFrame(check);
      resolve(performance.now() - window.__filteredAt);
    };
    check();
  })`;
}

async function main(): Promise<void> {
  execFileSync('pnpm', ['--filter', '@natscope/web', 'run', 'build'], { cwd: ROOT, stdio: 'ignore' });

  const raw = generateDump({ rules: RULES, seed: 11 });
  const dir = mkdtempSync(join(tmpdir(), 'natscope-open-'));
  const file = join(dir, 'vpc-nat-gw-big-0.txt');
  writeFileSync(file, raw);

  // The same work in Node, in this process, as a floor for the worker's number.
  const nodeRuns: number[] = [];
  let report = inspect(parse(raw, { file: 'big.txt' }));
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    report = inspect(parse(raw, { file: 'big.txt' }));
    nodeRuns.push(performance.now() - started);
  }
  const edges = chainGraph(report.tables).edges.length;
  // A floating IP's EIP: the row the filter must leave alone (its EIP has no other mapping in the generator).
  const fip = report.mappings.find((m) => m.kind === 'fip');
  if (!fip) throw new Error('the generated dump has no floating IP');
  const restore = restoreTestMs(file);

  const { url, close } = await serveStatic(DIST);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
  const opened: number[] = [];
  const worker: number[] = [];
  const before: number[] = [];
  const answer: number[] = [];
  const after: number[] = [];
  const filtered: number[] = [];
  try {
    for (let i = 0; i < LOADS; i += 1) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.addInitScript(`
        document.addEventListener('change', (e) => { if (e.target?.dataset?.testid === 'open-file') window.__chosenAt = performance.now(); }, true);
        document.addEventListener('input', (e) => { if (e.target?.closest?.('.filter-field')) window.__filteredAt = performance.now(); }, true);
      `);
      await page.goto(`${url}/open/`);
      // A person takes a moment to pick the file: the page starts its worker on arrival, in that moment.
      await page.waitForTimeout(1000);
      await page.getByTestId('open-file').setInputFiles(file);
      opened.push(await page.evaluate<number>(untilInteractive(edges)));
      const analysis = await page.evaluate<{ start: number; worker: number; answer: number; chosenAt: number }>(
        `(() => { const at = (name) => performance.getEntriesByName(name).at(-1);
          const w = at('natscope:offline-analysis'), a = at('natscope:offline-answer');
          return { start: w?.startTime ?? NaN, worker: w?.duration ?? NaN, answer: a?.duration ?? NaN, chosenAt: window.__chosenAt }; })()`,
      );
      worker.push(analysis.worker);
      // Before the worker: reading the file, handing it over. Then the answer's copy back, then React, layout, paint.
      before.push(analysis.start - analysis.chosenAt);
      answer.push(analysis.answer);
      after.push((opened.at(-1) ?? NaN) - (analysis.start + analysis.worker + analysis.answer - analysis.chosenAt));
      await page.getByTestId('view-eips').click();
      await page.getByTestId(`eip-${fip.eip}`).waitFor();
      await page.getByRole('searchbox', { name: 'Filter rules' }).fill(fip.eip);
      filtered.push(await page.evaluate<number>(untilOnlyRow(fip.eip)));
      await page.close();
    }
  } finally {
    await browser.close();
    await close();
    rmSync(dir, { recursive: true, force: true });
  }

  const mib = (Buffer.byteLength(raw) / 1024 / 1024).toFixed(1);
  console.log(
    `open: generated dump of ${report.stats.rules} rules in ${report.stats.chains} chains (${mib} MiB, ${report.mappings.length} mappings, ${edges} edges), static build, no server`,
  );
  console.log(`open: file chosen → interactive graph: ${spread(opened)} — target ≤ 2000 ms`);
  console.log(`open: in the worker (read, parse, inspect): ${spread(worker)} — target ≤ 1000 ms`);
  console.log(
    `open: of that whole, before the worker (file read, handed over): ${spread(before)}; the answer's copy back to the page: ${spread(answer)}; then drawing it: ${spread(after)}`,
  );
  console.log(
    `open: reference, parse + inspect in Node (this process, warm): ${spread(nodeRuns)}; iptables-legacy-restore --test on the file: ${restore === null ? 'not measured' : `${restore.toFixed(0)} ms (median of 3, a fresh process each)`}`,
  );
  console.log(`open: EIP table filtered to ${fip.eip}: input → its row alone: ${spread(filtered)} — target ≤ 300 ms`);
}

await main();
