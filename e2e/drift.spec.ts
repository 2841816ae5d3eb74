import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { GatewayDetail, GatewayList, GatewaySummary, RuleRef } from '../packages/api/src/index.js';
import { chooseTheme, gatewayDetail, screenshot, settledFleet, waitForGraph } from './support.js';

// Desired vs actual against the real server and its demo: the demo's kubeovn.io objects carry planted drift (rules
// lost on a restarted gateway, a FIP whose object was deleted, a moved FIP, a DNAT not ready, spellings the kernel
// normalises). What each test looks for is read from the API first, so the page is checked against what the server
// says and not against numbers copied from the demo.

const STATUS_TEXT = { 'in-sync': 'in sync', drifted: /\d+ findings?/, unknown: 'unknown' } as const;

// What the server says of a comparison still to come (apps/server/src/desired/desired-state.ts).
const NOT_YET = /not been listed yet|not been read yet|being compared/;

/** Waits until every gateway has been compared (the objects are listed each pass, each pod compared in the workers). */
async function comparedFleet(request: APIRequestContext): Promise<GatewayList> {
  let list = await settledFleet(request);
  await expect
    .poll(
      async () => {
        list = await settledFleet(request);
        return list.gateways
          .filter((g) => g.drift.status === 'unknown' && NOT_YET.test(g.drift.reason ?? ''))
          .map((g) => g.name);
      },
      { timeout: 30_000 },
    )
    .toEqual([]);
  return list;
}

interface Compared {
  gateway: GatewaySummary;
  detail: GatewayDetail;
}

/** Every gateway that could be read, with its detail (the demo has about ten: one request each). */
async function comparedDetails(request: APIRequestContext, list: GatewayList): Promise<Compared[]> {
  const readable = list.gateways.filter((g) => g.status === 'ok');
  return Promise.all(
    readable.map(async (gateway) => ({
      gateway,
      detail: await gatewayDetail(request, gateway.namespace, gateway.name),
    })),
  );
}

/**
 * The gateway whose detail passes `wanted` with the most kubeovn.io objects (the fullest page to check), or null.
 * Before the demo served objects for its gateways, each had only its VpcNatGateway; the tests hold either way.
 */
async function findGateway(
  request: APIRequestContext,
  list: GatewayList,
  wanted: (detail: GatewayDetail) => boolean,
): Promise<Compared | null> {
  const found = (await comparedDetails(request, list)).filter((c) => wanted(c.detail));
  found.sort((a, b) => b.detail.drift.resources.length - a.detail.drift.resources.length);
  return found[0] ?? null;
}

/** As findGateway, failing the test when no demo gateway has what it needs (the demo always has these). */
async function mustFind(
  request: APIRequestContext,
  list: GatewayList,
  wanted: (detail: GatewayDetail) => boolean,
): Promise<Compared> {
  const found = await findGateway(request, list, wanted);
  if (!found) throw new Error('no demo gateway has what this test needs');
  return found;
}

const ruleTestId = (r: RuleRef) => `rule-${r.table}-${r.chain}-${r.index}`;
const pathOf = (g: { namespace: string; name: string }) => `/gateways/${g.namespace}/${g.name}`;

async function openDesired(page: Page, gateway: GatewaySummary): Promise<void> {
  await page.goto(pathOf(gateway));
  await page.getByTestId('view-desired').click();
  await expect(page).toHaveURL(/[?&]view=desired/);
  await expect(page.getByTestId('desired-view')).toBeVisible();
}

