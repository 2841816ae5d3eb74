import type { DriftFinding, DriftReport, ResourceRow, RuleRef, Severity } from '@natscope/api';
import { say } from '@natscope/natgw';
import { table, wrap } from '../text-layout.js';

/** What was read, for the header of the readable drift report. */
export interface DriftFormatOptions {
  dump: string;
  crs: string;
  backend: string;
  rules: number;
  /** The dump's own headline (dumpHeadline): a gateway that lost its rules is drifted because it is broken. */
  health: string;
  /** What readResources left out (other kinds, a name given twice). */
  notes: string[];
  columns: number;
}

const HEADINGS: Record<Severity, string> = { error: 'ERRORS', warning: 'WARNINGS', info: 'INFO' };
const INDENT = ' '.repeat(11);

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `EXCLUSIVE_DNAT #1 line 17, EXCLUSIVE_SNAT #1 line 18`: how the report names rules, as `chain #index line N`. */
function ruleList(rules: readonly RuleRef[]): string {
  return rules.map((r) => `${r.chain} #${r.index} line ${r.line}`).join(', ');
}

/** What an object wants, in the words the inspect report uses for mappings. */
function wants(row: ResourceRow): string {
  const f = row.fields;
  const eip = f.eip ?? (f.eipName ? `EIP ${f.eipName}` : '?');
  switch (row.kind) {
    case 'IptablesEIP':
      return f.eip ?? '(no address)';
    case 'IptablesFIPRule':
      return say.fip({ eip, internalIp: f.internalIp ?? '?' });
    case 'IptablesDnatRule':
      return say.dnat({
        protocol: f.protocol ?? '?',
        eip,
        externalPort: f.externalPort ?? '?',
        internalIp: f.internalIp ?? '?',
        internalPort: f.internalPort ?? '?',
      });
    case 'IptablesSnatRule':
      return say.snat({ internalCidr: f.internalCidr ?? '?', eip });
    default:
      return '';
  }
}

function statusLine(report: DriftReport): string {
  if (report.status === 'unknown') return `UNKNOWN: ${report.reason ?? 'not compared'}`;
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [s, report.drifts.filter((d) => d.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => plural(n, s));
  if (report.status === 'in-sync') {
    return `IN SYNC: every ready object's rules are in the dump and no Kube-OVN rule is unowned${counts.length ? ` (${counts.join(', ')})` : ''}`;
  }
  return `DRIFTED: ${counts.join(', ')} (see below)`;
}

function header(report: DriftReport, options: DriftFormatOptions): string[] {
  const kinds = new Map<string, number>();
  for (const row of report.resources) kinds.set(row.kind, (kinds.get(row.kind) ?? 0) + 1);
  const objects = [...kinds].map(([kind, n]) => plural(n, kind)).join(', ') || 'none';
  const out = [
    `natscope drift ${options.dump} --crs ${options.crs}`,
    `gateway      ${report.gateway} · dump ${options.backend}, ${plural(options.rules, 'rule')}`,
    `health       ${options.health}`,
    `objects      ${objects}`,
  ];
  for (const note of options.notes) out.push(`ignored      ${note.replace(/^ignored /, '')}`);
  out.push(`status       ${statusLine(report)}`);
  return out;
}

function findingSection(drifts: readonly DriftFinding[], columns: number): string[] {
  const out: string[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const list = drifts.filter((d) => d.severity === severity);
    if (list.length === 0) continue;
    if (out.length) out.push('');
    out.push(`${HEADINGS[severity]} (${list.length})`);
    for (const d of list) {
      const what = d.resource ? `${d.resource.kind} ${d.resource.name}` : '(no object)';
      out.push(`  ${d.code}  ${what}${d.eip ? `  EIP ${d.eip}` : ''}`);
      if (d.rules.length) out.push(`${INDENT}rules: ${wrap(ruleList(d.rules), columns, INDENT)}`);
      out.push(INDENT + wrap(d.message, columns, INDENT));
    }
  }
  return out;
}

function objectSection(report: DriftReport, columns: number): string[] {
  if (report.resources.length === 0) return [];
  const rows = report.resources.map((row) => {
    const codes = [...new Set(row.findings.map((i) => report.drifts[i]?.code).filter((c) => c !== undefined))];
    // 'no rule' only where that is part of a finding; an object that owns nothing and is fine needs none (an EIP before v1.16).
    const rules = row.rules.length ? ruleList(row.rules) : codes.length ? 'no rule' : '—';
    return [
      `  ${row.kind}`,
      row.name,
      row.ready ? 'ready' : 'NOT READY',
      wants(row),
      rules + (codes.length ? `  ! ${codes.join(', ')}` : ''),
    ];
  });
  const out = [`OBJECTS (${report.resources.length}; kind, name, ready, what it wants, the rules it owns)`];
  table(rows, new Set()).forEach((line, i) => {
    out.push(line);
    for (const note of report.resources[i]!.notes) out.push(`${INDENT}note: ${wrap(note, columns, `${INDENT}      `)}`);
  });
  return out;
}

/**
 * The readable drift report: what was compared and the status first, then the findings by severity (object,
 * EIP, rules as `chain #index line N`, and what it does to traffic and what to do), then every object's row.
 */
export function formatDrift(report: DriftReport, options: DriftFormatOptions): string {
  const sections = [
    header(report, options),
    findingSection(report.drifts, options.columns),
    objectSection(report, options.columns),
  ].filter((s) => s.length > 0);
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
}
