import { expect, test, type APIRequestContext } from '@playwright/test';
import { GatewayDetail, HistoryPage } from '../packages/api/src/index.js';
import { expectNoSeriousAxe, screenshot, waitForGraph } from './support.js';

// The demo's tenant-b/churn loses floating IP 192.168.100.11 ⇄ 10.0.1.5 a minute after the start
// (apps/server/src/demo/demo-timeline.ts), and the real server keeps each change in its SQLite history. These tests
// take the two kept readings around that change from the API and check the page over them: the timeline, the page
// as of each reading (by URL), a trace through the rules as they were, and the Changes view.
const BASE = '/gateways/tenant-b/churn';
const API = '/api/gateways/tenant-b/churn';
const FIP_DNAT = '-d 192.168.100.11/32 -j DNAT --to-destination 10.0.1.5';

interface Change {
  /** A kept reading that has the floating IP. */
  before: number;
  /** The next kept reading of the pod, which has lost it. */
  after: number;
}

/** Waits (up to two minutes after the server's start) for the history to hold the floating IP's removal. */
async function fipRemoval(request: APIRequestContext): Promise<Change> {
  let found: Change | null = null;
  await expect
    .poll(
      async () => {
        const page = HistoryPage.parse(await (await request.get(`${API}/history?limit=1000`)).json());
        const readings = page.entries.filter((e) => e.kind === 'reading').reverse(); // oldest first
        for (let i = 1; i < readings.length; i++) {
          const [a, b] = [readings[i - 1], readings[i]];
          if (!a || !b || a.pod !== b.pod) continue;
          const [da, db] = await Promise.all([a, b].map((r) => keptReading(request, r.id)));
          // Not the pod that lost every rule (the cycle's last minute): the minute it loses the floating IP alone.
          if (da?.raw.includes(FIP_DNAT) && db?.raw.includes('-A SHARED_DNAT -d') && !db.raw.includes(FIP_DNAT)) {
            found = { before: a.id, after: b.id };
            return true;
          }
        }
        return false;
      },
      { timeout: 120_000, intervals: [2000] },
    )
    .toBe(true);
  if (!found) throw new Error('the history never showed the floating IP removed');
  return found;
}

async function keptReading(request: APIRequestContext, id: number): Promise<GatewayDetail | null> {
  const res = await request.get(`${API}/readings/${id}`);
  return res.ok() ? GatewayDetail.parse(await res.json()) : null;
}

