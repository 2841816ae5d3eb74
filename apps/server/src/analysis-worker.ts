// The analysis worker's entry: parses and inspects the dumps the pool sends, one at a time, so the server's
// main thread keeps exec'ing and answering HTTP while a fleet is analysed. Bundled as its own file (build.ts).
import { parentPort } from 'node:worker_threads';
import { analyseDump, type AnalysisJob } from './analyse-dump.js';
import type { AnalysisReply } from './analysis-pool.js';
import { CollectError } from './collect-error.js';

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs as a worker thread (see analysis-pool.ts)');

port.on('message', ({ id, job }: { id: number; job: AnalysisJob }) => {
  let reply: AnalysisReply;
  try {
    const result = analyseDump(job);
    reply = { id, result };
    // The packed counter indexes move to the main thread instead of being copied (both own plain ArrayBuffers).
    port.postMessage(reply, [result.mappings.offsets.buffer as ArrayBuffer, result.mappings.ruleIndex.buffer as ArrayBuffer]);
    return;
  } catch (err) {
    const e = err instanceof CollectError ? err : new CollectError('parse-failed', `${job.target}: cannot analyse the iptables-save output: ${String(err)}`, job.stderr);
    reply = { id, error: { code: e.code, message: e.message, stderr: e.stderr } };
  }
  port.postMessage(reply);
});
