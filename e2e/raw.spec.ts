import { expect, test } from '@playwright/test';
import { gatewayDetail, settledFleet } from './support.js';

// The raw view of tenant-a: find, wrap, copy a line.
const PATH = '/gateways/kube-system/tenant-a?view=raw';

test.beforeEach(async ({ request }) => {
  await settledFleet(request);
});

test('find counts the matches, marks them and steps through them with Enter and Shift+Enter', async ({
  page,
  request,
}) => {
  const detail = await gatewayDetail(request, 'kube-system', 'tenant-a');
  const expected = detail.raw.split('\n').reduce((n, line) => n + (line.match(/SHARED_DNAT/gi)?.length ?? 0), 0);
  expect(expected).toBeGreaterThan(2);
  await page.goto(PATH);
  const find = page.getByRole('searchbox', { name: 'Find' });
  await find.fill('shared_dnat');
  await expect(page.getByTestId('raw-find-count')).toHaveText(`1 of ${expected}`);
  await expect(page.locator('mark.raw-match')).toHaveCount(expected);
  await find.press('Enter');
  await expect(page.getByTestId('raw-find-count')).toHaveText(`2 of ${expected}`);
  await find.press('Shift+Enter');
  await find.press('Shift+Enter');
  await expect(page.getByTestId('raw-find-count')).toHaveText(`${expected} of ${expected}`);
  await expect(page.locator('.raw-match--current')).toBeInViewport();
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(page.getByTestId('raw-find-count')).toHaveText(`1 of ${expected}`);
});

test('wraps long lines on request, and the choice survives a reload', async ({ page }) => {
  await page.goto(PATH);
  const dump = page.getByRole('region', { name: 'Raw iptables-save output' });
  const longest = page
    .locator('.raw-line__text')
    .filter({ hasText: /--to-destination|--to-source/ })
    .first();
  await expect(longest).toHaveCSS('white-space', 'pre');
  // Narrow enough that the longest rules cannot fit on one line.
  await page.setViewportSize({ width: 900, height: 900 });
  const before = (await longest.boundingBox())!.height;
  await page.getByRole('checkbox', { name: 'Wrap long lines' }).check();
  await expect(longest).toHaveCSS('white-space', 'pre-wrap');
  await expect.poll(async () => (await longest.boundingBox())!.height).toBeGreaterThan(before * 1.5);
  // Nothing sticks out sideways any more.
  expect(await dump.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Wrap long lines' })).toBeChecked();
});

test('copies a line by its number, and the current line from the keyboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // One reading on screen: the demo's counters move at every poll, so a copy is compared with the lines the page shows
  // (a reading fetched apart from the page's may already be another).
  await page.addInitScript(`localStorage.setItem('natscope.refresh', JSON.stringify({ seconds: 60, paused: true }))`);
  await page.goto(PATH);
  await expect(page.locator('.raw-line').nth(2)).toBeVisible();
  const lines = await page.locator('.raw-line__text').allTextContents();
  expect(lines.length).toBeGreaterThan(3);
  await page.locator('.raw-line').nth(2).locator('.raw-line__number').click();
  await expect(page.getByTestId('raw-copy-status')).toHaveText('Copied line 3.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(lines[2]);
  // Keyboard only: find a rule, then "Copy line" copies the line of the current match.
  const find = page.getByRole('searchbox', { name: 'Find' });
  await find.fill('-A SHARED_SNAT');
  const n = lines.findIndex((l) => l.includes('-A SHARED_SNAT')) + 1;
  const copy = page.getByRole('button', { name: `Copy line ${n}` });
  await copy.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('raw-copy-status')).toHaveText(`Copied line ${n}.`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(lines[n - 1]);
});

test('the dump is a focusable, named region that the keyboard scrolls', async ({ page }) => {
  await page.goto('/gateways/tenant-b/busy?view=raw');
  const dump = page.getByRole('region', { name: 'Raw iptables-save output' });
  await dump.focus();
  await expect(dump).toBeFocused();
  const main = page.locator('.gateway__main');
  const top = await main.evaluate((el) => el.scrollTop);
  await page.keyboard.press('PageDown');
  await expect.poll(() => main.evaluate((el) => el.scrollTop)).toBeGreaterThan(top);
});
