import { expect, test } from '@playwright/test';
import { GatewayTrace } from '../packages/api/src/index.js';
import { settledFleet, waitForGraph } from './support.js';

// The packet trace on tenant-a, the demo's typical v1.16 tenant: SNAT for two CIDRs, a FIP, two port forwards, hairpin.
const NS = 'kube-system';
const GW = 'tenant-a';
const PATH = `/gateways/${NS}/${GW}`;
const HAIRPIN = 'src=10.0.1.7&dst=192.168.100.10&sport=40000&dport=8080&in=eth0';
const HAIRPIN_VERDICT =
  'DNAT to 10.0.1.30:80 in SHARED_DNAT rule 2; SNAT to 192.168.100.10 in HAIRPIN_SNAT rule 1; leaves by eth0';

test.beforeEach(async ({ request }) => {
  await settledFleet(request);
});

test('the API traces a packet with the same fields as the CLI', async ({ request }) => {
  const response = await request.get(
    `/api/gateways/${NS}/${GW}/trace?src=10.0.1.7&dst=192.168.100.10&dport=8080&inInterface=eth0`,
  );
  expect(response.ok()).toBe(true);
  const body = GatewayTrace.parse(await response.json());
  expect(body.verdict).toBe(HAIRPIN_VERDICT);
  const bad = await request.get(`/api/gateways/${NS}/${GW}/trace?src=10.0.1&dst=192.168.100.10`);
  expect(bad.status()).toBe(400);
});

test('a trace link shows the verdict and lights the path on the graph', async ({ page }) => {
  await page.goto(`${PATH}?${HAIRPIN}`);
  await waitForGraph(page);
  await expect(page.getByTestId('trace-verdict')).toHaveText(HAIRPIN_VERDICT);
  // The rules the packet took are lit; one it skipped is not; chains it never entered are dimmed.
  for (const rule of ['rule-mangle-VPC_MARK-1', 'rule-nat-SHARED_DNAT-2', 'rule-nat-HAIRPIN_SNAT-1']) {
    await expect(page.getByTestId(rule).locator('..')).toHaveClass(/rule-row--highlighted/);
  }
  await expect(page.getByTestId('rule-nat-SHARED_DNAT-1').locator('..')).not.toHaveClass(/rule-row--highlighted/);
  // Faded by colour and a dashed outline, not opacity (which would take its text under 4.5:1).
  await expect(page.locator('.react-flow__node[data-id="nat/HAIRPIN_SNAT"] .chain-node')).toHaveCSS(
    'border-left-style',
    'solid',
  );
  await expect(page.locator('.react-flow__node[data-id="nat/(empty hooks)"] .chain-node')).toHaveCSS(
    'border-left-style',
    'dashed',
  );
  await expect(page.locator('.react-flow__node[data-id="nat/(empty hooks)"]')).toHaveCSS('opacity', '1');
  // A step opens its rule in the details panel.
  await page.getByRole('button', { name: 'nat HAIRPIN_SNAT #1' }).first().click();
  await expect(page).toHaveURL(/rule=nat%2FHAIRPIN_SNAT%2F1/);
  await expect(page).toHaveURL(/src=10\.0\.1\.7/);
});

test('the form traces a mapping, and the trace survives a reload', async ({ page }) => {
  await page.goto(PATH);
  await waitForGraph(page);
  const menu = page.getByLabel('Start from a mapping');
  const label = await menu
    .locator('option', { hasText: /^DNAT tcp 192\.168\.100\.12:2222 .*from outside$/ })
    .textContent();
  await menu.selectOption({ label: label! });
  await page.getByTestId('trace-submit').click();
  await expect(page.getByTestId('trace-verdict')).toHaveText(
    'DNAT to 10.0.2.20:22 in SHARED_DNAT rule 1; no SNAT; leaves by eth0',
  );
  await expect(page).toHaveURL(/dst=192\.168\.100\.12/);
  await page.reload();
  await expect(page.getByTestId('trace-verdict')).toHaveText(
    'DNAT to 10.0.2.20:22 in SHARED_DNAT rule 1; no SNAT; leaves by eth0',
  );
});

