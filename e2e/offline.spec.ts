import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDump, escapeNonUtf8, parse } from '../packages/iptables/src/index.js';
import { fixtureDir, manifest } from '../packages/iptables/fixtures/manifest.js';
import { inspect, reportCounts } from '../packages/natgw/src/index.js';
import { unzipSync } from 'fflate';
import { settledFleet, waitForGraph } from './support.js';
import { serveStatic } from './static-server.js';

// /open: a dump opened in the browser, parsed in a worker, shown as the gateway page shows a live one.
const fixturePath = (file: string) => join(fixtureDir.pathname, file);
const S5 = 's5-tenant-v116-legacy.txt';

/** What the page must show for a dump: the header's facts line and the nat chains that hold rules. */
function expected(bytes: Buffer) {
  const dump = parse(decodeDump(bytes, 'x').text, { file: 'x' });
  const { counts } = reportCounts(inspect(dump));
  const chains = dump.tables.flatMap(
    (t) => t.chains.filter((c) => c.rules.length > 0).map((c) => `${t.name}/${escapeNonUtf8(c.name)}`), // as the report names it
  );
  return { facts: `${counts.fip} FIP · ${counts.dnat} DNAT · ${counts.snat} SNAT · ${counts.rules} rules`, chains };
}

async function dropFile(page: Page, name: string, bytes: Buffer) {
  const transfer = await page.evaluateHandle(
    ({ name, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name, { type: 'text/plain' }));
      return transfer;
    },
    { name, data: [...bytes] },
  );
  await page.getByTestId('open-drop').dispatchEvent('drop', { dataTransfer: transfer });
}

async function expectShown(page: Page, bytes: Buffer) {
  const want = expected(bytes);
  await expect(page.getByTestId('open-banner')).toBeVisible();
  await expect(page.locator('.gateway__facts')).toHaveText(want.facts);
  if (want.chains.length === 0) return;
  // Visible once React Flow has measured it (a dump whose chains never jump has no edge to wait for).
  await expect(page.locator('.react-flow__node').first()).toHaveCSS('visibility', 'visible');
  const ids = await page
    .locator('.react-flow__node')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id')));
  expect(ids).toEqual(expect.arrayContaining(want.chains));
}

test('every real fixture, dropped and pasted, shows its chains and mappings', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/open');
  for (const entry of manifest) {
    const bytes = readFileSync(fixturePath(entry.file));
    await dropFile(page, entry.file, bytes);
    await expect(page.getByTestId('open-file-name')).toHaveText(entry.file);
    await expectShown(page, bytes);
    await page.getByTestId('open-another').click();
    // Pasted as text: only what is UTF-8 can be pasted, so the odd-bytes dump is dropped only.
    if (bytes.toString('utf8').includes('\ufffd')) continue;
    await page.getByTestId('open-paste').fill(bytes.toString('utf8'));
    await page.getByTestId('open-paste-submit').click();
    await expect(page.getByTestId('open-file-name')).toHaveText('pasted text');
    await expectShown(page, bytes);
    await page.getByTestId('open-another').click();
  }
});

test('a CRLF copy and a copy with a prompt line open as the same gateway and say what was skipped', async ({
  page,
}) => {
  const bytes = readFileSync(fixturePath(S5));
  const text = bytes.toString('utf8');
  await page.goto('/open');
  await page.getByTestId('open-paste').fill(`root@vpc-nat-gw-gw1-0:/kube-ovn# iptables-legacy-save -c\n${text}`);
  await page.getByTestId('open-paste-submit').click();
  await expectShown(page, bytes);
  await expect(page.getByTestId('open-changes')).toContainText('line 1 skipped: not iptables-save output');
  await page.getByTestId('open-another').click();
  await dropFile(page, 'ticket.txt', Buffer.from(text.replace(/\n/g, '\r\n')));
  await expectShown(page, bytes);
  await expect(page.getByTestId('open-changes')).toContainText('CRLF line ends read as LF');
});

test('a file that is not iptables-save output shows line:column and its line marked in the raw view', async ({
  page,
}) => {
  const lines = readFileSync(fixturePath(S5), 'utf8').split('\n');
  lines.splice(7, 0, 'oops, pasted twice');
  await page.goto('/open');
  await page.getByTestId('open-file').setInputFiles({
    name: 'broken.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(lines.join('\n')),
  });
  await expect(page.getByTestId('open-error-position')).toHaveText(/^8:1: not an iptables-save line/);
  await expect(page.locator('.raw-line--selected')).toContainText('oops, pasted twice');
});

