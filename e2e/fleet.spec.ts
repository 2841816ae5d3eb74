import { expect, test } from '@playwright/test';
import { AddressIndex } from '../packages/api/src/index.js';
import { cidrOverlaps, parseCidr } from '../packages/natgw/src/packet-sets/ipv4.js';
import { chooseTheme, screenshot, settledFleet } from './support.js';

test.describe('the fleet page', () => {
  test('lists every demo gateway with its backend, counts and the demo banner', async ({ page, request }) => {
    const list = await settledFleet(request);
    expect(list.source).toBe('demo');
    await page.goto('/');
    await expect(page.getByRole('note')).toContainText('Demo data');
    for (const g of list.gateways) {
      const row = page.getByTestId(`gateway-${g.namespace}-${g.name}`);
      await expect(row).toBeVisible();
      await expect(row.getByRole('link', { name: g.name, exact: true })).toBeVisible();
      // The backend's own badge: the desired-state column has an "unknown" badge too.
      await expect(row.locator('.badge[class*="badge--backend-"]', { hasText: g.backend })).toBeVisible();
      const condition = row.locator('.condition');
      await expect(condition).toHaveAttribute('data-health', g.health);
      await expect(condition).toHaveAttribute('data-reading', g.reading);
    }
    await expect(page.locator('tbody.gateway-rows')).toHaveCount(list.gateways.length);
  });

  test('never shows a gateway with error findings as plainly ok: its badge says broken, in red, with the cause', async ({
    page,
    request,
  }) => {
    const list = await settledFleet(request);
    const withErrors = list.gateways.filter((g) => g.reading === 'ok' && g.diagnostics.error > 0);
    // rebooted (not initialised), half-fip, split-brain in the demo.
    expect(withErrors.length).toBeGreaterThanOrEqual(3);
    await page.goto('/');
    for (const g of withErrors) {
      const condition = page.getByTestId(`gateway-${g.namespace}-${g.name}`).locator('.condition');
      await expect(condition.locator('.badge')).toHaveText('broken');
      await expect(condition.locator('.badge')).toHaveClass(/badge--status-error/);
      await expect(condition).not.toContainText(/^ok$/);
    }
    await expect(page.getByTestId('gateway-kube-system-rebooted').locator('.condition')).toContainText(
      'not initialised',
    );
    // "with problems" keeps every one of them.
    await page.getByLabel('Health filter').selectOption('problems');
    for (const g of withErrors) await expect(page.getByTestId(`gateway-${g.namespace}-${g.name}`)).toBeVisible();
    await expect(page.getByTestId('gateway-kube-system-tenant-a')).toHaveCount(0);
  });

  test('narrows to the gateways that map an address, and keeps the filter in the URL', async ({ page, request }) => {
    const list = await settledFleet(request);
    const response = await request.get('/api/addresses');
    expect(response.ok()).toBe(true);
    const index = AddressIndex.parse(await response.json());
    // An address few gateways share (the demo reuses dumps), and the exact set that maps it or a CIDR around it.
    const counts = new Map<string, number>();
    for (const g of index.gateways)
      for (const a of g.addresses) if (!a.includes('/')) counts.set(a, (counts.get(a) ?? 0) + 1);
    const address = [...counts].sort((a, b) => a[1] - b[1])[0]?.[0];
    expect(address, 'the demo maps some address').toBeDefined();
    const ip = parseCidr(address!)!;
    const expected = index.gateways
      .filter((g) =>
        g.addresses.some((a) => {
          const cidr = parseCidr(a);
          return cidr !== null && cidrOverlaps(cidr, ip);
        }),
      )
      .map((g) => `gateway-${g.namespace}-${g.name}`)
      .sort();
    expect(expected.length).toBeLessThan(list.gateways.length);
    // The fleet list carries no addresses; the page asks for them only once the filter names one.
    let addressRequests = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/addresses') addressRequests += 1;
    });
    await page.goto('/');
    await page.getByPlaceholder(/Filter: name/).fill('tenant');
    await expect(page.locator('tbody.gateway-rows').first()).toBeVisible();
    expect(addressRequests).toBe(0);
    await page.getByPlaceholder(/Filter: name/).fill(address!);
    const rows = page.locator('tbody.gateway-rows');
    await expect(rows).toHaveCount(expected.length);
    expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).sort()).toEqual(expected);
    expect(addressRequests).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('q')).toBe(address);
    await page.reload();
    await expect(page.getByPlaceholder(/Filter: name/)).toHaveValue(address!);
    await expect(rows).toHaveCount(expected.length);
  });

  test('shows why a gateway cannot be read and what to do', async ({ page, request }) => {
    const list = await settledFleet(request);
    const forbidden = list.gateways.find((g) => g.error?.code === 'exec-forbidden');
    const timeout = list.gateways.find((g) => g.error?.code === 'exec-timeout');
    expect(forbidden, 'the demo has a gateway whose exec is forbidden').toBeDefined();
    expect(timeout, 'the demo has a gateway that times out').toBeDefined();
    await page.goto('/');
    const forbiddenRow = page.getByTestId(`gateway-${forbidden!.namespace}-${forbidden!.name}`);
    await expect(forbiddenRow).toContainText('Exec forbidden');
    await expect(forbiddenRow).toContainText(forbidden!.error!.message);
    await expect(forbiddenRow).toContainText('pods/exec');
    await expect(forbiddenRow).toContainText('"get", "create"');
    const timeoutRow = page.getByTestId(`gateway-${timeout!.namespace}-${timeout!.name}`);
    await expect(timeoutRow).toContainText('Exec timed out');
    await expect(timeoutRow).toContainText('NATSCOPE_EXEC_TIMEOUT_SECONDS');
  });

  test('sorts by a column and pauses live refresh', async ({ page, request }) => {
    await settledFleet(request);
    await page.goto('/');
    await page.getByRole('button', { name: /^Diagnostics/ }).click();
    await expect(page).toHaveURL(/sort=diagnostics/);
    await expect(page.locator('th[aria-sort="descending"]')).toContainText('Diagnostics');
    await page.getByRole('button', { name: /Pause/ }).click();
    await expect(page.getByRole('button', { name: /Resume/ })).toHaveAttribute('aria-pressed', 'true');
    // With refresh paused, no request for the fleet goes out for longer than the shortest interval.
    let requests = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/gateways')) requests += 1;
    });
    await page.getByLabel('Refresh interval').selectOption('5');
    await page.waitForTimeout(6_000);
    expect(requests).toBe(0);
    await page.getByRole('button', { name: /Resume/ }).click();
    await expect.poll(() => requests, { timeout: 8_000 }).toBeGreaterThan(0);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`screenshot of the fleet (${theme})`, async ({ page, request }) => {
      await settledFleet(request);
      await page.goto('/');
      await chooseTheme(page, theme);
      await expect(page.locator('tbody.gateway-rows').first()).toBeVisible();
      await screenshot(page, 'fleet', theme);
    });
  }
});