test.describe('history', () => {
  test.describe.configure({ timeout: 180_000 });

  test('the timeline marks the kept readings; choosing one shows the page as of then, Back to live leaves it', async ({
    page,
    request,
  }) => {
    const change = await fipRemoval(request);
    await page.goto(BASE);
    const timeline = page.getByTestId('history-timeline');
    await expect(timeline).toBeVisible();
    await expect(page.getByTestId('history-summary')).toContainText(/\d+ kept readings?, \d+ rule changes?/);
    const mark = page.getByTestId(`history-reading-${change.after}`);
    await expect(mark).toHaveAttribute(
      'aria-label',
      /^Reading at \d\d:\d\d:\d\d: rules changed \(pod vpc-nat-gw-churn-0\)$/,
    );
    await mark.click();
    await expect(page).toHaveURL(new RegExp(`[?&]at=${change.after}(&|$)`));
    await expect(mark).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('history-as-of')).toContainText(`kept reading ${change.after}`);
    await page.getByTestId('history-live').click();
    await expect(page.getByTestId('history-as-of')).toHaveCount(0);
    await expect(page).not.toHaveURL(/[?&]at=/);
  });

  test('a link with at= opens the EIP table and the trace as they were, whatever the gateway holds now', async ({
    page,
    request,
  }) => {
    const change = await fipRemoval(request);
    await page.goto(`${BASE}?view=eips&at=${change.before}`);
    await expect(page.getByTestId('history-as-of')).toBeVisible();
    await expect(page.getByTestId('eip-192.168.100.11')).toBeVisible();
    await page.goto(`${BASE}?view=eips&at=${change.after}`);
    await expect(page.getByTestId('history-as-of')).toContainText(`kept reading ${change.after}`);
    await expect(page.locator('.eip-table')).toBeVisible();
    await expect(page.getByTestId('eip-192.168.100.11')).toHaveCount(0);

    // The trace of the same packet follows the rules of the reading shown: DNAT to the VM then, nothing after.
    const packet = 'src=203.0.113.7&dst=192.168.100.11&proto=tcp&dport=443';
    await page.goto(`${BASE}?at=${change.before}&${packet}`);
    await expect(page.getByTestId('trace-verdict')).toContainText('DNAT to 10.0.1.5');
    await page.goto(`${BASE}?at=${change.after}&${packet}`);
    await expect(page.getByTestId('trace-verdict')).not.toContainText('DNAT to 10.0.1.5');
  });

  test('Compare opens the Changes view: the floating IP removed, with its time and rule lines; then on the graph', async ({
    page,
    request,
  }) => {
    const change = await fipRemoval(request);
    await page.goto(`${BASE}?at=${change.after}`);
    await page.getByTestId('history-compare').click();
    await expect
      .poll(() => {
        const q = new URL(page.url()).searchParams;
        return [q.get('view'), q.get('from'), q.get('to')];
      })
      .toEqual(['diff', String(change.before), String(change.after)]);
    const view = page.getByTestId('diff-view');
    await expect(view).toBeVisible();
    await expect(page.getByTestId('diff-phrase-0')).toHaveText(
      /^floating IP 192\.168\.100\.11 ⇄ 10\.0\.1\.5 removed at \d\d:\d\d:\d\d$/,
    );
    const removed = [
      await page.getByTestId('diff-rule-removed-0').textContent(),
      await page.getByTestId('diff-rule-removed-1').textContent(),
    ].join('\n');
    expect(removed).toContain(`-A EXCLUSIVE_DNAT ${FIP_DNAT}`);
    expect(removed).toContain('-A EXCLUSIVE_SNAT -s 10.0.1.5/32 -j SNAT --to-source 192.168.100.11');
    await expect(page.getByTestId('diff-rule-added-0')).toHaveCount(0);

    await page.getByTestId('diff-show-graph').click();
    await expect(page).toHaveURL(new RegExp(`[?&]at=${change.after}(&|$)`));
    await waitForGraph(page);
    await expect(page.getByTestId('history-marks')).toContainText('2 rules removed');
    await expect(page.getByTestId('change-removed-nat-EXCLUSIVE_DNAT-0')).toContainText(
      '-d 192.168.100.11/32 -j DNAT --to-destination 10.0.1.5',
    );
    await page.getByTestId('history-marks-clear').click();
    await expect(page.getByTestId('change-removed-nat-EXCLUSIVE_DNAT-0')).toHaveCount(0);
  });

  test('the same two readings compared the other way round: the floating IP added back, marked on the graph', async ({
    page,
    request,
  }) => {
    const change = await fipRemoval(request);
    await page.goto(`${BASE}?view=diff&from=${change.after}&to=${change.before}`);
    await expect(page.getByTestId('diff-phrase-0')).toHaveText(
      /^floating IP 192\.168\.100\.11 ⇄ 10\.0\.1\.5 added at /,
    );
    await page.getByTestId('diff-show-graph').click();
    await waitForGraph(page);
    await expect(page.getByTestId('change-added-nat-EXCLUSIVE_DNAT-1')).toHaveText('added');
  });

  test('the fleet says when each gateway last changed its rules and sorts by it', async ({ page, request }) => {
    await fipRemoval(request);
    await page.goto('/?sort=changed&dir=desc');
    await expect(page.getByTestId('gateway-changed-tenant-b-churn')).toHaveText(/ago|just now/);
    // churn changes every minute: no demo gateway changed later.
    await expect(page.locator('tbody.gateway-rows').first()).toHaveAttribute('data-testid', /tenant-b-churn$/);
  });

  for (const theme of ['light', 'dark'] as const)
    test(`no serious or critical axe violation on the timeline, the Changes view and a diff on the graph (${theme})`, async ({
      page,
      request,
    }) => {
      const change = await fipRemoval(request);
      await page.addInitScript((t) => window.localStorage.setItem('natscope.theme', JSON.stringify(t)), theme);
      await page.goto(`${BASE}?at=${change.before}`);
      await waitForGraph(page);
      await expect(page.getByTestId('history-as-of')).toBeVisible();
      await page.waitForTimeout(300);
      await expectNoSeriousAxe(page, `history as of (${theme})`);
      await screenshot(page, 'gateway-history', theme);
      await page.goto(`${BASE}?view=diff&from=${change.before}&to=${change.after}`);
      await expect(page.getByTestId('diff-rule-removed-0')).toBeVisible();
      await expectNoSeriousAxe(page, `history diff (${theme})`);
      await screenshot(page, 'gateway-diff', theme);
      await page.goto(`${BASE}?at=${change.after}&from=${change.before}&to=${change.after}`);
      await waitForGraph(page);
      await expect(page.getByTestId('change-removed-nat-EXCLUSIVE_DNAT-0')).toBeVisible();
      await page.waitForTimeout(300);
      await expectNoSeriousAxe(page, `history diff on the graph (${theme})`);
      await screenshot(page, 'gateway-diff-graph', theme);
    });
});
