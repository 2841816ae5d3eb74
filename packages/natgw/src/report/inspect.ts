import type { InspectReport } from '@natscope/api';
import type { Dump } from '@natscope/iptables';
import { CheckContext, type CheckInputs } from '../checks/check-context.js';
import { diagnose } from '../checks/diagnose.js';
import { findMappings } from '../mappings/find-mappings.js';
import { lazyProperty } from './lazy-property.js';
import { reportTables } from './report-tables.js';
import { DumpFacts } from '../facts/dump-facts.js';

/** What `inspect` may be told besides the dump: the checks' optional inputs (stderr, …). */
export type InspectOptions = CheckInputs;

/**
 * The inspect report of Contract 1 for a parsed dump: backend and header, `# Warning:` lines, the EIP mappings,
 * the diagnostics (errors first, then by line), every table as JSON with summaries, and counts.
 * Pure and near-linear in the number of rules. `tables` is built when first read (the fleet view and /metrics
 * need only mappings and diagnostics), and each report rule's `decoded` whenever it is read, so the report
 * refers to the dump; JSON.stringify it (as the API does) to get a detached copy.
 */
export function inspect(dump: Dump, options: InspectOptions = {}): InspectReport {
  const scan = findMappings(dump, new DumpFacts(dump));
  const diagnostics = diagnose(new CheckContext(dump, scan, options));
  const header = dump.headers[0];
  let rules = 0;
  let chains = 0;
  for (const table of dump.tables) {
    chains += table.chains.length;
    for (const chain of table.chains) rules += chain.rules.length;
  }
  const report: InspectReport = {
    backend: dump.backend,
    header: header ? { tool: header.tool, version: header.version } : null,
    warnings: dump.warnings.map((w) => w.text),
    mappings: scan.mappings,
    diagnostics,
    tables: [], // replaced by the lazy property below, in this place among the keys
    stats: { rules, chains },
  };
  lazyProperty(report, 'tables', () => reportTables(dump.tables, scan));
  return report;
}
