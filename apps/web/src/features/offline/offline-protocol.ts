import type { GatewayDetail, GatewayTrace, TraceRequest } from '@natscope/api';
import type { LocalFile } from './local-reading.js';

/** Where a dump stops being iptables-save output: `file:line:column: reason` and its parts. */
export interface DumpProblem {
  message: string;
  reason: string;
  line: number;
  column: number;
}

/** What the page says about a bundle opened again: when and by what it was made, whether its files are intact. */
export interface BundleFacts {
  createdAt: string;
  natscope: string;
  /** The page's query when it was made (view, filter, trace), to show it as it was. */
  view: string;
  mismatched: string[];
  missing: string[];
  /** The trace shown when it was made, answered for that packet instead of tracing again. */
  trace: GatewayTrace | null;
}

/** What the page asks the worker: open a dump (bytes as read, or pasted text), or trace a packet through it. */
export type OfflineRequest =
  | { id: number; kind: 'open'; input: Uint8Array | string; file: LocalFile }
  | { id: number; kind: 'trace'; request: TraceRequest }
  /** Compare the open dump with kubeovn.io objects (`kubectl get … -o yaml` or json) as `gateway`, or as the one they name. */
  | { id: number; kind: 'compare'; input: Uint8Array | string; file: LocalFile; gateway: string | null };

/**
 * What the worker answers: the opened dump or bundle as a GatewayDetail (and how long parse + inspect took in the
 * worker), a dump refused at a position with its text for the raw view, a file that is no bundle natscope can open, a
 * trace, or natscope's own failure in words.
 */
export type OfflineResponse =
  | {
      id: number;
      kind: 'opened';
      detail: GatewayDetail;
      changes: readonly string[];
      analysisMs: number;
      /** When the worker began (its timeOrigin + now: a wall-clock instant the page can place on its own timeline). */
      startedAt: number;
      bundle: BundleFacts | null;
    }
  | { id: number; kind: 'unreadable'; message: string }
  | { id: number; kind: 'refused'; problem: DumpProblem; text: string }
  | { id: number; kind: 'traced'; trace: GatewayTrace }
  /** The dump compared as `gateway` (one of `gateways`, those the objects name); `notes`: objects left out. */
  | { id: number; kind: 'compared'; detail: GatewayDetail; gateway: string; gateways: string[]; notes: string[] }
  /** The objects name no gateway, or several and the dump's file name says none of them: the page asks which. */
  | { id: number; kind: 'choose-gateway'; gateways: string[]; message: string }
  /** Not what kubectl prints: `file:line:column: reason`. */
  | { id: number; kind: 'objects-refused'; message: string }
  | { id: number; kind: 'failed'; message: string };
