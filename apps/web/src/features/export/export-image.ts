import { toCanvas, toSvg } from 'html-to-image';
import type { GraphImageFrame } from '../graph/ChainFlow.js';
import type { ExportHeader } from './export-header.js';

/** Colours of the picture: the page's background and text in the current theme. */
export interface ExportColors {
  background: string;
  text: string;
  muted: string;
}

const HEADER_HEIGHT = 56;
const FONT = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif';
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
  const pixelRatio = Math.min(2, MAX_CANVAS_SIDE / Math.max(frame.width, frame.height + HEADER_HEIGHT));
  const graph = await toCanvas(frame.element, renderOptions(frame, colors, pixelRatio));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(frame.width * pixelRatio);
  canvas.height = Math.round((frame.height + HEADER_HEIGHT) * pixelRatio);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas, so no PNG can be made; try the SVG export.');
  context.scale(pixelRatio, pixelRatio);
  context.fillStyle = colors.background;
  context.fillRect(0, 0, frame.width, frame.height + HEADER_HEIGHT);
  context.fillStyle = colors.text;
  context.font = `bold 16px ${FONT}`;
  context.fillText(header.title, 24, 24);
  context.fillStyle = colors.muted;
  context.font = `12px ${FONT}`;
  context.fillText(header.details, 24, 44);
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.drawImage(graph, 0, Math.round(HEADER_HEIGHT * pixelRatio));
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG (graph too large?).'))), 'image/png'),
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
  const nested = inner.replace(/^<svg /, `<svg x="0" y="${HEADER_HEIGHT}" `);
  const width = frame.width;
  const height = frame.height + HEADER_HEIGHT;
  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="${escapeXml(colors.background)}"/>` +
    `<text x="24" y="24" font-family='${FONT}' font-size="16" font-weight="bold" fill="${escapeXml(colors.text)}">${escapeXml(header.title)}</text>` +
    `<text x="24" y="44" font-family='${FONT}' font-size="12" fill="${escapeXml(colors.muted)}">${escapeXml(header.details)}</text>` +
    nested +
    `</svg>`;
  return new Blob([svg], { type: 'image/svg+xml' });
}
