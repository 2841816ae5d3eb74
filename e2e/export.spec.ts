import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gatewayDetail, settledFleet, waitForGraph } from './support.js';

const NS = 'kube-system';
const GW = 'tenant-a';

/**
 * Per edge: points along its path (flow coordinates), away from the label in the middle (columns are at least 180 px
 * apart and labels narrower, so 10–15% from either end is bare edge) and from the handles at its very ends.
 */
async function edgeSamples(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path')].map((path) => {
      const length = path.getTotalLength();
      return [0.1, 0.15, 0.85, 0.9].map((f) => {
        const p = path.getPointAtLength(length * f);
        return { x: p.x, y: p.y };
      });
    }),
  );
}

/** The bounds of every node in flow coordinates, read from React Flow's own transforms and sizes. */
async function nodeBounds(page: Page) {
  return page.evaluate(() => {
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    for (const node of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const m = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec(node.style.transform);
      if (!m) continue;
      const x = Number(m[1]);
      const y = Number(m[2]);
      x1 = Math.min(x1, x);
      y1 = Math.min(y1, y);
      x2 = Math.max(x2, x + node.offsetWidth);
      y2 = Math.max(y2, y + node.offsetHeight);
    }
    return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
  });
}

test.beforeEach(async ({ request }) => {
  await settledFleet(request);
});

