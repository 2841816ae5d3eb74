import { readFileSync } from 'node:fs';
import type { InspectReport, KubeOvnResources } from '@natscope/api';
import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { driftFixture, driftFixturePath } from '../fixtures/index.js';
import { readResources } from './read-resources.js';

/** A drift fixture read as the CLI reads it (test helper; not exported from the package). */
export function fixtureCase(name: string): {
  gateway: string;
  report: InspectReport;
  resources: KubeOvnResources;
  notes: string[];
} {
  const fixture = driftFixture(name);
  const report = inspect(parse(readFileSync(driftFixturePath(fixture.dump), 'utf8'), { file: fixture.dump }));
  const { resources, notes } = readResources(
    readFileSync(driftFixturePath(fixture.resources), 'utf8'),
    fixture.resources,
  );
  return { gateway: fixture.gateway, report, resources, notes };
}
