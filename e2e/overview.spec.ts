import { expect, test, type Locator, type Page } from '@playwright/test';
import { chooseTheme, gatewayDetail, screenshot, settledFleet, waitForGraph } from './support.js';

// tenant-b/busy is the demo's busiest gateway (about 200 rules): the one whose first sight was half a graph in 10 px text.
const BUSY = '/gateways/tenant-b/busy';
const NAT_CHAINS = [
  'PREROUTING',
  'POSTROUTING',
  'DNAT_FILTER',
  'EXCLUSIVE_DNAT',
  'SHARED_DNAT',
  'SNAT_FILTER',
  'EXCLUSIVE_SNAT',
  'SHARED_SNAT',
  'HAIRPIN_SNAT',
];

test.beforeEach(async ({ request }) => {
  await settledFleet(request);
});

/** The on-screen size of a chain's name, whichever look (rows or far summary) the zoom gives it. */
async function renderedName(page: Page, id: string): Promise<{ inView: boolean; px: number }> {
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  return node.evaluate((element) => {
    const far = element.closest('.chain-flow--far') !== null;
    const name = element.querySelector<HTMLElement>(far ? '.chain-node__far-name' : '.chain-node__name');
    const pane = element.closest('.react-flow')!.getBoundingClientRect();
    const box = (name ?? element).getBoundingClientRect();
    const zoom = Number(getComputedStyle(element.closest('.chain-flow')!).getPropertyValue('--zoom')) || 1;
    const px = name ? Number.parseFloat(getComputedStyle(name).fontSize) * zoom : 0;
    const inView =
      box.left >= pane.left - 1 &&
      box.right <= pane.right + 1 &&
      box.top >= pane.top - 1 &&
      box.bottom <= pane.bottom + 1;
    return { inView, px };
  });
}

async function expectLegible(page: Page, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const { inView, px } = await renderedName(page, id);
    expect(inView, `${id} is on screen`).toBe(true);
    expect(px, `${id}'s name in px on screen`).toBeGreaterThanOrEqual(11);
  }
}

function node(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

test('the busiest gateway opens as its overview: every nat chain on screen, names legible, jumps drawn', async ({
  page,
  request,
}) => {
  const detail = await gatewayDetail(request, 'tenant-b', 'busy');
  expect(detail.counts.rules).toBeGreaterThan(50);
  await page.goto(BUSY);
  await waitForGraph(page);
  await expect(page.locator('.chain-flow')).toHaveAttribute('data-overview', 'true');
  await expect(page.getByTestId('graph-overview')).toHaveAttribute('aria-pressed', 'true');
  await expectLegible(
    page,
    NAT_CHAINS.map((c) => `nat/${c}`),
  );
  // Jump rows stay drawn, so every edge is there; the 112 port forwards fold into one row.
  const jumps = detail.report!.tables.flatMap((t) => t.chains.flatMap((c) => c.rules.filter((r) => r.jump)));
  await expect(page.locator('.react-flow__edge')).toHaveCount(jumps.length);
  await expect(node(page, 'nat/SHARED_DNAT').locator('.rule-row')).toHaveCount(0);
  await expect(node(page, 'nat/SHARED_DNAT').locator('.chain-node__gap')).toContainText('112 rules');
  // A user chain says what came in through its jumps, not its meaningless [0:0].
  const jump = detail.report!.tables.find((t) => t.name === 'nat')!.chains.find((c) => c.name === 'DNAT_FILTER')!
    .rules[1]!;
  expect(jump.jump).toBe('SHARED_DNAT');
  await expect(node(page, 'nat/SHARED_DNAT').locator('.chain-node__meta')).toContainText(/in [\d.]+k? pkts/);
  await expect(node(page, 'nat/SHARED_DNAT').locator('.chain-node__meta')).not.toContainText(/^0 pkts/);
  // The shadowed rules are counted on their chain's header.
  await expect(page.locator('.chain-node__flags--warning').first()).toBeVisible();
});

test('a chain opens in place and folds again; "All rules" draws every chain', async ({ page }) => {
  await page.goto(BUSY);
  await waitForGraph(page);
  await page.getByTestId('expand-nat/SHARED_SNAT').click();
  await expect(node(page, 'nat/SHARED_SNAT').locator('.rule-row')).toHaveCount(16);
  await expect(node(page, 'nat/SHARED_DNAT').locator('.rule-row')).toHaveCount(0);
  await node(page, 'nat/SHARED_SNAT').getByRole('button', { name: '▾ fold' }).click();
  await expect(node(page, 'nat/SHARED_SNAT').locator('.rule-row')).toHaveCount(0);
  await page.getByTestId('graph-all-rules').click();
  await expect(page.locator('.chain-flow')).toHaveAttribute('data-overview', 'false');
  await expect(node(page, 'nat/SHARED_DNAT').locator('.rule-row')).toHaveCount(40);
});

test('zoomed out, chains draw as summaries at a legible size instead of unreadable rows', async ({ page }) => {
  await page.goto(BUSY);
  await waitForGraph(page);
  await page.getByTestId('graph-all-rules').click();
  // Fitting all 200 rules goes far below a legible zoom: the far look takes over.
  await page.getByRole('button', { name: 'Fit View' }).click();
  await expect(page.locator('.chain-flow')).toHaveClass(/chain-flow--far/);
  await expect(node(page, 'nat/SHARED_DNAT').locator('.chain-node__far')).toBeVisible();
  await expect(node(page, 'nat/SHARED_DNAT').locator('.chain-node__far-meta')).toContainText('112 rules');
  await expectLegible(page, ['nat/SHARED_DNAT', 'nat/PREROUTING']);
});

test('the minimap is off at first and, when on, sits beside the graph, not over it', async ({ page }) => {
  await page.goto(BUSY);
  await waitForGraph(page);
  await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
  await page.getByTestId('graph-minimap').click();
  const minimap = await page.locator('.react-flow__minimap').boundingBox();
  const pane = await page.locator('.chain-flow .react-flow').boundingBox();
  expect(minimap && pane && minimap.x >= pane.x + pane.width - 1).toBe(true);
});

test('the legend is one click away', async ({ page }) => {
  await page.goto(BUSY);
  await waitForGraph(page);
  await expect(page.getByTestId('graph-legend')).toHaveCount(0);
  await page.getByTestId('graph-legend-toggle').click();
  await expect(page.getByTestId('graph-legend')).toContainText('never matches');
});

test('facets above the graph filter on a click, with counts, and a filter that keeps nothing offers "clear"', async ({
  page,
  request,
}) => {
  const detail = await gatewayDetail(request, 'tenant-b', 'busy');
  const dnatRules = new Set(
    detail
      .report!.mappings.filter((m) => m.kind === 'dnat')
      .flatMap((m) => m.rules.map((r) => `${r.chain}/${r.index}`)),
  );
  await page.goto(BUSY);
  await waitForGraph(page);
  await expect(page.getByTestId('facet-dnat')).toContainText(String(detail.counts.dnat));
  await page.getByTestId('facet-dnat').click();
  await expect(page.getByTestId('facet-dnat')).toHaveAttribute('aria-pressed', 'true');
  expect(new URL(page.url()).searchParams.get('q')).toBe('is:dnat');
  await expect(page.locator('#rule-filter-status')).toContainText(
    `${dnatRules.size} of ${detail.counts.rules} rules match`,
  );
  // A filter shows what it keeps, overview or not.
  await expect(node(page, 'nat/SHARED_DNAT').locator('.rule-row').first()).toBeVisible();
  await page.getByTestId('facet-fip').click();
  await expect(page.getByTestId('filter-clear')).toBeVisible();
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('facet-dnat')).toHaveAttribute('aria-pressed', 'false');
  expect(new URL(page.url()).searchParams.get('q')).toBeNull();
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshot of the busiest gateway's overview (${theme})`, async ({ page }) => {
    await page.goto(BUSY);
    await chooseTheme(page, theme);
    await waitForGraph(page);
    await page.waitForTimeout(400);
    await screenshot(page, 'overview', theme);
  });
}

