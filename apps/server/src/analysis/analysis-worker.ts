// The analysis worker's entry: parses and inspects the dumps the pool sends, one at a time, so the server's
// main thread keeps exec'ing and answering HTTP while a fleet is analysed. Bundled as its own file (build.ts).
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { trace } from '@natscope/natgw';
import { analyseDump, inspectJob } from './analyse-dump.js';
import { analyseReading, detailJsonOf, shapeKey, type AnalysedReading, type ReadingJob } from './analyse-reading.js';
import type { AnalysisReply, WorkerMessage } from './analysis-pool.js';
import { compareJob, RecentReports } from './drift-job.js';
import { CollectError } from '../collector/collect-error.js';

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs as a worker thread (see analysis-pool.ts)');
lowerPriority((workerData as { nice?: number } | undefined)?.nice ?? 0);

// The reports analysed lately, kept only while the server compares gateways with their objects (the pool says so on
// each analysis): a comparison of a reading just analysed then costs no second parse.
const recent = new RecentReports();

// The analysed readings of the shapes the detail and trace routes look at. The main thread's AnalysedReadings bounds
// them (it sends 'forget' for a shape it drops); a worker that stopped meanwhile builds a shape again when asked.
const analysed = new Map<string, AnalysedReading>();

function analysedOf(job: ReadingJob): AnalysedReading {
  const key = shapeKey(job);
  let reading = analysed.get(key);
  if (reading === undefined) analysed.set(key, (reading = analyseReading(job)));
  return reading;
}

port.on('message', (message: WorkerMessage) => {
  if (message.type === 'forget') {
    analysed.delete(message.key);
    return;
  }
  const { id } = message;
  const target = message.job.target;
  let reply: AnalysisReply;
  try {
    if (message.type === 'drift') {
      reply = { id, result: compareJob(message.job, recent) };
      port.postMessage(reply);
      return;
    }
    if (message.type === 'detail') {
      reply = { id, result: detailJsonOf(analysedOf(message.job), message.job) };
      port.postMessage(reply);
      return;
    }
    if (message.type === 'trace') {
      reply = { id, result: trace(analysedOf(message.job).dump, message.request) };
      port.postMessage(reply);
      return;
    }
    const { job } = message;
    const report = inspectJob(job);
    if (message.keep) recent.set(job.shape, report);
    const result = analyseDump(job, report);
    reply = { id, result };
    // The packed counter indexes move to the main thread instead of being copied (both own plain ArrayBuffers).
    port.postMessage(reply, [
      result.mappings.offsets.buffer as ArrayBuffer,
      result.mappings.ruleIndex.buffer as ArrayBuffer,
    ]);
    return;
  } catch (err) {
    const stderr = message.job.stderr;
    const e =
      err instanceof CollectError
        ? err
        : new CollectError(
            'internal',
            `${target}: natscope failed to analyse this gateway's rules (a natscope bug; the server log has the details)`,
            stderr,
          );
    // A bad dump is the gateway's error and is served; anything else is natscope's bug: its stack goes to the log.
    if (e.code === 'internal')
      console.error(`natscope: internal error analysing ${target}: ${describe(e.cause ?? err)}`);
    reply = { id, error: { code: e.code, message: e.message, stderr: e.stderr } };
  }
  port.postMessage(reply);
});

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/**
 * Makes this thread yield the CPU to the main thread (execs, HTTP) when both want it. On Linux the nice value
 * belongs to the thread, so setpriority(0) here leaves the rest of the process alone; elsewhere it would
 * slow the whole server, so it is skipped. Raising a nice value needs no privilege, so this cannot fail for
 * lack of one; if it fails anyway the worker simply runs at normal priority.
 */
function lowerPriority(nice: number): void {
  if (nice <= 0 || process.platform !== 'linux') return;
  try {
    setPriority(nice);
  } catch {
    // Normal priority is correct, only slower to yield.
  }
}
