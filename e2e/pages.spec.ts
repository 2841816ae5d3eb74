import { expect, test } from '@playwright/test';
import { settledFleet, waitForGraph } from './support.js';

// What every page owes a person who cannot see the whole screen: a title of its own, an h1, and a 404 that is final.

test.beforeEach(async ({ request }) => {
  await settledFleet(request);
});

test('each page has its own document title and one h1', async ({ page }) => {
  const pages: { path: string; title: string; ready?: () => Promise<void> }[] = [
    { path: '/', title: 'Fleet · natscope' },
    { path: '/gateways/tenant-b/busy', title: 'busy · tenant-b · natscope', ready: () => waitForGraph(page) },
    { path: '/gateways/tenant-b/busy?view=raw', title: 'busy · tenant-b · natscope' },
    { path: '/gateways/tenant-b/locked', title: 'locked · tenant-b · natscope' },
    { path: '/gateways/kube-system/nope', title: 'nope · kube-system · natscope' },
    { path: '/no/such/page', title: 'No such page · natscope' },
  ];
  for (const { path, title, ready } of pages) {
    await page.goto(path);
    await ready?.();
    await expect(page).toHaveTitle(title);
    await expect(page.locator('h1'), `${path} has one h1`).toHaveCount(1);
  }
});

test('an unknown gateway is final at once: one request, one message, an h1', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/gateways/kube-system/no-such-gateway')) asked.push(request.url());
  });
  await page.goto('/gateways/kube-system/no-such-gateway');
  await expect(page.getByRole('heading', { level: 1, name: 'No gateway kube-system/no-such-gateway' })).toBeVisible();
  // A retried 404 would ask again a second later (TanStack Query's first back-off), the page saying "Reading…" till then.
  await page.waitForTimeout(1500);
  expect(asked).toHaveLength(1);
  await expect(page.getByText(/no gateway kube-system\/no-such-gateway/i)).toHaveCount(1);
});
