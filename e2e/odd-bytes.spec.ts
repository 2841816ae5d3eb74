import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../packages/iptables/fixtures/manifest.js';
import { settledFleet, waitForGraph } from './support.js';

// tenant-b/odd-bytes serves a dump built with the real iptables: a Latin-1 comment (`caf` + 0xe9), an emoji comment
// and an operator chain named OPS_ + 0xe9 T 0xe9, bytes the kernel keeps as they were given.
const PATH = '/gateways/tenant-b/odd-bytes';
const CHAIN = 'OPS_\\xe9T\\xe9'; // as people read it: the bytes escaped
const fixture = readFileSync(join(fixtureDir.pathname, 'odd-bytes-v116-legacy.txt'));
/** A dump's lines without their counters (the demo's grow) or the header's times. */
const shape = (bytes: Buffer) =>
  bytes
    .toString('latin1')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) => line.replace(/^\[\d+:\d+\] /, '').replace(/ \[\d+:\d+\]$/, ''));

test.beforeEach(async ({ request }) => {
  await settledFleet(request);
});

test('a gateway with bytes that are not UTF-8 shows them escaped everywhere, and never as U+FFFD', async ({ page }) => {
  await page.goto(PATH);
  await waitForGraph(page);
  await expect(page.locator('.chain-node__name', { hasText: CHAIN })).toHaveText(CHAIN);
  await expect(page.locator('.rule-row', { hasText: 'caf\\xe9 audit' })).toHaveCount(1);
  const diagnostics = page.locator('.diagnostic', { hasText: 'non-utf8-text' });
  await expect(diagnostics).toHaveCount(4);
  await expect(diagnostics.first()).toContainText(`chain name is not UTF-8; shown escaped ("${CHAIN}")`);
  const ref = page.locator('.rule-ref', { hasText: `${CHAIN} #1` });
  await expect(ref).toHaveText(`${CHAIN} #1 l.28`);
  await expect(ref).toHaveAttribute('title', `Open nat ${CHAIN} rule 1`);
  expect(await page.locator('body').innerText()).not.toContain('\ufffd');

  // The rule's details: its comment escaped in the text and in what it matches.
  await page.locator('.rule-row', { hasText: 'caf\\xe9 audit' }).locator('button').first().click();
  await expect(page.locator('.decoded')).toContainText('--comment caf\\xe9 audit');
  await expect(page.locator('.decoded')).toContainText('-j OPS!#%&=+~@^');

  await page.getByTestId('view-raw').click();
  const raw = page.getByRole('region', { name: 'Raw iptables-save output' });
  await expect(raw.getByText('-m comment --comment "caf\\xe9 audit"')).toBeVisible();
  await expect(raw.getByText(`:${CHAIN} - [0:0]`)).toBeVisible();
  expect(await page.locator('body').innerText()).not.toContain('\ufffd');
});

test('a trace through a chain whose name is not UTF-8 names it escaped and lights its rule', async ({ page }) => {
  await page.goto(`${PATH}?src=10.9.0.5&dst=198.51.100.9&sport=40000&dport=443&in=eth0&out=net1`);
  await waitForGraph(page);
  await expect(page.getByTestId('trace-verdict')).toContainText(`MASQUERADE`);
  await expect(page.getByTestId('trace-verdict')).toContainText(`in ${CHAIN} rule 1`);
  await expect(page.locator('.rule-row--highlighted', { hasText: 'MASQUERADE' })).toHaveCount(1);
  expect(await page.locator('body').innerText()).not.toContain('\ufffd');
});

test("the exports keep the gateway's bytes in raw.txt and show them escaped in the report and the picture", async ({
  page,
}) => {
  await page.goto(PATH);
  await waitForGraph(page);
  const rawDownload = page.waitForEvent('download');
  await page.getByTestId('export-raw').click();
  const raw = readFileSync(await (await rawDownload).path());
  // The pod's bytes, not their UTF-8 replacement: the Latin-1 é is the one byte 0xe9.
  expect(raw.includes(Buffer.from('caf\xe9 audit', 'latin1'))).toBe(true);
  expect(raw.includes(Buffer.from('\ufffd'))).toBe(false);
  expect(shape(raw)).toEqual(shape(fixture));

  const jsonDownload = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const json = JSON.parse(readFileSync(await (await jsonDownload).path(), 'utf8'));
  const rules = json.report.tables.flatMap((t: { chains: { rules: { text: string }[] }[] }) =>
    t.chains.flatMap((c) => c.rules.map((r) => r.text)),
  );
  expect(rules).toContain('-A PREROUTING -i net1 -m comment --comment "caf\\xe9 audit" -j OPS!#%&=+~@^');

  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const svg = readFileSync(await (await svgDownload).path(), 'utf8');
  expect(svg).toContain(CHAIN);
  expect(svg).not.toContain('\ufffd');
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  expect(
    readFileSync(await (await pngDownload).path())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
});
