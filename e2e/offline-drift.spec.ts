import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { compareDesired, gatewaysIn, readResources } from '../packages/drift/src/index.js';
import { driftFixture, driftFixturePath } from '../packages/drift/fixtures/index.js';
import { parse } from '../packages/iptables/src/index.js';
import { inspect } from '../packages/natgw/src/index.js';

// Desired vs actual without a cluster: a dump opened on /open, compared in the browser with the kubeovn.io objects
// `kubectl get … -o yaml` printed, as the server compares a live gateway with its listing.

/** What the comparison must find, computed by the same package in Node. */
function expectedDrift(name: string, gateway: string) {
  const f = driftFixture(name);
  const report = inspect(parse(readFileSync(driftFixturePath(f.dump), 'utf8'), { file: f.dump }));
  const read = readResources(readFileSync(driftFixturePath(f.resources), 'utf8'), f.resources);
  return compareDesired({ gateway, report, resources: read.resources });
}

test('a drifted dump compared with its objects shows every finding and object, and keeps them over a reload', async ({
  page,
}) => {
  const f = driftFixture('fip-moved-v115-nft');
  const want = expectedDrift(f.name, f.gateway);
  expect(want.status).toBe('drifted');
  await page.goto('/open');
  await page.getByTestId('open-file').setInputFiles(driftFixturePath(f.dump));
  await expect(page.getByTestId('open-banner')).toBeVisible();
  await page.getByTestId('open-resources').setInputFiles(driftFixturePath(f.resources));
  await expect(page.getByTestId('open-resources-status')).toContainText(
    `as gateway ${f.gateway}: drifted, ${want.drifts.length} finding`,
  );
  await page.getByTestId('open-resources-show').click();
  await expect(page).toHaveURL(/view=desired/);
  for (const row of want.resources) await expect(page.getByTestId(`resource-${row.kind}-${row.name}`)).toBeVisible();
  for (let i = 0; i < want.drifts.length; i++) await expect(page.getByTestId(`drift-${i}`)).toBeVisible();

  await page.waitForFunction(() => sessionStorage.getItem('natscope.opened-objects.v1') !== null);
  await page.reload();
  await expect(page.getByTestId('open-resources-status')).toContainText(`drifted, ${want.drifts.length} finding`);
  await expect(page.getByTestId('drift-0')).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/open-compared-light.png' });
});

test('objects of several gateways: the dump named after its pod says which, otherwise the page asks', async ({
  page,
}) => {
  const f = driftFixture('eip-unresolved-v116-legacy');
  const yaml = readFileSync(driftFixturePath(f.resources));
  const dump = readFileSync(driftFixturePath(f.dump));
  const gateways = gatewaysIn(readResources(yaml.toString('utf8'), f.resources).resources);
  expect(gateways.length).toBeGreaterThan(1);

  await page.goto('/open');
  await page.getByTestId('open-file').setInputFiles({ name: 'dump.txt', mimeType: 'text/plain', buffer: dump });
  await page.getByTestId('open-resources').setInputFiles(driftFixturePath(f.resources));
  await expect(page.getByTestId('open-resources-choose')).toContainText(`objects of ${gateways.length} gateways`);
  await page.getByTestId('open-resources-gateway').selectOption(f.gateway);
  const want = expectedDrift(f.name, f.gateway);
  await expect(page.getByTestId('open-resources-status')).toContainText(
    `as gateway ${f.gateway}: drifted, ${want.drifts.length} finding`,
  );

  await page.getByTestId('open-another').click();
  await page
    .getByTestId('open-file')
    .setInputFiles({ name: `vpc-nat-gw-${f.gateway}-0.txt`, mimeType: 'text/plain', buffer: dump });
  await page.getByTestId('open-resources').setInputFiles(driftFixturePath(f.resources));
  await expect(page.getByTestId('open-resources-status')).toContainText(`as gateway ${f.gateway}:`);
});

test('an objects file that is not what kubectl prints says file:line:column, and the dump stays open', async ({
  page,
}) => {
  const f = driftFixture('in-sync-v116-legacy');
  await page.goto('/open');
  await page.getByTestId('open-file').setInputFiles(driftFixturePath(f.dump));
  await page.getByTestId('open-resources').setInputFiles({
    name: 'objects.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('apiVersion: v1\nkind: List\nitems:\n  - kind: IptablesEIP\n    metadata: [1, 2\n'),
  });
  await expect(page.getByTestId('open-resources-error')).toHaveText(/^objects\.yaml:\d+:\d+: /);
  await expect(page.locator('.react-flow__node').first()).toHaveCSS('visibility', 'visible');

  // The right file then compares: in sync.
  await page.getByTestId('open-resources').setInputFiles(driftFixturePath(f.resources));
  await expect(page.getByTestId('open-resources-status')).toContainText(`as gateway ${f.gateway}: in sync`);
});

test('an incident bundle of a compared dump carries its objects and findings, and opens again with them', async ({
  page,
}) => {
  const f = driftFixture('fip-moved-v115-nft');
  await page.goto('/open');
  await page.getByTestId('open-file').setInputFiles(driftFixturePath(f.dump));
  await page.getByTestId('open-resources').setInputFiles(driftFixturePath(f.resources));
  await expect(page.getByTestId('open-resources-status')).toContainText('drifted');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-bundle').click();
  const file = await download;
  const path = await file.path();
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['drift.json', 'resources.yaml']));
  expect(new TextDecoder().decode(files['resources.yaml'])).toContain('kind: IptablesFIPRule');
  await page.getByTestId('open-another').click();
  await page
    .getByTestId('open-file')
    .setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/zip', buffer: readFileSync(path) });
  await expect(page.getByTestId('open-bundle-checks')).toHaveText('Every checksum matches.');
  await page.getByTestId('view-desired').click();
  await expect(page.getByTestId('drift-0')).toBeVisible();
});