test('an opened dump keeps its view in the URL, traces in the browser and sends nothing but GETs', async ({ page }) => {
  const methods: string[] = [];
  page.on('request', (request) => methods.push(`${request.method()} ${new URL(request.url()).pathname}`));
  await page.goto('/open');
  await page.getByTestId('open-file').setInputFiles(fixturePath(S5));
  await waitForGraph(page);
  await page.getByTestId('view-eips').click();
  await expect(page).toHaveURL(/view=eips/);
  // Typing in the filter changes the URL, key by key; the dump is analysed once, not again at each change.
  await page.getByRole('searchbox', { name: 'Filter rules' }).pressSequentially('10.0.1');
  await expect(page).toHaveURL(/q=10\.0\.1/);
  expect(await page.evaluate(() => performance.getEntriesByName('natscope:offline-analysis').length)).toBe(1);
  // A trace link on the opened dump: computed in the worker, not by a server.
  const fip = inspect(parse(readFileSync(fixturePath(S5), 'utf8'))).mappings.find((m) => m.kind === 'fip');
  if (fip?.kind !== 'fip') throw new Error('s5 has a floating IP');
  await page.goto(`/open?src=198.51.100.7&dst=${fip.eip}&dport=22`);
  // The reload reopens the dump this tab had open.
  await expect(page.getByTestId('open-file-name')).toHaveText(S5);
  await expect(page.getByTestId('trace-verdict')).toContainText(`DNAT to ${fip.internalIp}`);
  expect(methods.filter((m) => !m.startsWith('GET '))).toEqual([]);
  expect(methods.filter((m) => m.includes('/trace'))).toEqual([]);
});

test('the static build opens a dump with no natscope server at all', async ({ page }) => {
  const server = await serveStatic(join(import.meta.dirname, '..', 'apps', 'web', 'dist'));
  try {
    await page.goto(`${server.url}/open/`);
    await page.getByTestId('open-file').setInputFiles(fixturePath(S5));
    await expectShown(page, readFileSync(fixturePath(S5)));
    await page.getByTestId('view-raw').click();
    await expect(page.locator('.raw-line').first()).toBeVisible();
  } finally {
    await server.close();
  }
});

test('an incident bundle exported from the demo opens again with the same mappings, diagnostics and trace verdict', async ({
  page,
  request,
}) => {
  await settledFleet(request);
  const HAIRPIN = 'src=10.0.1.7&dst=192.168.100.10&sport=40000&dport=8080&in=eth0';
  // Made from the EIP table: the bundle switches to the graph for its pictures.
  await page.goto(`/gateways/kube-system/tenant-a?view=eips&${HAIRPIN}`);
  const verdict = await page.getByTestId('trace-verdict').textContent();
  const facts = await page.locator('.gateway__facts').textContent();
  const diagnostics = await page.locator('[data-testid^="diagnostic-"]').allTextContents();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-bundle').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^natscope-demo-kube-system-tenant-a-\d{4}-\d\d-\d\dT\d{6}Z\.zip$/);
  const path = await file.path();
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  expect(Object.keys(files).sort()).toEqual(
    ['README.md', 'drift.json', 'graph.png', 'graph.svg', 'manifest.json', 'raw.txt', 'report.json', 'trace.json']
      .concat(files['resources.yaml'] ? ['resources.yaml'] : [])
      .sort(),
  );
  expect(new TextDecoder().decode(files['README.md'])).toContain(verdict ?? 'no verdict');

  await page.goto('/open');
  await page
    .getByTestId('open-file')
    .setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/zip', buffer: readFileSync(path) });
  await expect(page.getByTestId('open-bundle-checks')).toHaveText('Every checksum matches.');
  await expect(page.locator('.gateway__facts')).toHaveText(facts ?? '');
  await expect(page.getByTestId('trace-verdict')).toHaveText(verdict ?? '');
  await expect(page).toHaveURL(/view=eips/);
  expect(await page.locator('[data-testid^="diagnostic-"]').allTextContents()).toEqual(diagnostics);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('tenant-a');
  // A reload of the tab shows the same bundle again (kept in this tab, not uploaded), on the view its URL keeps.
  await page.waitForFunction(() => sessionStorage.getItem('natscope.opened-dump.v1') !== null);
  await page.reload();
  await expect(page.getByTestId('open-bundle-checks')).toHaveText('Every checksum matches.');
  await expect(page.getByTestId('trace-verdict')).toHaveText(verdict ?? '');
  await expect(page).toHaveURL(/view=eips/);
});
