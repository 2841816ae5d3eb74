import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxe, settledFleet, waitForGraph } from './support.js';

// axe (WCAG 2.2 AA) on every kind of page, in both themes (expectNoSeriousAxe in support.ts); history's pages are
// checked in history.spec.ts, once the demo has kept a change to show.
const HAIRPIN = 'src=10.0.1.7&dst=192.168.100.10&sport=40000&dport=8080&in=eth0';

const PAGES: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'fleet', path: '/', ready: (p) => expect(p.getByTestId('gateway-tenant-b-busy')).toBeVisible() },
  // The busiest demo gateway: the most rows, chips and edges on one screen.
  { name: 'graph', path: '/gateways/tenant-b/busy', ready: (p) => waitForGraph(p) },
  {
    name: 'eip-table',
    path: '/gateways/tenant-b/busy?view=eips',
    ready: (p) => expect(p.locator('.eip-table')).toBeVisible(),
  },
  {
    name: 'raw',
    path: '/gateways/tenant-b/busy?view=raw',
    ready: (p) => expect(p.locator('.raw-view__text')).toBeVisible(),
  },
  {
    // An open "Trace ▾" floats over the table; its entries are targets too.
    name: 'eip-trace-menu',
    path: '/gateways/kube-system/tenant-a?view=eips',
    ready: async (p) => {
      await p.getByRole('button', { name: 'Trace port forwards of 192.168.100.10' }).click();
      await expect(p.getByRole('button', { name: /^Trace DNAT tcp 192\.168\.100\.10:8080 / }).first()).toBeVisible();
    },
  },
  {
    // Find marks on the dump's own colours.
    name: 'raw-find',
    path: '/gateways/tenant-b/busy?view=raw',
    ready: async (p) => {
      await p.getByRole('searchbox', { name: 'Find' }).fill('SHARED');
      await expect(p.locator('.raw-match--current')).toBeVisible();
    },
  },
  {
    name: 'trace',
    path: `/gateways/kube-system/tenant-a?${HAIRPIN}`,
    ready: async (p) => {
      await waitForGraph(p);
      await expect(p.getByTestId('trace-verdict')).toBeVisible();
    },
  },
  // A diagnostic lights its rules, rates included, on the highlight colour.
  { name: 'diagnostic', path: '/gateways/tenant-b/busy?diag=0', ready: (p) => waitForGraph(p) },
  {
    name: 'error',
    path: '/gateways/tenant-b/locked',
    ready: (p) => expect(p.getByText('Exec forbidden', { exact: true })).toBeVisible(),
  },
  {
    name: 'not-found',
    path: '/gateways/kube-system/nope',
    ready: (p) => expect(p.getByRole('heading', { name: 'No gateway kube-system/nope' })).toBeVisible(),
  },
];

test.beforeEach(async ({ request }) => {
  await settledFleet(request);
});

for (const theme of ['light', 'dark'] as const) {
  for (const { name, path, ready } of PAGES) {
    test(`no serious or critical axe violation: ${name} (${theme})`, async ({ page }) => {
      // The theme as a stored choice before the first paint, so axe never sees the other theme's colours.
      await page.addInitScript((t) => window.localStorage.setItem('natscope.theme', JSON.stringify(t)), theme);
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await ready(page);
      // Let React Flow's fit and any transition settle, so colours are the final ones.
      await page.waitForTimeout(300);
      await expectNoSeriousAxe(page, `${name} (${theme})`);
    });
  }
}
