import type { GatewayDetail, TraceResult } from '@natscope/api';
import { traceLine } from '../trace/trace-text.js';

/** The facts an incident review needs next to a picture of the graph: where it comes from and when. */
export interface ExportHeader {
  title: string;
  /** Lines under the title: the reading (context, pod, backend, time, filter), then the trace shown, if any. */
  lines: string[];
}

/**
 * The header printed on PNG and SVG exports: `natscope · <namespace>/<gateway>`, then cluster context, pod, backend, time of
 * the reading and the filter, then — when the graph shows a trace's path — the traced packet and its verdict.
 */
export function exportHeader(detail: GatewayDetail, filter: string, trace: TraceResult | null = null): ExportHeader {
  // To the second: a reading takes longer than a millisecond, and the shorter stamp reads better in a review.
  const when = detail.collectedAt ? new Date(detail.collectedAt).toISOString().replace(/\.\d+Z$/, 'Z') : 'no reading';
  const parts = [
    `context ${detail.context}`,
    `pod ${detail.pod}`,
    `backend ${detail.backend}`,
    `read ${when}`,
    `${detail.counts.rules} rules`,
  ];
  if (filter.trim()) parts.push(`filter "${filter.trim()}"`);
  const lines = [parts.join('  ·  ')];
  if (trace) lines.push(traceLine(trace));
  return { title: `natscope · ${detail.namespace}/${detail.name}`, lines };
}

/** A part of an export's file name: anything but letters, digits, `.`, `_` and `-` becomes `_`. */
export const fileNamePart = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');

/** The reading's time (or now, before one) as a file name carries it: `2026-12-07T130000Z`. */
export const fileNameTime = (iso: string | null) =>
  fileNamePart((iso ?? new Date().toISOString()).replace(/\.\d+Z$/, 'Z').replace(/[:]/g, ''));

/** A file name that says what and when: `natscope-<ns>-<name>-<pod>-<time>.<ext>`. */
export function exportFileName(detail: GatewayDetail, extension: string): string {
  const safe = fileNamePart;
  return `natscope-${safe(detail.namespace)}-${safe(detail.name)}-${safe(detail.pod)}-${fileNameTime(detail.collectedAt)}.${extension}`;
}
