import { expect, test } from '@playwright/test';
import { settledFleet, waitForGraph } from './support.js';

// The gateway page's side panel: diagnostics first, fixes in full, collapsible; skip links and `/`.

test.beforeEach(async ({ request }) => {
  await settledFleet(request);
});

test('diagnostics come before the trace form when there are any, each in full', async ({ page }) => {
  await page.goto('/gateways/tenant-b/busy');
  await waitForGraph(page);
  const side = page.getByRole('complementary', { name: 'Details' });
  const headings = await side.getByRole('heading', { level: 2 }).allTextContents();
  expect(headings[0]).toMatch(/^Diagnostics/);
  expect(headings[1]).toBe('Packet trace');
  // No clamp: the message's last words (the fix) are drawn, not cut.
  const message = page.getByTestId('diagnostic-0').locator('.diagnostic__message');
  expect(await message.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  await expect(message).not.toHaveCSS('-webkit-line-clamp', '3');
  // A gateway with nothing to report keeps the trace first.
  await page.goto('/gateways/kube-system/tenant-a');
  await waitForGraph(page);
  const calm = await page
    .getByRole('complementary', { name: 'Details' })
    .getByRole('heading', { level: 2 })
    .allTextContents();
  if (!calm[0]?.startsWith('Diagnostics (')) expect(calm[0]).toBe('Packet trace');
});

test('the trace form asks with examples, not with values that look filled in', async ({ page }) => {
  await page.goto('/gateways/kube-system/tenant-a');
  await expect(page.getByRole('textbox', { name: 'Source' })).toHaveAttribute('placeholder', /^e\.g\. /);
  await expect(page.getByRole('textbox', { name: 'Destination' })).toHaveAttribute('placeholder', /^e\.g\. /);
});

test('the side panel collapses, stays so on reload, and opens again for a rule', async ({ page }) => {
  await page.goto('/gateways/kube-system/tenant-a');
  await waitForGraph(page);
  const toggle = page.getByTestId('side-panel-toggle');
  const side = page.locator('#gateway-side');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const graphWidth = (await page.locator('.gateway__main').boundingBox())!.width;
  await toggle.click();
  await expect(side).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toHaveText('Show side panel');
  await expect
    .poll(async () => (await page.locator('.gateway__main').boundingBox())!.width)
    .toBeGreaterThan(graphWidth + 300);
  await page.reload();
  await waitForGraph(page);
  await expect(side).toBeHidden();
  await page.getByTestId('rule-nat-SHARED_DNAT-1').click();
  await expect(page.getByTestId('rule-details')).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
});

test('skip links lead past the graph to the diagnostics and to the trace form, even with the panel collapsed', async ({
  page,
}) => {
  await page.goto('/gateways/tenant-b/busy');
  await waitForGraph(page);
  await page.getByTestId('side-panel-toggle').click();
  const skip = page.getByRole('link', { name: 'Skip to diagnostics' });
  // Hidden until focused, then on screen.
  await expect(skip).not.toBeInViewport();
  await skip.focus();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Diagnostics/ })).toBeFocused();
  await expect(page.locator('#gateway-side')).toBeVisible();
  // The next Tab is the first diagnostic.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('diagnostic-0')).toBeFocused();
  await page.getByRole('link', { name: 'Skip to the packet trace' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Packet trace' })).toBeFocused();
  await expect(page.getByTestId('trace-form')).toBeInViewport();
});

test('/ focuses the filter field, on the gateway page and the fleet', async ({ page }) => {
  await page.goto('/gateways/kube-system/tenant-a');
  await waitForGraph(page);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Filter rules' })).toBeFocused();
  // In a field, / is a slash; and keys typed faster than the URL follows are all kept.
  await page.keyboard.type('10.0.1.0/24');
  await expect(page.getByRole('searchbox', { name: 'Filter rules' })).toHaveValue('10.0.1.0/24');
  await page.goto('/');
  await expect(page.getByTestId('gateway-tenant-b-busy')).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Filter gateways' })).toBeFocused();
});