test('the form says what is wrong before asking the server', async ({ page }) => {
  await page.goto(PATH);
  await waitForGraph(page);
  await page.getByRole('textbox', { name: 'Source' }).fill('10.0.1');
  await page.getByRole('textbox', { name: 'Destination' }).fill('192.168.100.12');
  await page.getByTestId('trace-submit').click();
  await expect(page.getByTestId('trace-form').getByRole('alert')).toContainText('Source must be an IPv4 address');
  await expect(page).not.toHaveURL(/src=/);
});

test('Trace beside a mapping in the rule details traces it, shows the panel and puts the trace in the link', async ({
  page,
}) => {
  await page.goto(`${PATH}?rule=nat%2FSHARED_DNAT%2F1`);
  await waitForGraph(page);
  await page
    .getByTestId('rule-details')
    .getByRole('button', { name: /^Trace DNAT tcp 192\.168\.100\.12:2222 .*: from outside$/ })
    .click();
  await expect(page.getByTestId('trace-verdict')).toHaveText(
    'DNAT to 10.0.2.20:22 in SHARED_DNAT rule 1; no SNAT; leaves by eth0',
  );
  await expect(page).toHaveURL(/src=198\.51\.100\.7&dst=192\.168\.100\.12&sport=40000&dport=2222/);
  // The form shows the packet, the panel is in view and has focus, and the path is lit.
  await expect(page.getByRole('textbox', { name: 'Destination' })).toHaveValue('192.168.100.12');
  await expect(page.getByRole('heading', { name: 'Packet trace' })).toBeFocused();
  await expect(page.getByTestId('trace-verdict')).toBeInViewport();
  await expect(page.getByTestId('rule-nat-SHARED_DNAT-1').locator('..')).toHaveClass(/rule-row--highlighted/);
  // Back goes to the view before the trace.
  await page.goBack();
  await expect(page).not.toHaveURL(/src=/);
  await expect(page.getByTestId('trace-verdict')).toHaveCount(0);
});

test('Trace in a row of the EIP table traces a floating IP outbound from its VM', async ({ page }) => {
  await page.goto(`${PATH}?view=eips`);
  const row = page.getByTestId('eip-192.168.100.11');
  // One "Trace ▾" per cell of mappings opens the packets of that cell.
  const toggle = row.getByRole('button', { name: /^Trace the floating IP of 192\.168\.100\.11/ });
  await toggle.click();
  const outbound = row.getByRole('button', { name: 'Trace FIP 192.168.100.11 ⇄ 10.0.1.5: 10.0.1.5 to outside' });
  await outbound.click();
  await expect(page.getByTestId('trace-verdict')).toHaveText(
    'no DNAT; SNAT to 192.168.100.11 in EXCLUSIVE_SNAT rule 1; leaves by net1',
  );
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toHaveAccessibleName('Trace the floating IP of 192.168.100.11 (one is traced)');
  await toggle.click();
  await expect(outbound).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/view=eips/);
  await expect(page).toHaveURL(/src=10\.0\.1\.5&dst=198\.51\.100\.7&sport=40000&dport=443&in=eth0/);
  // The hairpin column traces VPC traffic through the EIP back into the VPC.
  await row.getByRole('button', { name: 'Trace hairpin of 192.168.100.11' }).click();
  await row.getByRole('button', { name: /^Trace hairpin 192\.168\.100\.11: from 10\.0\.1\.2 in the VPC$/ }).click();
  await expect(page.getByTestId('trace-verdict')).toHaveText(
    'DNAT to 10.0.1.5 in EXCLUSIVE_DNAT rule 1; SNAT to 192.168.100.11 in HAIRPIN_SNAT rule 2; leaves by eth0',
  );
});
