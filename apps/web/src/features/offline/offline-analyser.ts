import type { GatewayDetail, GatewayTrace, TraceRequest } from '@natscope/api';
import type { LocalFile } from './local-reading.js';
import type { BundleFacts, DumpProblem, OfflineRequest, OfflineResponse } from './offline-protocol.js';

/** The outcome of opening a dump or bundle: shown, refused at a position, or not a bundle natscope can open. */
export type OpenOutcome =
  | {
      kind: 'opened';
      detail: GatewayDetail;
      changes: readonly string[];
      analysisMs: number;
      startedAt: number;
      bundle: BundleFacts | null;
    }
  | { kind: 'refused'; problem: DumpProblem; text: string }
  | { kind: 'unreadable'; message: string };

/** The outcome of comparing with kubeovn.io objects: compared, a gateway to choose, or objects that could not be read. */
export type CompareOutcome =
  Extract<OfflineResponse, { kind: 'compared' | 'choose-gateway' | 'objects-refused' }> extends infer R
    ? R extends OfflineResponse
      ? Omit<R, 'id'>
      : never
    : never;

type Pending = { resolve: (response: OfflineResponse) => void; reject: (error: Error) => void };
// Each kind of request without its id (distributed over the union, so each keeps its own fields).
type Question = OfflineRequest extends infer R ? (R extends OfflineRequest ? Omit<R, 'id'> : never) : never;

/**
 * The page's side of the offline worker: one worker per page, questions matched to answers by id. Nothing leaves the
 * browser: the dump goes to the worker, never to a server.
 */
export class OfflineAnalyser {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #next = 1;

  constructor() {
    this.#worker = new Worker(new URL('./offline-worker.ts', import.meta.url), {
      type: 'module',
      name: 'natscope-offline',
    });
    this.#worker.addEventListener('message', (event: MessageEvent<OfflineResponse>) => {
      const pending = this.#pending.get(event.data.id);
      this.#pending.delete(event.data.id);
      pending?.resolve(event.data);
    });
    this.#worker.addEventListener('error', (event) => {
      const error = new Error(`the offline worker stopped: ${event.message || 'it could not start'}`);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
  }

  /** Parses and inspects a dump in the worker; the dump stays there for traces. */
  async open(input: Uint8Array | string, file: LocalFile): Promise<OpenOutcome> {
    const response = await this.#ask({ kind: 'open', input, file });
    if (response.kind === 'opened') {
      // On the page's timeline, for the Performance panel and bench/open.bench.ts: the worker's own time (read, parse,
      // inspect), then the answer's way back until the page has it. That copy of the detail as objects (~300 ms for
      // 20,000 rules) beats sending it as JSON: stringify in the worker and parse here cost more in all.
      const start = response.startedAt - performance.timeOrigin;
      performance.measure('natscope:offline-analysis', { start, duration: response.analysisMs });
      performance.measure('natscope:offline-answer', { start: start + response.analysisMs, end: performance.now() });
    }
    if (response.kind === 'opened' || response.kind === 'refused' || response.kind === 'unreadable') return response;
    throw new Error(response.kind === 'failed' ? response.message : `unexpected answer ${response.kind}`);
  }

  /** Compares the open dump with kubeovn.io objects, as `gateway` or as the gateway they (or the dump's name) say. */
  async compare(input: Uint8Array | string, file: LocalFile, gateway: string | null): Promise<CompareOutcome> {
    const response = await this.#ask({ kind: 'compare', input, file, gateway });
    if (response.kind === 'compared' || response.kind === 'choose-gateway' || response.kind === 'objects-refused')
      return response;
    throw new Error(response.kind === 'failed' ? response.message : `unexpected answer ${response.kind}`);
  }

  /** Traces a packet through the open dump. */
  async trace(request: TraceRequest): Promise<GatewayTrace> {
    const response = await this.#ask({ kind: 'trace', request });
    if (response.kind === 'traced') return response.trace;
    throw new Error(response.kind === 'failed' ? response.message : `unexpected answer ${response.kind}`);
  }

  dispose(): void {
    this.#worker.terminate();
  }

  #ask(question: Question): Promise<OfflineResponse> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...question, id } as OfflineRequest);
    });
  }
}
