/**
 * History benchmark: what the SQLite history costs. Prints each number beside its target; passes or fails nothing.
 *
 * 1. Bytes stored per gateway per day at a 10 s poll (the s5 tenant dump, 18 rules, counters growing), with no rule
 *    change (target ≤ 200 KB) and with a change an hour: a simulated day through the real HistoryRecorder and store.
 * 2. CPU of one poll's writes for 200 gateways (target ≤ 20 ms): the recorder's listener for every reading, then the
 *    pass's transaction, both for a pass without counter samples and for the minute's pass that samples every pod.
 * 3. History and diff queries on 1,000 gateways × 14 days of hourly rule changes (target p99 ≤ 50 ms): a page of the
 *    timeline, and a diff of two kept readings (read, parse, inspect and compare both, no cache).
 * 4. `diff` of two 100,000-rule dumps that differ in 1% of their rules (target ≤ 1 s in process).
 *
 *   node --expose-gc --import tsx bench/history.bench.ts
 *
 * The machine is shared: wall time includes waiting for a core, so CPU time is printed beside it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@natscope/iptables';
import { diff, inspect, type DiffReading } from '@natscope/natgw';
import type { CollectorEvent } from '../apps/server/src/collector/collector-event.js';
import { scanCounters } from '../apps/server/src/collector/scan-counters.js';
import { GrowingCounters } from '../apps/server/src/demo/grow-counters.js';
import { HistoryRecorder } from '../apps/server/src/history/history-recorder.js';
import { bareGateway, bareReading } from '../apps/server/src/test-support/bare-reading.js';
import { HistoryStore, type HistoryBatch } from '../apps/server/src/history/history-store.js';
import { generateDump } from './generate-dump.js';
import { measureWithCpu, median, timeWithCpu } from './measure.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../packages/natgw/fixtures/diff/${name}.txt`, import.meta.url), 'utf8');
const BEFORE = fixture('fip-moved-v116-legacy.before');
const AFTER = fixture('fip-moved-v116-legacy.after');
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;
const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'natscope-history-bench-'));
  dirs.push(d);
  return d;
};

const gateway = (i: number) => bareGateway('bench', `gw${i}`);
const readingOf = (raw: string, at: number) => bareReading(raw, at);

/** 1. One simulated day of `gateways` gateways at a 10 s poll; `changeEveryMs` switches their rules. */
function bytesPerDay(changeEveryMs: number | null, gateways = 20): number {
  let clock = T0;
  const store = HistoryStore.open({ dir: tempDir(), retentionDays: 14, retentionMb: null, now: () => clock });
  const fleet = Array.from({ length: gateways }, (_, i) => gateway(i));
  const recorder = new HistoryRecorder({ store, gateways: () => fleet.map((f) => f.gw), now: () => clock });
  const counters = [new GrowingCounters(BEFORE), new GrowingCounters(AFTER)];
  const empty = store.usedBytes();
  for (let t = 0; t < DAY; t += 10_000) {
    clock = T0 + t;
    const which = changeEveryMs === null ? 0 : Math.floor(t / changeEveryMs) % 2;
    fleet.forEach(({ gw, pod }, i) => {
      const raw = (counters[which] as GrowingCounters).at(t / 1000 + i * 3600);
      const event: CollectorEvent = { type: 'reading', gateway: gw, pod, reading: readingOf(raw, clock) };
      recorder.listener(event);
    });
    recorder.flush();
  }
  store.prune(); // checkpoint and vacuum, so the file says what is kept
  const used = store.usedBytes() - empty;
  store.close();
  return used / gateways;
}

console.log('history bench (better-sqlite3, WAL; the s5 tenant dump, 18 rules, counters growing)');
const steady = bytesPerDay(null);
console.log(
  `  bytes per gateway per day, 10 s poll, no rule change     ${kb(steady)}   target ≤ 200 KB: ${verdict(steady <= 200 * 1024)}`,
);
const hourly = bytesPerDay(3_600_000);
console.log(`  bytes per gateway per day, 10 s poll, a change an hour   ${kb(hourly)}`);

/** 2. One pass of 200 gateways: every reading through the listener, then the pass's transaction. */
{
  let clock = T0;
  const store = HistoryStore.open({ dir: tempDir(), retentionDays: 14, retentionMb: null, now: () => clock });
  const fleet = Array.from({ length: 200 }, (_, i) => gateway(i));
  const recorder = new HistoryRecorder({ store, gateways: () => fleet.map((f) => f.gw), now: () => clock });
  const grow = new GrowingCounters(BEFORE);
  // Readings made ahead: the collector has them anyway; what is measured is what history adds to a pass.
  const pass = (t: number) => fleet.map(({ gw, pod }) => ({ gw, pod, reading: readingOf(grow.at(t / 1000), T0 + t) }));
  let t = 0;
  const run = (events: ReturnType<typeof pass>) => {
    for (const e of events) recorder.listener({ type: 'reading', gateway: e.gw, pod: e.pod, reading: e.reading });
    recorder.flush();
  };
  run(pass(t)); // the first pass keeps every pod's first reading
  const quiet: number[] = [];
  const sampling: number[] = [];
  for (let round = 0; round < 30; round++) {
    t += 10_000;
    clock = T0 + t;
    const events = pass(t);
    globalThis.gc?.();
    const { cpu } = timeWithCpu(() => run(events));
    (t % 60_000 === 0 ? sampling : quiet).push(cpu);
  }
  store.close();
  const worst = Math.max(median(quiet), median(sampling));
  console.log(`  a poll's writes, 200 gateways, no sample due (median)    ${ms(median(quiet))} CPU`);
  console.log(
    `  a poll's writes, 200 gateways, every pod sampled (median)${ms(median(sampling))} CPU   target ≤ 20 ms: ${verdict(worst <= 20)}`,
  );
}

