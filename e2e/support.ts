import AxeBuilder from '@axe-core/playwright';
import { GatewayDetail, GatewayList } from '../packages/api/src/index.js';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** The fleet as the server reports it (validated with the shared schema: the tests read what the UI reads). */
async function fleet(request: APIRequestContext): Promise<GatewayList> {
  const response = await request.get('/api/gateways');
  expect(response.ok()).toBe(true);
  return GatewayList.parse(await response.json());
}

/** One gateway's detail as the server reports it. */
export async function gatewayDetail(
  request: APIRequestContext,
  namespace: string,
  name: string,
): Promise<GatewayDetail> {
  const response = await request.get(`/api/gateways/${namespace}/${name}`);
  expect(response.ok()).toBe(true);
  return GatewayDetail.parse(await response.json());
}

/** Waits until the demo's first collection has read every gateway (none is still pending). */
export async function settledFleet(request: APIRequestContext): Promise<GatewayList> {
  let list = await fleet(request);
  await expect
    .poll(
      async () => {
        list = await fleet(request);
        return list.gateways.length > 0 && list.gateways.every((g) => g.status !== 'pending');
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return list;
}

/** Waits for React Flow to have measured and shown a node (it hides nodes until measured). */
export async function waitForGraph(page: Page, nodeId = 'nat/PREROUTING'): Promise<void> {
  await expect(page.locator(`.react-flow__node[data-id="${nodeId}"]`)).toHaveCSS('visibility', 'visible');
  await expect(page.locator('.react-flow__edge').first()).toBeAttached();
}

/** Saves a screenshot of the page in a theme into e2e/screenshots/ (gitignored) for people to look at. */
export async function screenshot(page: Page, name: string, theme: 'light' | 'dark'): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${theme}.png`), fullPage: false });
}

/** Switches the app's theme through its own control (so the choice is what a user would get). */
export async function chooseTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.getByLabel('Theme').selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_STRUCTURE = ['region', 'page-has-heading-one', 'landmark-one-main', 'landmark-unique'];

/**
 * axe (WCAG 2.2 AA) on the page as it is: any serious or critical violation fails, with the rule, the elements and
 * axe's summary of what is wrong, so the message alone says what to fix.
 */
export async function expectNoSeriousAxe(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  // Landmarks and a page heading are axe best practices, not WCAG tags: asked for by name, failing at any impact.
  const structure = await new AxeBuilder({ page }).withRules(AXE_STRUCTURE).analyze();
  const bad = [
    ...results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    ...structure.violations,
  ];
  const nodes = bad.reduce((n, v) => n + v.nodes.length, 0);
  console.log(`axe ${name}: ${nodes} failing nodes${bad.map((v) => ` ${v.id}×${v.nodes.length}`).join('')}`);
  const report = bad.flatMap((v) =>
    v.nodes
      .slice(0, 5)
      .map(
        (n) =>
          `${v.id} [${v.impact}] ${n.target.join(' ')}\n    ${(n.failureSummary ?? v.help).replace(/\n/g, '\n    ')}`,
      ),
  );
  expect(report, `${nodes} failing nodes:\n${report.join('\n')}`).toEqual([]);
}
