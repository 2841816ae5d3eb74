import type { GatewayDetail, GatewayTrace, TraceRequest } from '@natscope/api';
import type { LocalFile } from './local-reading.js';

/** Where a dump stops being iptables-save output: `file:line:column: reason` and its parts. */
export interface DumpProblem {
  message: string;
  reason: string;
  line: number;
  column: number;
}

/** What the page asks the worker: open a dump (bytes as read, or pasted text), or trace a packet through it. */
export type OfflineRequest =
  | { id: number; kind: 'open'; input: Uint8Array | string; file: LocalFile }
  | { id: number; kind: 'trace'; request: TraceRequest };

/**
 * What the worker answers: the opened dump as a GatewayDetail (and how long parse + inspect took in the worker), a
 * dump refused at a position with its text for the raw view, a trace, or natscope's own failure in words.
 */
export type OfflineResponse =
  | { id: number; kind: 'opened'; detail: GatewayDetail; changes: readonly string[]; analysisMs: number }
  | { id: number; kind: 'refused'; problem: DumpProblem; text: string }
  | { id: number; kind: 'traced'; trace: GatewayTrace }
  | { id: number; kind: 'failed'; message: string };
