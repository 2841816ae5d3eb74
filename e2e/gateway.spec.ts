import { expect, test } from '@playwright/test';
import { gatewayDetail, settledFleet, waitForGraph } from './support.js';

// tenant-a is the demo's typical tenant (Kube-OVN v1.16): SNAT for two CIDRs, a FIP, two port forwards, hairpin.
const NS = 'kube-system';
const GW = 'tenant-a';
const PATH = `/gateways/${NS}/${GW}`;

test.beforeEach(async ({ request }) => {
  await settledFleet(request);
});

test('draws the chain nodes, their jump edges and the rules with their mappings', async ({ page, request }) => {
  const detail = await gatewayDetail(request, NS, GW);
  const nat = detail.report!.tables.find((t) => t.name === 'nat')!;
  await page.goto(PATH);
  await waitForGraph(page);
  for (const id of [
    'nat/PREROUTING',
    'nat/DNAT_FILTER',
    'nat/EXCLUSIVE_DNAT',
    'nat/SHARED_DNAT',
    'nat/POSTROUTING',
    'nat/SNAT_FILTER',
    'nat/SHARED_SNAT',
    'nat/HAIRPIN_SNAT',
    'mangle/VPC_MARK',
  ]) {
    await expect(page.locator(`.react-flow__node[data-id="${id}"]`)).toBeVisible();
  }
  // Every jump in the dump is an edge, and each leaves from its rule's row.
  const jumps = detail.report!.tables.flatMap((t) =>
    t.chains.flatMap((c) => c.rules.filter((r) => r.jump).map((r) => ({ t: t.name, c: c.name, r }))),
  );
  await expect(page.locator('.react-flow__edge')).toHaveCount(jumps.length);
  await expect(
    page.locator('.react-flow__edge[data-id^="nat/DNAT_FILTER#2->nat/SHARED_DNAT"] path.react-flow__edge-path'),
  ).toHaveAttribute('d', /^M/);
  // A port forward's mapping reads at a glance in its row.
  const dnat = nat.chains.find((c) => c.name === 'SHARED_DNAT')!.rules[0]!;
  expect(dnat.summary).toMatch(/^tcp \S+:\d+ → \S+:\d+$/);
  const row = page.getByTestId('rule-nat-SHARED_DNAT-1');
  await expect(row).toContainText(dnat.summary);
  await expect(row).toHaveAttribute(
    'aria-label',
    new RegExp(`^SHARED_DNAT rule 1: ${dnat.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  );
  const fip = nat.chains.find((c) => c.name === 'EXCLUSIVE_DNAT')!.rules[0]!;
  await expect(page.getByTestId('rule-nat-EXCLUSIVE_DNAT-1')).toContainText(fip.summary);
  expect(fip.summary).toContain('⇄');
});

test('the filter narrows the graph to the rules of an address', async ({ page, request }) => {
  const detail = await gatewayDetail(request, NS, GW);
  const fip = detail.report!.mappings.find((m) => m.kind === 'fip')!;
  await page.goto(PATH);
  await waitForGraph(page);
  const before = await page.locator('.rule-row:not(.rule-row--dimmed)').count();
  await page.getByPlaceholder(/Filter: 203/).fill(fip.eip);
  await expect(page.locator('#rule-filter-status')).toContainText(/\d+ of \d+ rules match/);
  const kept = page.locator('.rule-row:not(.rule-row--dimmed)');
  await expect.poll(() => kept.count()).toBeLessThan(before);
  // The FIP's DNAT rule stays; a port forward on another EIP folds away.
  await expect(page.getByTestId('rule-nat-EXCLUSIVE_DNAT-1')).toBeVisible();
  await expect(page.getByTestId('rule-nat-SHARED_DNAT-1')).toHaveCount(0);
  await expect(page.locator('.react-flow__node[data-id="nat/SHARED_DNAT"] .chain-node__gap')).toContainText(
    'not matching',
  );
});

test('a URL restores the same view: filter, selected rule, view and diagnostic', async ({ page }) => {
  await page.goto(`${PATH}?q=tcp&rule=nat%2FSHARED_DNAT%2F2`);
  await waitForGraph(page);
  await expect(page.getByPlaceholder(/Filter: 203/)).toHaveValue('tcp');
  await expect(page.getByTestId('rule-details')).toContainText('SHARED_DNAT');
  await expect(page.getByTestId('rule-details')).toContainText('rule 2 of');
  await expect(page.getByTestId('rule-nat-SHARED_DNAT-2')).toHaveAttribute('aria-pressed', 'true');
  // Switching view is part of the link too.
  await page.getByRole('tab', { name: 'EIP table' }).click();
  await expect(page).toHaveURL(/view=eips/);
  const link = page.url();
  await page.goto('/');
  await page.goto(link);
  await expect(page.getByRole('tab', { name: 'EIP table' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByPlaceholder(/Filter: 203/)).toHaveValue('tcp');
  await expect(page.getByTestId('rule-details')).toBeVisible();
});

test('rule details open by mouse, with the raw line, decoded matches and counters', async ({ page, request }) => {
  const detail = await gatewayDetail(request, NS, GW);
  const rule = detail.report!.tables.find((t) => t.name === 'nat')!.chains.find((c) => c.name === 'SHARED_DNAT')!
    .rules[0]!;
  await page.goto(PATH);
  await waitForGraph(page);
  await page.getByTestId('rule-nat-SHARED_DNAT-1').click();
  const details = page.getByTestId('rule-details');
  await expect(details).toContainText(`line ${rule.line}`);
  await expect(details).toContainText(rule.text);
  await expect(details).toContainText('destination');
  await expect(details).toContainText('-j DNAT --to-destination');
  await expect(details).toContainText('packets');
  await expect(details).toContainText(/DNAT tcp \S+ → \S+/);
  await expect(page).toHaveURL(/rule=nat%2FSHARED_DNAT%2F1/);
  await page.getByRole('button', { name: /Close rule details/ }).click();
  await expect(details).toHaveCount(0);
});

test('rule details open by keyboard: Tab reaches the rules, Enter opens, Escape closes', async ({ page }) => {
  await page.goto(PATH);
  await waitForGraph(page);
  await page.getByPlaceholder(/Filter: 203/).focus();
  let testId: string | null = null;
  for (let i = 0; i < 40 && !testId?.startsWith('rule-'); i += 1) {
    await page.keyboard.press('Tab');
    testId = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  }
  expect(testId, 'Tab reached a rule').toMatch(/^rule-/);
  const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
  expect(label).toMatch(/ rule \d+: /);
  await page.keyboard.press('Enter');
  const details = page.getByTestId('rule-details');
  await expect(details).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  // Focus returns to the rule, so keyboard users carry on where they were.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(testId);
});

test('clicking a diagnostic highlights its rules', async ({ page, request }) => {
  const list = await settledFleet(request);
  const flagged = list.gateways.find((g) => g.status === 'ok' && g.diagnostics.warning > 0 && g.counts.rules > 0);
  expect(flagged, 'the demo has a gateway with warnings').toBeDefined();
  const detail = await gatewayDetail(request, flagged!.namespace, flagged!.name);
  const index = detail.report!.diagnostics.findIndex((d) => d.rules.length > 0);
  const diagnostic = detail.report!.diagnostics[index]!;
  await page.goto(`/gateways/${flagged!.namespace}/${flagged!.name}`);
  await waitForGraph(page);
  await page.getByTestId(`diagnostic-${index}`).click();
  await expect(page).toHaveURL(new RegExp(`diag=${index}`));
  for (const ref of diagnostic.rules) {
    await expect(
      page.locator('.rule-row--highlighted').getByTestId(`rule-${ref.table}-${ref.chain}-${ref.index}`),
    ).toBeVisible();
  }
});

test('a shadowing diagnostic draws the dead rule apart from the earlier rule that takes its traffic', async ({
  page,
  request,
}) => {
  const detail = await gatewayDetail(request, 'tenant-b', 'overlap');
  const index = detail.report!.diagnostics.findIndex((d) => d.code === 'rule-shadowed');
  const [dead, shadowing] = detail.report!.diagnostics[index]!.rules;
  await page.goto(`/gateways/tenant-b/overlap?diag=${index}`);
  await waitForGraph(page);
  const deadRow = page.getByTestId(`rule-nat-${dead!.chain}-${dead!.index}`);
  const shadowingRow = page.getByTestId(`rule-nat-${shadowing!.chain}-${shadowing!.index}`);
  await expect(deadRow.locator('..')).toHaveClass(/rule-row--dead/);
  await expect(shadowingRow.locator('..')).toHaveClass(/rule-row--shadowing/);
  await expect(deadRow.locator('.rule-row__summary')).toHaveCSS('text-decoration-line', 'line-through');
  await expect(shadowingRow.locator('.rule-row__summary')).toHaveCSS('text-decoration-line', 'none');
  await expect(shadowingRow).toHaveCSS('outline-style', 'solid');
  await expect(deadRow).toHaveAttribute(
    'aria-label',
    new RegExp(`never matches: ${shadowing!.chain} rule ${shadowing!.index} takes its traffic$`),
  );
  await expect(page.getByTestId('role-legend')).toContainText('never matches');
  await expect(page.getByTestId('role-legend')).toContainText('takes its traffic');
  await expect(
    page
      .getByTestId(`diagnostic-${index}`)
      .locator('..')
      .getByRole('button', { name: /^never matches: / }),
  ).toContainText(`#${dead!.index}`);
  // The link opened on the dead rule's chain at a readable zoom.
  await expect(deadRow).toBeInViewport();
  // The raw dump marks the same two lines the same way.
  await page.getByRole('tab', { name: 'Raw dump' }).click();
  await expect(page.locator('.raw-line--dead')).toHaveCount(1);
  await expect(page.locator('.raw-line--dead .raw-line__number')).toHaveText(String(dead!.line));
  await expect(page.locator('.raw-line--shadowing .raw-line__number')).toHaveText(String(shadowing!.line));
  await page.getByRole('tab', { name: 'Flow graph' }).click();
  // Another diagnostic, or none, takes the marks away.
  await page.getByTestId(`diagnostic-${index}`).click();
  await expect(page.getByTestId('role-legend')).toHaveCount(0);
  await expect(page.locator('.rule-row--dead')).toHaveCount(0);
});

test('an error gateway says why it cannot be read', async ({ page, request }) => {
  const list = await settledFleet(request);
  const forbidden = list.gateways.find((g) => g.error?.code === 'exec-forbidden')!;
  await page.goto(`/gateways/${forbidden.namespace}/${forbidden.name}`);
  await expect(page.getByText('Exec forbidden', { exact: true })).toBeVisible();
  await expect(page.locator('.gateway-error__cause')).toHaveText(forbidden.error!.message);
  await expect(page.getByText(/No reading of this gateway yet/)).toBeVisible();
});

test('an unknown gateway is a clear 404, not a blank page', async ({ page }) => {
  await page.goto('/gateways/kube-system/no-such-gateway');
  await expect(page.getByRole('heading', { name: 'No gateway kube-system/no-such-gateway' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to the fleet', exact: true })).toBeVisible();
});

test('backend warnings are shown above the graph', async ({ page, request }) => {
  const list = await settledFleet(request);
  const found: { path: string; code: string }[] = [];
  for (const g of list.gateways.filter((x) => x.diagnostics.error + x.diagnostics.warning > 0)) {
    const detail = await gatewayDetail(request, g.namespace, g.name);
    for (const d of detail.report?.diagnostics ?? [])
      if (d.code === 'legacy-tables-present' || d.code === 'gateway-not-initialized')
        found.push({ path: `/gateways/${g.namespace}/${g.name}`, code: d.code });
  }
  expect(found.map((f) => f.code)).toEqual(
    expect.arrayContaining(['legacy-tables-present', 'gateway-not-initialized']),
  );
  for (const { path, code } of found) {
    await page.goto(path);
    await expect(page.getByTestId(`warning-${code}`)).toBeVisible();
  }
});

test('the pod of an HA gateway is chosen in the page and kept in the link', async ({ page, request }) => {
  const list = await settledFleet(request);
  const ha = list.gateways.find((g) => g.pods.length > 1 && g.status === 'ok');
  expect(ha, 'the demo has an HA gateway').toBeDefined();
  const second = ha!.pods[1]!.name;
  await page.goto(`/gateways/${ha!.namespace}/${ha!.name}`);
  await waitForGraph(page);
  await page.getByLabel('Pod of this HA gateway').selectOption(second);
  await expect(page).toHaveURL(new RegExp(`pod=${second}`));
  await expect(page.getByLabel('Pod of this HA gateway')).toHaveValue(second);
  await waitForGraph(page);
  await page.reload();
  await expect(page.getByLabel('Pod of this HA gateway')).toHaveValue(second);
});

test('keyboard: one Tab stop per chain, ↑/↓ between its rules, → follows a jump and ← comes back', async ({ page }) => {
  await page.goto(PATH);
  await waitForGraph(page);
  const active = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  await page.getByTestId('rule-nat-PREROUTING-1').focus();
  // Rows of a chain are not Tab stops each: Tab leaves PREROUTING for another chain's one stop.
  await expect(page.getByTestId('rule-nat-DNAT_FILTER-2')).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('ArrowRight');
  expect(await active()).toBe('rule-nat-DNAT_FILTER-1');
  await page.keyboard.press('ArrowDown');
  expect(await active()).toBe('rule-nat-DNAT_FILTER-2');
  await expect(page.getByTestId('rule-nat-DNAT_FILTER-2')).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('ArrowRight');
  expect(await active()).toBe('rule-nat-SHARED_DNAT-1');
  await page.keyboard.press('ArrowDown');
  expect(await active()).toBe('rule-nat-SHARED_DNAT-2');
  await expect(page.getByTestId('rule-nat-SHARED_DNAT-2')).toBeInViewport();
  await page.keyboard.press('ArrowLeft');
  expect(await active()).toBe('rule-nat-DNAT_FILTER-2');
  await page.keyboard.press('ArrowLeft');
  expect(await active()).toBe('rule-nat-PREROUTING-1');
  await page.keyboard.press('Tab');
  const next = await active();
  expect(next).toMatch(/^rule-nat-|^expand-/);
  expect(next).not.toBe('rule-nat-PREROUTING-1');
  // Enter still opens the row it is on.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rule-details')).toBeVisible();
});
