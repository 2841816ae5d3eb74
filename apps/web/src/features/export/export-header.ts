import type { GatewayDetail } from '@natscope/api';

/** The facts an incident review needs next to a picture of the graph: where it comes from and when. */
export interface ExportHeader {
  title: string;
  details: string;
}

/** The header printed on PNG and SVG exports: cluster context, gateway, pod, backend, time of the reading, filter. */
export function exportHeader(detail: GatewayDetail, filter: string): ExportHeader {
  const when = detail.collectedAt ? new Date(detail.collectedAt).toISOString().replace('.000Z', 'Z') : 'no reading';
  const parts = [
    `context ${detail.context}`,
    `pod ${detail.pod}`,
    `backend ${detail.backend}`,
    `read ${when}`,
    `${detail.counts.rules} rules`,
  ];
  if (filter.trim()) parts.push(`filter "${filter.trim()}"`);
  return { title: `natscope · ${detail.namespace}/${detail.name}`, details: parts.join('  ·  ') };
}

/** A file name that says what and when: `natscope-<ns>-<name>-<pod>-<time>.<ext>`. */
export function exportFileName(detail: GatewayDetail, extension: string): string {
  const when = (detail.collectedAt ?? new Date().toISOString()).replace(/\.\d+Z$/, 'Z').replace(/[:]/g, '');
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `natscope-${safe(detail.namespace)}-${safe(detail.name)}-${safe(detail.pod)}-${safe(when)}.${extension}`;
}