test.describe('the fleet', () => {
  test('has a desired-state column with each gateway as the server compares it, unknown with its reason', async ({
    page,
    request,
  }) => {
    const list = await comparedFleet(request);
    await page.goto('/');
    await expect(page.getByRole('columnheader', { name: 'Desired state' })).toBeVisible();
    for (const g of list.gateways) {
      const cell = page.getByTestId(`gateway-${g.namespace}-${g.name}`).locator('td.drift-col');
      await expect(cell.locator('.badge')).toHaveText(
        g.drift.status === 'drifted'
          ? new RegExp(`^${g.drift.counts.error + g.drift.counts.warning + g.drift.counts.info} findings?`)
          : STATUS_TEXT[g.drift.status],
      );
      // The reason is on the row, in words (its start when it is long), not only in a tooltip.
      if (g.drift.status === 'unknown') await expect(cell).toContainText(g.drift.reason!.slice(0, 20));
    }
    const unknown = list.gateways.find((g) => g.drift.status === 'unknown' && g.drift.reason!.length > 72);
    if (unknown) {
      const cell = page.getByTestId(`gateway-${unknown.namespace}-${unknown.name}`).locator('td.drift-col');
      await cell.locator('summary').click();
      await expect(cell.locator('pre')).toHaveText(unknown.drift.reason!);
    }
  });

  test('filters by desired state, keeps the filter in the URL, and sorts drifted first', async ({ page, request }) => {
    const list = await comparedFleet(request);
    await page.goto('/');
    const rows = page.locator('tbody.gateway-rows');
    await expect(rows).toHaveCount(list.gateways.length);
    for (const status of ['drifted', 'unknown', 'in-sync'] as const) {
      const expected = list.gateways
        .filter((g) => g.drift.status === status)
        .map((g) => `gateway-${g.namespace}-${g.name}`)
        .sort();
      await page.getByLabel('Desired state filter').selectOption(status);
      await expect(page).toHaveURL(new RegExp(`[?&]drift=${status}`));
      if (expected.length === 0) {
        await expect(page.getByRole('heading', { name: 'No gateway matches this filter' })).toBeVisible();
        continue;
      }
      await expect(rows).toHaveCount(expected.length);
      expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).sort()).toEqual(expected);
    }
    await page.reload();
    await expect(page.getByLabel('Desired state filter')).toHaveValue('in-sync');
    await page.getByLabel('Desired state filter').selectOption('all');
    await expect(page).not.toHaveURL(/drift=/);
    // The first click on the column shows the worst first, as for diagnostics.
    await page.getByRole('button', { name: 'Desired state' }).click();
    await expect(page).toHaveURL(/sort=drift&dir=desc/);
    // As the page ranks them: errors before any number of warnings, warnings before infos; ties by namespace/name.
    const rank = (g: GatewaySummary) => [g.drift.counts.error, g.drift.counts.warning, g.drift.counts.info];
    const worst = list.gateways
      .filter((g) => g.drift.status === 'drifted')
      .sort((a, b) => {
        const [ra, rb] = [rank(a), rank(b)];
        const i = ra.findIndex((n, k) => n !== rb[k]);
        return i >= 0 ? rb[i]! - ra[i]! : `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`);
      })[0];
    if (worst) await expect(rows.first()).toHaveAttribute('data-testid', `gateway-${worst.namespace}-${worst.name}`);
  });
});