test('a trace of a port forward on the busiest gateway frames the rule that rewrote it, and lists the deciding steps', async ({
  page,
  request,
}) => {
  const detail = await gatewayDetail(request, 'tenant-b', 'busy');
  // The last port forward of SHARED_DNAT's 112: the one that used to sit far off screen behind its verdict.
  const dnat = detail.report!.mappings.filter((m) => m.kind === 'dnat' && m.protocol === 'tcp').at(-1)!;
  expect(dnat.kind).toBe('dnat');
  if (dnat.kind !== 'dnat') return;
  const rule = dnat.rules.find((r) => r.chain === 'SHARED_DNAT')!;
  expect(rule.index).toBeGreaterThan(50);
  await page.goto(`${BUSY}?src=198.51.100.7&dst=${dnat.eip}&sport=40000&dport=${dnat.externalPort}`);
  await waitForGraph(page);
  await expect(page.getByTestId('trace-verdict')).toContainText('DNAT');
  const row = page.getByTestId(`rule-nat-SHARED_DNAT-${rule.index}`);
  await expect(row).toBeInViewport({ ratio: 1 });
  const size = await row.evaluate((el) => {
    const zoom = Number(getComputedStyle(el.closest('.chain-flow')!).getPropertyValue('--zoom'));
    return Number.parseFloat(getComputedStyle(el.querySelector('.rule-row__summary')!).fontSize) * zoom;
  });
  expect(size, 'the rewriting rule is drawn legibly').toBeGreaterThanOrEqual(9);
  // The rule that rewrote the packet says so on the graph, as its step does in the list.
  await expect(page.getByTestId(`rewrote-nat-SHARED_DNAT-${rule.index}`)).toHaveText('rewrote');
  // Deciding steps by default; the misses behind a toggle, and the rewriting step badged.
  const steps = page.locator('[data-testid^="trace-step-"]');
  const deciding = await steps.count();
  await expect(page.locator('.trace-step--rewrote').first()).toContainText('rewrote the packet');
  await expect(page.locator('.trace-step--skipped')).toHaveCount(0);
  await page.getByTestId('trace-all-steps').click();
  expect(await steps.count()).toBeGreaterThan(deciding + 50);
  await expect(page.locator('.trace-step--skipped').first()).toContainText('missed');
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshot of a port forward traced on the busiest gateway (${theme})`, async ({ page, request }) => {
    const detail = await gatewayDetail(request, 'tenant-b', 'busy');
    const dnat = detail.report!.mappings.filter((m) => m.kind === 'dnat' && m.protocol === 'tcp').at(-1)!;
    if (dnat.kind !== 'dnat') return;
    await page.goto(`${BUSY}?src=198.51.100.7&dst=${dnat.eip}&sport=40000&dport=${dnat.externalPort}`);
    await chooseTheme(page, theme);
    await waitForGraph(page);
    await expect(page.getByTestId('trace-verdict')).toBeVisible();
    await page.waitForTimeout(700);
    await screenshot(page, 'trace-busy', theme);
  });
}