/** 3. 1,000 gateways × 14 days of hourly changes, then timeline pages and diffs of random pairs. */
{
  const dir = tempDir();
  const clock = T0 + 14 * DAY;
  const store = HistoryStore.open({ dir, retentionDays: 15, retentionMb: null, now: () => clock });
  const texts = [BEFORE, AFTER];
  const fill = timeWithCpu(() => {
    for (let hour = 0; hour < 14 * 24; hour++) {
      const batch: HistoryBatch = { readings: [], samples: [], statuses: [], drifts: [] };
      for (let g = 0; g < 1000; g++) {
        // Each gateway its own pair of texts (its own EIP), alternating every hour.
        const raw = (texts[hour % 2] as string).replaceAll('192.168.100.11', `172.${16 + (g >> 8)}.${g & 255}.11`);
        const at = T0 + hour * 3_600_000 + g;
        const scan = scanCounters(raw, 'legacy\n');
        batch.readings.push({
          namespace: 'bench',
          gateway: `gw${g}`,
          pod: `vpc-nat-gw-gw${g}-0`,
          at,
          shape: scan.shape,
          backend: 'legacy',
          stderr: '',
          raw,
        });
        if (hour % 12 === 5)
          batch.statuses.push({
            namespace: 'bench',
            gateway: `gw${g}`,
            at: at + 1,
            status: hour % 24 === 5 ? 'error' : 'ok',
            code: 'exec-timeout',
            message: 'timed out',
          });
      }
      store.write(batch);
    }
  });
  console.log(
    `  1,000 gateways × 14 days (${(14 * 24 * 1000).toLocaleString('en-US')} readings): filled in ${(fill.wall / 1000).toFixed(1)} s, ${(store.usedBytes() / 1024 / 1024).toFixed(1)} MB`,
  );
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? NaN;
  const pages: number[] = [];
  const windows: number[] = [];
  const diffs: number[] = [];
  for (let i = 0; i < 300; i++) {
    const g = `gw${random(1000)}`;
    pages.push(timeWithCpu(() => store.events('bench', g, { limit: 100 })).wall);
    const since = T0 + random(13) * DAY;
    windows.push(timeWithCpu(() => store.events('bench', g, { limit: 100, since, until: since + DAY })).wall);
  }
  const readingIds = store
    .events('bench', 'gw0', { limit: 1000 })
    .filter((e) => e.kind === 'reading')
    .map((e) => e.id);
  for (let i = 0; i < 200; i++) {
    const [a, b] = [readingIds[random(readingIds.length)] ?? 1, readingIds[random(readingIds.length)] ?? 1];
    diffs.push(timeWithCpu(() => diff(readingFor(store, a), readingFor(store, b))).wall);
  }
  console.log(
    `  history page (100 newest), p99 of 300                    ${ms(p99(pages))}   target ≤ 50 ms: ${verdict(p99(pages) <= 50)}`,
  );
  console.log(
    `  history page in a one-day window, p99 of 300             ${ms(p99(windows))}   target ≤ 50 ms: ${verdict(p99(windows) <= 50)}`,
  );
  console.log(
    `  diff of two kept readings (read, parse, inspect), p99    ${ms(p99(diffs))}   target ≤ 50 ms: ${verdict(p99(diffs) <= 50)}`,
  );
  store.close();
}

function readingFor(store: HistoryStore, id: number): DiffReading {
  const stored = store.reading('bench', 'gw0', id);
  if (!stored) throw new Error(`no reading ${id}`);
  const dump = parse(stored.raw, { file: 'bench' });
  const report = inspect(dump);
  return { mappings: report.mappings, diagnostics: report.diagnostics, tables: dump.tables };
}

/** 4. Two 100,000-rule dumps, the second with 1% of the rules removed and as many others added. */
{
  const a = generateDump({ rules: 100_000, seed: 1 });
  const lines = a.split('\n');
  const changed = lines
    .map((line, i) =>
      line.includes(' -A SHARED_DNAT ') && i % 100 === 0
        ? line.replace(/--to-destination (\S+):/, '--to-destination 10.250.0.1:')
        : line,
    )
    .join('\n');
  const read = (text: string): DiffReading => {
    const dump = parse(text, { file: 'generated' });
    const report = inspect(dump);
    return { mappings: report.mappings, diagnostics: report.diagnostics, tables: dump.tables };
  };
  const prepared = timeWithCpu(() => [read(a), read(changed)] as const);
  const [before, after] = prepared.value;
  const once = diff(before, after);
  const warm = measureWithCpu(() => diff(before, after), { runs: 5, warmups: 1 });
  console.log(
    `  diff of two 100,000-rule dumps (${once.rules.added.length} rules added, ${once.rules.removed.length} removed, ${once.mappings.changed.length} mappings changed)`,
  );
  console.log(
    `    diff, median of 5                                      ${ms(warm.wall)} wall ${ms(warm.cpu)} CPU   target ≤ 1000 ms: ${verdict(warm.wall <= 1000)}`,
  );
  console.log(`    (parse and inspect of both, for scale                  ${ms(prepared.wall)} wall)`);
}

for (const d of dirs) rmSync(d, { recursive: true, force: true });
