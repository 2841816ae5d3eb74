import type { Diagnostic, InspectReport } from '@natscope/api';
import type { Dump } from '@natscope/iptables';
import { checkFipShadowsDnat } from '../checks/check-fip-shadows-dnat.js';
import { checkFipSymmetry } from '../checks/check-fip-symmetry.js';
import { checkHairpin } from '../checks/check-hairpin.js';
import { checkInitialization, gatewayNatTable } from '../checks/check-initialization.js';
import { checkLegacyTables, findLegacyWarning } from '../checks/check-legacy-tables.js';
import { checkShadowedRules } from '../checks/check-shadowed-rules.js';
import { checkSharedSnat } from '../checks/check-shared-snat.js';
import type { CoverStats } from '../facts/cover-index.js';
import { findMappings, type MappingScan } from '../mappings/find-mappings.js';
import { lazyProperty } from './lazy-property.js';
import { reportTables } from './report-tables.js';
import { DumpFacts } from '../facts/dump-facts.js';

/** What `inspect` may be told besides the dump. */
export interface InspectOptions {
  /** The gateway command's stderr: iptables-nft writes the legacy-tables warning there. */
  stderr?: string;
  /** Counts the full rule comparisons the shadowing analysis makes (for tests of its pruning). */
  stats?: CoverStats;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function firstLine(d: Diagnostic): number {
  return d.rules[0]?.line ?? 0;
}

/**
 * The inspect report of Contract 1 for a parsed dump: backend and header, `# Warning:` lines, the EIP mappings,
 * the diagnostics (errors first, then by line), every table as JSON with summaries, and counts.
 * Pure and near-linear in the number of rules. `tables` is built when first read (the fleet view and /metrics
 * need only mappings and diagnostics), and each report rule's `decoded` whenever it is read, so the report
 * refers to the dump; JSON.stringify it (as the API does) to get a detached copy.
 */
export function inspect(dump: Dump, options: InspectOptions = {}): InspectReport {
  const scan = findMappings(dump, new DumpFacts(dump));
  const diagnostics = diagnose(dump, scan, options);
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

function diagnose(dump: Dump, scan: MappingScan, options: InspectOptions): Diagnostic[] {
  const nat = gatewayNatTable(dump);
  const legacy = findLegacyWarning(dump, options.stderr) !== null;
  const exclusive = nat?.chainsByName.get('EXCLUSIVE_DNAT');
  const keep = new Set(exclusive ? [exclusive] : []);
  const shadowing = checkShadowedRules(dump.tables, scan.facts, { stats: options.stats, keep });
  const diagnostics = [
    ...checkInitialization(dump, legacy),
    ...checkLegacyTables(dump, options.stderr),
    ...checkFipSymmetry(scan),
    ...checkFipShadowsDnat(nat, scan.facts, (exclusive && shadowing.kept.get(exclusive)) ?? null),
    ...shadowing.diagnostics,
    ...checkSharedSnat(nat, scan.facts),
    ...checkHairpin(nat, scan),
  ];
  return diagnostics.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || firstLine(a) - firstLine(b));
}