test('the PNG export is the whole graph, header included, with its edges drawn', async ({ page }) => {
  await page.goto(`/gateways/${NS}/${GW}`);
  await waitForGraph(page);
  // Zoom far in so that most of the graph is off screen: the export must still hold all of it.
  for (let i = 0; i < 4; i += 1) await page.getByRole('button', { name: 'Zoom In' }).click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^natscope-${NS}-${GW}-.*\\.png$`));
  const png = readFileSync(await file.path());
  expect(png.subarray(1, 4).toString()).toBe('PNG');

  const bounds = await nodeBounds(page);
  const samples = await edgeSamples(page);
  expect(samples.length).toBeGreaterThan(5);
  const edgeColor = await page.evaluate(() =>
    getComputedStyle(document.querySelector('.chain-flow')!).getPropertyValue('--edge-color').trim(),
  );

  // Decode the PNG in the browser and look at the pixels where each edge runs.
  const result = await page.evaluate(
    async ({ base64, bounds, samples, edgeColor }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const PADDING = 24;
      const HEADER = 56;
      const ratio = image.width / Math.ceil(bounds.width + 2 * PADDING);
      const hex = edgeColor.replace('#', '');
      const want = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const near = (x: number, y: number) => {
        // An 11 × 11 window: wide enough to reach a dash of an idle (dashed) edge wherever the sample falls.
        const data = context.getImageData(Math.round(x) - 5, Math.round(y) - 5, 11, 11).data;
        for (let i = 0; i < data.length; i += 4) {
          if (
            Math.abs(data[i]! - want[0]!) + Math.abs(data[i + 1]! - want[1]!) + Math.abs(data[i + 2]! - want[2]!) <
            60
          )
            return true;
        }
        return false;
      };
      const perEdge = samples.map(
        (points) =>
          points.filter((p) => near((p.x - bounds.x + PADDING) * ratio, (p.y - bounds.y + PADDING + HEADER) * ratio))
            .length,
      );
      // Control: the header band has no edge colour.
      const headerClean = !near(image.width - 20 * ratio, 10 * ratio);
      return { width: image.width, height: image.height, ratio, perEdge, headerClean };
    },
    { base64: png.toString('base64'), bounds, samples, edgeColor },
  );
  expect(result.ratio).toBeGreaterThanOrEqual(1);
  expect(result.height / result.ratio).toBeGreaterThan(bounds.height);
  // Each edge shows at (nearly) all of its sample points; a missing edge would show at none.
  for (const hits of result.perEdge) expect(hits).toBeGreaterThanOrEqual(3);
  expect(result.headerClean).toBe(true);
});

test('the SVG export holds every edge path and the header names gateway, pod and time', async ({ page, request }) => {
  const detail = await gatewayDetail(request, NS, GW);
  await page.goto(`/gateways/${NS}/${GW}`);
  await waitForGraph(page);
  const edges = await page.locator('.react-flow__edge').count();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const svg = readFileSync(await (await download).path(), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const error = doc.querySelector('parsererror')?.textContent ?? null;
    const paths = [...doc.querySelectorAll('path.react-flow__edge-path')].map((p) => p.getAttribute('d') ?? '');
    const nodes = [...doc.querySelectorAll('.react-flow__node')].map((n) => n.getAttribute('data-id'));
    const texts = [...doc.querySelectorAll('svg > text')].map((t) => t.textContent);
    return { error, paths, nodes, texts };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.paths).toHaveLength(edges);
  for (const d of parsed.paths) expect(d).toMatch(/^M[\d.-]+,?[\d.-]+ ?C/);
  expect(parsed.nodes).toEqual(expect.arrayContaining(['nat/PREROUTING', 'nat/SHARED_SNAT', 'mangle/VPC_MARK']));
  expect(parsed.texts[0]).toContain(`${NS}/${GW}`);
  expect(parsed.texts[1]).toContain(`pod ${detail.pod}`);
  expect(parsed.texts[1]).toContain(`backend ${detail.backend}`);
  expect(parsed.texts[1]).toContain('context demo');
  expect(parsed.texts[1]).toMatch(/read \d{4}-\d\d-\d\dT/);
});

test('with a trace on the graph, the export header says which packet and its verdict', async ({ page }) => {
  await page.goto(`/gateways/${NS}/${GW}?src=10.0.1.7&dst=192.168.100.10&sport=40000&dport=8080&in=eth0`);
  await waitForGraph(page);
  const verdict =
    'DNAT to 10.0.1.30:80 in SHARED_DNAT rule 2; SNAT to 192.168.100.10 in HAIRPIN_SNAT rule 1; leaves by eth0';
  await expect(page.getByTestId('trace-verdict')).toHaveText(verdict);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const svg = readFileSync(await (await download).path(), 'utf8');
  // Put the SVG in the page to read its header lines and how far each reaches.
  const header = await page.evaluate((text) => {
    const root = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement as unknown as SVGSVGElement;
    const holder = document.body.appendChild(document.createElement('div'));
    holder.appendChild(document.adoptNode(root));
    const lines = [...root.querySelectorAll<SVGTextElement>(':scope > text')].map((t) => ({
      text: t.textContent,
      right: t.x.baseVal[0]!.value + t.getComputedTextLength(),
    }));
    holder.remove();
    return { width: root.width.baseVal.value, lines };
  }, svg);
  expect(header.lines.map((l) => l.text)).toEqual([
    `natscope · ${NS}/${GW}`,
    expect.stringContaining('context demo'),
    `trace tcp 10.0.1.7:40000 → 192.168.100.10:8080 in eth0: ${verdict}`,
  ]);
  // The picture is wide enough for its header: no line is cut off.
  for (const line of header.lines) expect(line.right).toBeLessThanOrEqual(header.width);
});

test('the raw dump and the report JSON download as the server returned them', async ({ page, request }) => {
  await page.goto(`/gateways/${NS}/${GW}`);
  await waitForGraph(page);
  const rawDownload = page.waitForEvent('download');
  await page.getByTestId('export-raw').click();
  const raw = readFileSync(await (await rawDownload).path(), 'utf8');
  expect(raw).toMatch(/^# Generated by iptables-save/m);
  expect(raw).toContain('-A SHARED_DNAT');
  const jsonDownload = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const json = JSON.parse(readFileSync(await (await jsonDownload).path(), 'utf8'));
  const detail = await gatewayDetail(request, NS, GW);
  expect(json.namespace).toBe(NS);
  expect(json.name).toBe(GW);
  expect(json.report.mappings).toHaveLength(detail.report!.mappings.length);
});
