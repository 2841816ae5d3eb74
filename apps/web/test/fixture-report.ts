import type { InspectReport } from '@natscope/api';
import { decodeDump, parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Path arithmetic rather than `new URL(…, import.meta.url)`: in jsdom, URL is jsdom's and refuses file: bases.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../packages/iptables/fixtures/');

/** The real report of a real dump from the shared fixtures (what the server would serve for that gateway). */
export function fixtureReport(name: string): InspectReport {
  const file = `${FIXTURES}${name}`;
  return inspect(parse(decodeDump(readFileSync(file), file).text, { file }));
}
