/**
 * The real dumps the tests run on (test-only; not exported from the package): the corpus in
 * packages/iptables/fixtures with its manifest, and this package's own match-cases dump (built with real
 * iptables by fixtures/build-match-cases.sh).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { InspectReport } from '@natscope/api';
import { decodeDump, type Dump, parse } from '@natscope/iptables';
import { fixtureDir, manifest } from '@natscope/iptables/fixtures/manifest';
import { CheckContext, type CheckInputs } from '../checks/check-context.js';
import { DumpFacts } from '../facts/dump-facts.js';
import { findMappings } from '../mappings/find-mappings.js';
import { inspect } from './inspect.js';

const own = new URL('../../fixtures/', import.meta.url);

/** Every entry of the corpus's manifest.json. */
export { manifest };

/** Every dump file name in the corpus. */
export const corpusFiles: string[] = readdirSync(fixtureDir).filter(
  (f) => f.endsWith('.txt') && !f.endsWith('.stderr.txt'),
);

function locate(name: string): URL {
  const mine = new URL(name, own);
  return existsSync(mine) ? mine : new URL(name, fixtureDir);
}

/** The text of a dump, from the corpus or this package's fixtures, read from its bytes as the CLI reads them. */
function fixtureText(name: string): string {
  return decodeDump(readFileSync(locate(name)), name).text;
}

/** A parsed dump. */
export function fixtureDump(name: string): Dump {
  return parse(fixtureText(name), { file: name });
}

/** The stderr the collector saw with a dump, when the manifest keeps one. */
export function fixtureStderr(name: string): string | undefined {
  const entry = manifest.find((e) => e.file === name);
  return entry?.stderr === undefined ? undefined : fixtureText(entry.stderr);
}

/** A dump and its report, inspected with its stderr as the collector would. */
export function inspectFixture(name: string): { dump: Dump; report: InspectReport } {
  const dump = fixtureDump(name);
  return { dump, report: inspect(dump, { stderr: fixtureStderr(name) }) };
}

/** The diagnostics of a report with one code, as `[code, lines of their rules]` for compact assertions. */
export function linesOf(report: InspectReport, code: string): number[][] {
  return report.diagnostics.filter((d) => d.code === code).map((d) => d.rules.map((r) => r.line));
}

/** The input line of the `nth` (1-based) rule whose text contains `fragment`, e.g. `lineOf(dump, '--dport 22')`. */
export function lineOf(dump: Dump, fragment: string, nth = 1): number {
  let seen = 0;
  for (const table of dump.tables) {
    for (const chain of table.chains) {
      for (const rule of chain.rules) if (rule.text.includes(fragment) && ++seen === nth) return rule.line;
    }
  }
  throw new Error(`no rule #${nth} containing ${JSON.stringify(fragment)} in ${dump.file}`);
}

/** The checks' context for a dump, as inspect builds it. */
export function contextOf(dump: Dump, inputs: CheckInputs = {}): CheckContext {
  return new CheckContext(dump, findMappings(dump, new DumpFacts(dump)), inputs);
}
