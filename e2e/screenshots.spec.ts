import { expect, test } from '@playwright/test';
import { chooseTheme, screenshot, settledFleet, waitForGraph } from './support.js';

// Screenshots of every page in both themes, saved to e2e/screenshots/ for people to look at (not compared).
const PAGES: { name: string; path: string; ready: (page: import('@playwright/test').Page) => Promise<void> }[] = [
  { name: 'gateway-graph', path: '/gateways/kube-system/tenant-a', ready: (p) => waitForGraph(p) },
  { name: 'gateway-rule-details', path: '/gateways/kube-system/tenant-a?rule=nat%2FSHARED_DNAT%2F1', ready: (p) => waitForGraph(p) },
  { name: 'gateway-filtered', path: '/gateways/kube-system/tenant-a?q=192.168.100.10', ready: (p) => waitForGraph(p) },
  { name: 'gateway-eip-table', path: '/gateways/kube-system/tenant-a?view=eips', ready: (p) => expect(p.locator('.eip-table')).toBeVisible() },
  { name: 'gateway-raw', path: '/gateways/kube-system/tenant-a?view=raw&rule=nat%2FSHARED_SNAT%2F1', ready: (p) => expect(p.locator('.raw-view__text')).toBeVisible() },
  { name: 'gateway-overlap-diagnostic', path: '/gateways/tenant-b/overlap?diag=0', ready: (p) => waitForGraph(p) },
  { name: 'gateway-error', path: '/gateways/tenant-b/locked', ready: (p) => expect(p.getByText('Exec forbidden', { exact: true })).toBeVisible() },
  { name: 'gateway-not-found', path: '/gateways/kube-system/nope', ready: (p) => expect(p.getByRole('heading', { name: 'No gateway kube-system/nope' })).toBeVisible() },
];

for (const theme of ['light', 'dark'] as const) {
  for (const { name, path, ready } of PAGES) {
    test(`screenshot ${name} (${theme})`, async ({ page, request }) => {
      await settledFleet(request);
      await page.goto(path);
      await chooseTheme(page, theme);
      await ready(page);
      // Let fitView and edge measurement settle before the picture.
      await page.waitForTimeout(400);
      await screenshot(page, name, theme);
    });
  }
}