test.describe('Desired vs actual', () => {
  test('shows the status, each object with its rules, and every finding in full', async ({ page, request }) => {
    const list = await comparedFleet(request);
    const { gateway, detail } = await mustFind(
      request,
      list,
      (d) => d.drift.status === 'drifted' && d.drift.resources.length > 0,
    );
    await openDesired(page, gateway);
    await expect(page.getByRole('heading', { level: 2, name: /^Desired vs actual: Drifted/ })).toBeVisible();
    await expect(page.getByTestId('desired-view')).toContainText('Objects listed');
    for (const kind of ['VpcNatGateway', 'IptablesEIP', 'IptablesFIPRule', 'IptablesDnatRule', 'IptablesSnatRule']) {
      await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${kind} \\(\\d+\\)$`) })).toBeVisible();
    }
    for (const row of detail.drift.resources) {
      const body = page.getByTestId(`resource-${row.kind}-${row.name}`);
      await expect(body).toContainText(row.ready ? 'ready' : 'not ready');
      for (const ref of row.rules)
        await expect(
          body
            .getByRole('link', { name: new RegExp(`^Open ${ref.table} ${ref.chain} #${ref.index} on the graph`) })
            .first(),
        ).toBeVisible();
    }
    for (const [index, finding] of detail.drift.drifts.entries()) {
      const item = page.getByTestId(`drift-${index}`);
      await expect(item).toHaveCount(1);
      await expect(item).toContainText(finding.severity);
      await expect(item).toContainText(finding.message);
    }
    // An object's YAML is one click away.
    const withYaml = detail.drift.resources.find((r) => r.yaml);
    if (withYaml) {
      const body = page.getByTestId(`resource-${withYaml.kind}-${withYaml.name}`);
      await body.locator('summary', { hasText: 'YAML' }).click();
      await expect(body.locator('details pre')).toContainText(`name: ${withYaml.name}`);
    }
  });

  test('a rule link opens the rule selected on the graph', async ({ page, request }) => {
    const list = await comparedFleet(request);
    const { gateway, detail } = await mustFind(
      request,
      list,
      (d) => d.drift.resources.some((r) => r.rules.length > 0) || d.drift.drifts.some((f) => f.rules.length > 0),
    );
    const ref =
      detail.drift.resources.find((r) => r.rules.length > 0)?.rules[0] ??
      detail.drift.drifts.find((f) => f.rules.length > 0)!.rules[0]!;
    await openDesired(page, gateway);
    await page
      .getByRole('link', { name: new RegExp(`^Open ${ref.table} ${ref.chain} #${ref.index} on the graph`) })
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`rule=${encodeURIComponent(`${ref.table}/${ref.chain}/${ref.index}`)}`));
    await expect(page).not.toHaveURL(/view=desired/);
    await waitForGraph(page);
    await expect(page.getByTestId(ruleTestId(ref))).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId(ruleTestId(ref))).toBeInViewport();
    await expect(page.getByTestId('rule-details')).toContainText(ref.chain);
    await expect(page.getByTestId('rule-details')).toContainText(`line ${ref.line}`);
    // Back returns to the desired view.
    await page.goBack();
    await expect(page.getByTestId('desired-view')).toBeVisible();
  });

  test('a link with view=desired restores the view, and resource= brings its object into view', async ({
    page,
    request,
  }) => {
    const list = await comparedFleet(request);
    const { gateway, detail } = await mustFind(request, list, (d) => d.drift.resources.length > 0);
    const row = detail.drift.resources[detail.drift.resources.length - 1]!;
    await page.goto(`${pathOf(gateway)}?view=desired&resource=${encodeURIComponent(`${row.kind}/${row.name}`)}`);
    await expect(page.getByTestId('view-desired')).toHaveAttribute('aria-selected', 'true');
    const body = page.getByTestId(`resource-${row.kind}-${row.name}`);
    await expect(body).toBeInViewport();
    await expect(body).toBeFocused();
    await page.reload();
    await expect(page.getByTestId('desired-view')).toBeVisible();
  });

  test('an unknown comparison says why, in full', async ({ page, request }) => {
    const list = await comparedFleet(request);
    const { gateway, detail } = await mustFind(request, list, (d) => d.drift.status === 'unknown' && d.report !== null);
    await openDesired(page, gateway);
    await expect(page.getByRole('heading', { level: 2, name: /^Desired vs actual: Unknown/ })).toBeVisible();
    await expect(page.locator('.desired-status pre')).toHaveText(detail.drift.reason!);
  });
});

