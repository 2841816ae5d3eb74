import type { BundleFile, GatewayDetail, GatewayTrace } from '@natscope/api';
import { escapeNonUtf8 } from '@natscope/iptables';
import { traceLine } from '../trace/trace-text.js';

/** What the README of a bundle is written from. */
export interface BundleReadmeInput {
  detail: GatewayDetail;
  trace: GatewayTrace | null;
  createdAt: string;
  version: string;
  files: readonly Pick<BundleFile, 'name' | 'bytes'>[];
}

const FILE_WORDS = new Map([
  ['graph.png', 'the whole flow graph with its header, as a picture'],
  ['graph.svg', 'the same graph as SVG'],
  ['raw.txt', 'the iptables-save output exactly as the pod printed it (byte for byte)'],
  ['report.json', "natscope's report of that output (Contract 1: mappings, diagnostics, tables)"],
  ['trace.json', 'the packet trace shown on the page when the bundle was made'],
  ['drift.json', 'desired vs actual: the kubeovn.io objects against these rules (Contract 5)'],
  ['resources.yaml', 'the kubeovn.io objects that were compared, as YAML'],
  ['manifest.json', "natscope's version, the times, the gateway and a SHA-256 of every other file"],
]);

const stamp = (iso: string | null) => (iso ? iso.replace(/\.\d+Z$/, 'Z').replace('T', ' ') : 'never');

/**
 * The README.md of an incident bundle: what was read, from where and when; what natscope found (diagnostics, drift) and
 * the trace's verdict, in words a reviewer reads without natscope; and what each file is.
 */
export function bundleReadme({ detail, trace, createdAt, version, files }: BundleReadmeInput): string {
  const report = detail.report;
  const out: string[] = [];
  out.push(`# natscope incident bundle: ${detail.namespace}/${detail.name}`, '');
  out.push(`- Cluster context: ${detail.context} (${detail.source})`);
  out.push(`- Pod: ${detail.pod}, backend ${detail.backend}`);
  out.push(`- Reading taken: ${stamp(detail.collectedAt)}`);
  out.push(`- Bundle made: ${stamp(createdAt)} by natscope ${version}`);
  out.push(`- Condition: ${detail.headline}`);
  out.push(
    `- Rules: ${detail.counts.rules}; ${detail.counts.fip} floating IPs, ${detail.counts.dnat} port forwards, ` +
      `${detail.counts.snat} SNAT, ${detail.counts.hairpin} hairpin`,
    '',
  );
  out.push('## Diagnostics', '');
  if (!report) out.push('No reading: the gateway had not been read.');
  else if (report.diagnostics.length === 0) out.push('None: natscope found nothing wrong in these rules.');
  else for (const d of report.diagnostics) out.push(`- **${d.severity}** \`${d.code}\`: ${escapeNonUtf8(d.message)}`);
  out.push('', '## Desired vs actual', '');
  if (detail.drift.status === 'unknown')
    out.push(`Not compared${detail.drift.reason ? `: ${detail.drift.reason}` : ''}.`);
  else if (detail.drift.drifts.length === 0)
    out.push(`In sync: the rules match the ${detail.drift.resources.length} kubeovn.io objects.`);
  else for (const f of detail.drift.drifts) out.push(`- **${f.severity}** \`${f.code}\`: ${f.message}`);
  out.push('', '## Packet trace', '');
  out.push(trace ? `${traceLine(trace)} (${trace.fate})` : 'No trace was shown when the bundle was made.');
  out.push('', '## Files', '');
  for (const f of files)
    out.push(
      `- \`${f.name}\`${f.name === 'manifest.json' ? '' : ` (${f.bytes} bytes)`}: ${FILE_WORDS.get(f.name) ?? ''}`,
    );
  out.push(
    '',
    'Open the whole bundle again in natscope: the dashboard\u2019s "Open a dump" page (`/open`) takes this .zip and',
    'checks every file against the SHA-256 in manifest.json.',
    '',
  );
  return out.join('\n');
}
