import { expect, test } from '@playwright/test';
import { chooseTheme, screenshot, settledFleet, waitForGraph } from './support.js';

// Screenshots of every page in both themes, saved to e2e/screenshots/ for people to look at (not compared).
const PAGES: { name: string; path: string; ready: (page: import('@playwright/test').Page) => Promise<void> }[] = [
  { name: 'gateway-graph', path: '/gateways/kube-system/tenant-a', ready: (p) => waitForGraph(p) },
  {
    name: 'gateway-rule-details',
    path: '/gateways/kube-system/tenant-a?rule=nat%2FSHARED_DNAT%2F1',
    ready: (p) => waitForGraph(p),
  },
  { name: 'gateway-filtered', path: '/gateways/kube-system/tenant-a?q=192.168.100.10', ready: (p) => waitForGraph(p) },
  {
    name: 'gateway-eip-table',
    path: '/gateways/kube-system/tenant-a?view=eips',
    ready: (p) => expect(p.locator('.eip-table')).toBeVisible(),
  },
  {
    name: 'gateway-raw',
    path: '/gateways/kube-system/tenant-a?view=raw&rule=nat%2FSHARED_SNAT%2F1',
    ready: (p) => expect(p.locator('.raw-view__text')).toBeVisible(),
  },
  {
    name: 'gateway-raw-find',
    path: '/gateways/tenant-b/busy?view=raw&rule=nat%2FSHARED_SNAT%2F1',
    ready: async (p) => {
      await p.getByRole('searchbox', { name: 'Find' }).fill('192.168.100.1');
      await p.getByRole('searchbox', { name: 'Find' }).press('Enter');
      await expect(p.locator('.raw-match--current')).toBeVisible();
    },
  },
  {
    name: 'gateway-raw-wrapped',
    path: '/gateways/tenant-b/busy?view=raw',
    ready: async (p) => {
      await p.getByRole('checkbox', { name: 'Wrap long lines' }).check();
      // Narrow, so the long rules wrap.
      await p.setViewportSize({ width: 1100, height: 1000 });
    },
  },
  {
    name: 'gateway-eip-trace-menu',
    path: '/gateways/kube-system/tenant-a?view=eips',
    ready: (p) => p.getByRole('button', { name: 'Trace port forwards of 192.168.100.10' }).click(),
  },
  {
    name: 'gateway-panel-collapsed',
    path: '/gateways/kube-system/tenant-a',
    ready: async (p) => {
      await waitForGraph(p);
      await p.getByTestId('side-panel-toggle').click();
      await p.getByRole('link', { name: 'Skip to diagnostics' }).focus();
    },
  },
  { name: 'gateway-overlap-diagnostic', path: '/gateways/tenant-b/overlap?diag=0', ready: (p) => waitForGraph(p) },
  {
    name: 'gateway-trace',
    path: '/gateways/kube-system/tenant-a?src=10.0.1.7&dst=192.168.100.10&sport=40000&dport=8080&in=eth0',
    ready: async (p) => {
      await waitForGraph(p);
      await expect(p.getByTestId('trace-verdict')).toBeVisible();
    },
  },
  {
    name: 'gateway-eip-table-trace',
    path: '/gateways/kube-system/tenant-a?view=eips&src=198.51.100.7&dst=192.168.100.12&sport=40000&dport=2222',
    ready: async (p) => {
      // The side panel scrolled to the verdict: rewrites, assumptions and the first steps below it.
      await p.getByTestId('trace-verdict').evaluate((verdict) => verdict.scrollIntoView({ block: 'start' }));
    },
  },
  { name: 'gateway-busy', path: '/gateways/tenant-b/busy', ready: (p) => waitForGraph(p) },
  {
    name: 'gateway-busy-show-more',
    path: '/gateways/tenant-b/busy',
    ready: async (p) => {
      await waitForGraph(p);
      await p.getByTestId('graph-all-rules').click();
      const node = p.locator('.react-flow__node[data-id="nat/SHARED_DNAT"]');
      const more = node.getByRole('button', { name: /^show \d+ more$/ });
      // The fold is below the first view: drag the graph up until it is on screen, as a user would.
      const at = (await more.boundingBox())!;
      await p.mouse.move(300, 900);
      await p.mouse.down();
      await p.mouse.move(300, 900 - (at.y - 500), { steps: 8 });
      await p.mouse.up();
      await expect(more).toBeInViewport();
      await more.click();
      await expect(node.getByRole('button', { name: 'show fewer' })).toBeAttached();
    },
  },
  { name: 'gateway-busy-diagnostic', path: '/gateways/tenant-b/busy?diag=0', ready: (p) => waitForGraph(p) },
  {
    name: 'gateway-error',
    path: '/gateways/tenant-b/locked',
    ready: (p) => expect(p.getByText('Exec forbidden', { exact: true })).toBeVisible(),
  },
  {
    name: 'gateway-not-found',
    path: '/gateways/kube-system/nope',
    ready: (p) => expect(p.getByRole('heading', { name: 'No gateway kube-system/nope' })).toBeVisible(),
  },
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