test.describe('the graph', () => {
  test('tags a rule no object owns as orphaned, and its details say so', async ({ page, request }) => {
    const list = await comparedFleet(request);
    const { gateway, detail } = await mustFind(request, list, (d) =>
      d.drift.drifts.some((f) => f.code === 'rule-orphaned' && f.rules.length > 0),
    );
    const finding = detail.drift.drifts.find((f) => f.code === 'rule-orphaned' && f.rules.length > 0)!;
    const ref = finding.rules[0]!;
    await page.goto(`${pathOf(gateway)}?rule=${encodeURIComponent(`${ref.table}/${ref.chain}/${ref.index}`)}`);
    await waitForGraph(page);
    await expect(page.getByTestId(`drift-mark-${ref.table}-${ref.chain}-${ref.index}`)).toHaveText('orphaned');
    await expect(page.getByTestId(ruleTestId(ref))).toHaveAttribute(
      'aria-label',
      /orphaned: no kubeovn\.io object owns this rule/,
    );
    const owners = page.getByTestId('rule-owners');
    await expect(owners).toContainText('No kubeovn.io object owns this rule.');
    await expect(owners).toContainText(finding.message);
  });

  test('the rule details name the object that owns the rule, link to its row and show its YAML', async ({
    page,
    request,
  }) => {
    const list = await comparedFleet(request);
    const owns = (d: GatewayDetail) => d.drift.resources.some((r) => r.rules.length > 0 && r.yaml !== undefined);
    const found = await findGateway(request, list, owns);
    // Only a demo whose objects own rules has an owner to show (before its FIP, DNAT and SNAT objects, none did).
    test.skip(found === null, 'no demo object owns a rule');
    const { gateway, detail } = found!;
    const owner = detail.drift.resources.find((r) => r.rules.length > 0 && r.yaml !== undefined)!;
    const ref = owner.rules[0]!;
    // A busy gateway's overview folds the rule's chain: open it in place, as a user would, until the row is drawn.
    await page.goto(pathOf(gateway));
    await waitForGraph(page);
    const row = page.getByTestId(ruleTestId(ref));
    const expand = page.getByTestId(`expand-${ref.table}/${ref.chain}`);
    for (let i = 0; i < 5 && (await row.count()) === 0; i += 1) await expand.click();
    await row.click();
    const owners = page.getByTestId('rule-owners');
    await expect(owners).toContainText(owner.kind);
    await expect(owners).toContainText(owner.name);
    await owners.locator('summary', { hasText: 'YAML' }).first().click();
    await expect(owners.locator('details pre').first()).toContainText(`name: ${owner.name}`);
    await owners.getByRole('link', { name: `show in Desired vs actual: ${owner.kind} ${owner.name}` }).click();
    await expect(page).toHaveURL(/view=desired/);
    await expect(page.getByTestId(`resource-${owner.kind}-${owner.name}`)).toBeFocused();
    // The rule stays selected beside its object.
    await expect(page.getByTestId('rule-details')).toBeVisible();
  });
});

test.describe('screenshots', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`the fleet and Desired vs actual (${theme})`, async ({ page, request }) => {
      const list = await comparedFleet(request);
      await page.goto('/');
      await chooseTheme(page, theme);
      await expect(page.locator('td.drift-col').first()).toBeVisible();
      await screenshot(page, 'fleet-desired-state', theme);
      const { gateway } = await mustFind(
        request,
        list,
        (d) => d.drift.status === 'drifted' && d.drift.resources.length > 0,
      );
      await page.goto(`${pathOf(gateway)}?view=desired`);
      await expect(page.getByTestId('desired-view')).toBeVisible();
      await screenshot(page, 'gateway-desired', theme);
      // The graph with an orphaned rule selected: its tag on the row and the details saying no object owns it.
      const orphan = await mustFind(request, list, (d) =>
        d.drift.drifts.some((f) => f.code === 'rule-orphaned' && f.rules.length > 0),
      );
      const ref = orphan.detail.drift.drifts.find((f) => f.code === 'rule-orphaned' && f.rules.length > 0)!.rules[0]!;
      await page.goto(`${pathOf(orphan.gateway)}?rule=${encodeURIComponent(`${ref.table}/${ref.chain}/${ref.index}`)}`);
      await waitForGraph(page);
      await expect(page.getByTestId('rule-owners')).toBeVisible();
      await screenshot(page, 'gateway-orphaned-rule', theme);
    });
  }
});
