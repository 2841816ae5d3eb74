import { toCanvas, toSvg } from 'html-to-image';
import type { GraphImageFrame } from '../graph/ChainFlow.js';
import type { ExportHeader } from './export-header.js';

/** Colours of the picture: the page's background and text in the current theme. */
export interface ExportColors {
  background: string;
  text: string;
  muted: string;
}

const FONT = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif';
const TITLE_FONT = `bold 16px ${FONT}`;
const LINE_FONT = `12px ${FONT}`;
const MARGIN = 24;
// Baselines: the title at 24, each line 18 below the one before, starting at 44; 12 px below the last one.
const TITLE_BASELINE = 24;
const FIRST_LINE_BASELINE = 44;
const LINE_STEP = 18;

/** Where the header's lines go and how big it is: the picture is at least as wide as its header text. */
interface HeaderLayout {
  height: number;
  width: number;
  baselines: number[];
}

function headerLayout(header: ExportHeader, graphWidth: number): HeaderLayout {
  const baselines = header.lines.map((_, i) => FIRST_LINE_BASELINE + i * LINE_STEP);
  const height = (baselines.at(-1) ?? TITLE_BASELINE) + 12;
  // Measure the text so a narrow graph does not cut its header off (a long verdict is wider than a small gateway).
  const context = document.createElement('canvas').getContext('2d');
  let text = 0;
  if (context) {
    context.font = TITLE_FONT;
    text = context.measureText(header.title).width;
    context.font = LINE_FONT;
    for (const line of header.lines) text = Math.max(text, context.measureText(line).width);
  }
  return { height, width: Math.max(graphWidth, Math.ceil(text + 2 * MARGIN)), baselines };
}
// The biggest canvas side Chromium draws reliably; a huge graph is exported at a lower pixel ratio instead of failing.
const MAX_CANVAS_SIDE = 16_000;

function renderOptions(frame: GraphImageFrame, colors: ExportColors, pixelRatio: number) {
  return {
    backgroundColor: colors.background,
    width: frame.width,
    height: frame.height,
    pixelRatio,
    skipFonts: true,
    style: { width: `${frame.width}px`, height: `${frame.height}px`, transform: frame.transform },
  };
}

/**
 * The whole graph as PNG, with the header above it. html-to-image 1.11.11 (exactly: later versions drop edges) renders
 * React Flow's viewport element, reframed to the bounds of every node, onto a canvas; the header is drawn on a second
 * canvas that holds both.
 */
export async function graphPng(frame: GraphImageFrame, header: ExportHeader, colors: ExportColors): Promise<Blob> {
  const layout = headerLayout(header, frame.width);
  const pixelRatio = Math.min(2, MAX_CANVAS_SIDE / Math.max(layout.width, frame.height + layout.height));
  const graph = await toCanvas(frame.element, renderOptions(frame, colors, pixelRatio));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(layout.width * pixelRatio);
  canvas.height = Math.round((frame.height + layout.height) * pixelRatio);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas, so no PNG can be made; try the SVG export.');
  context.scale(pixelRatio, pixelRatio);
  context.fillStyle = colors.background;
  context.fillRect(0, 0, layout.width, frame.height + layout.height);
  context.fillStyle = colors.text;
  context.font = TITLE_FONT;
  context.fillText(header.title, MARGIN, TITLE_BASELINE);
  context.fillStyle = colors.muted;
  context.font = LINE_FONT;
  header.lines.forEach((line, i) => context.fillText(line, MARGIN, layout.baselines[i]!));
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.drawImage(graph, 0, Math.round(layout.height * pixelRatio));
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG (graph too large?).'))),
      'image/png',
    ),
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The whole graph as SVG with the header as real text. html-to-image gives an SVG whose foreignObject holds the cloned
 * viewport (edges stay SVG paths inside it); it is nested below a header in an outer SVG.
 */
export async function graphSvg(frame: GraphImageFrame, header: ExportHeader, colors: ExportColors): Promise<Blob> {
  const dataUrl = await toSvg(frame.element, renderOptions(frame, colors, 1));
  const inner = decodeURIComponent(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const layout = headerLayout(header, frame.width);
  const nested = inner.replace(/^<svg /, `<svg x="0" y="${layout.height}" `);
  const width = layout.width;
  const height = frame.height + layout.height;
  const lines = header.lines
    .map(
      (line, i) =>
        `<text x="${MARGIN}" y="${layout.baselines[i]}" font-family='${FONT}' font-size="12" fill="${escapeXml(colors.muted)}">${escapeXml(line)}</text>`,
    )
    .join('');
  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="${escapeXml(colors.background)}"/>` +
    `<text x="${MARGIN}" y="${TITLE_BASELINE}" font-family='${FONT}' font-size="16" font-weight="bold" fill="${escapeXml(colors.text)}">${escapeXml(header.title)}</text>` +
    lines +
    nested +
    `</svg>`;
  return new Blob([svg], { type: 'image/svg+xml' });
}
