import { PodDrift, type InspectReport } from '@natscope/api';
import { compareDesired, readResources } from '@natscope/drift';
import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Path arithmetic as in fixture-report.ts (jsdom's URL refuses file: bases), so not @natscope/drift/fixtures.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../packages/drift/fixtures/');

/** A listing time the tests can say an age of. */
export const LISTED_AT = '2026-12-07T08:00:00.000Z';

/**
 * One of packages/drift's real cases (a dump made with real iptables from its kubeovn.io objects) compared as the
 * server compares it, rows with YAML, then parsed with the API's schema: what GET /api/gateways/:ns/:name would send
 * as `drift` for that gateway, beside its `report`.
 */
export function fixtureDrift(name: string, gateway = 'gw1'): { report: InspectReport; drift: PodDrift } {
  const dumpFile = `${FIXTURES}${name}.txt`;
  const yamlFile = `${FIXTURES}${name}.resources.yaml`;
  const report = inspect(parse(readFileSync(dumpFile, 'utf8'), { file: dumpFile }));
  const { resources } = readResources(readFileSync(yamlFile, 'utf8'), yamlFile);
  const compared = compareDesired({ gateway, report, resources, yaml: true });
  return { report, drift: PodDrift.parse({ ...compared, listedAt: LISTED_AT }) };
}

/** A comparison that could not be made, as the server sends it (through the schema). */
export function unknownDrift(reason: string): PodDrift {
  return PodDrift.parse({ gateway: 'gw1', status: 'unknown', reason, drifts: [], resources: [], listedAt: null });
}
