import type { GatewayDetail, GatewayTrace, TraceResult } from '@natscope/api';
import { encodeDump } from '@natscope/iptables';
import { useCallback, useEffect, useRef, useState } from 'react';
import { makeBundle } from '../bundle/make-bundle.js';
import type { GraphHandle } from '../graph/ChainFlow.js';
import { downloadBlob } from './download.js';
import { exportFileName, exportHeader } from './export-header.js';
import { graphPng, graphSvg, type ExportColors } from './export-image.js';

function themeColors(): ExportColors {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { background: read('--bg', '#ffffff'), text: read('--text', '#111111'), muted: read('--muted', '#555555') };
}

/**
 * Export for incident reviews: the whole graph as PNG or SVG (with a header naming the reading and, when the graph shows
 * a trace's path, the traced packet and its verdict), the raw dump, the report JSON.
 */
export function ExportMenu({
  detail,
  filter,
  trace = null,
  graph,
  bundleTrace = null,
  onShowGraph,
}: {
  detail: GatewayDetail;
  filter: string;
  trace?: TraceResult | null;
  graph: GraphHandle | null;
  /** The trace shown on the page, for the incident bundle (even while a diagnostic's rules are lit instead). */
  bundleTrace?: GatewayTrace | null;
  /** Switches the page to the graph view (the bundle's pictures need the graph drawn); returns how to switch back. */
  onShowGraph?: () => () => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Set while the page switches to the graph for a bundle; the bundle is made once the graph is drawn, recording the
  // view it was asked from, and the page goes back to that view.
  const [bundleWaiting, setBundleWaiting] = useState(false);
  const switchedFrom = useRef<{ view: string; back: () => void } | null>(null);

  const exportBundle = useCallback(async () => {
    const frame = graph?.imageFrame() ?? null;
    setBusy('bundle');
    setProblem(null);
    try {
      let png: Uint8Array | null = null;
      let svg: Uint8Array | null = null;
      if (frame) {
        const header = exportHeader(detail, filter, trace);
        const colors = themeColors();
        png = new Uint8Array(await (await graphPng(frame, header, colors)).arrayBuffer());
        svg = new Uint8Array(await (await graphSvg(frame, header, colors)).arrayBuffer());
      }
      const view = switchedFrom.current?.view ?? window.location.search.replace(/^\?/, '');
      const bundle = makeBundle({ detail, view, trace: bundleTrace, png, svg, createdAt: new Date() });
      downloadBlob(new Blob([bundle.bytes as BlobPart], { type: 'application/zip' }), bundle.fileName);
      switchedFrom.current?.back();
    } catch (error) {
      setProblem(`The incident bundle failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      switchedFrom.current = null;
      setBusy(null);
    }
  }, [graph, detail, filter, trace, bundleTrace]);

  useEffect(() => {
    if (!bundleWaiting || !graph) return;
    // The graph handle comes before React Flow has measured the nodes; give it a few frames to draw them.
    let tries = 0;
    const timer = window.setInterval(() => {
      tries++;
      const node = document.querySelector<HTMLElement>('.react-flow__node');
      const drawn = node !== null && getComputedStyle(node).visibility === 'visible';
      if ((graph.imageFrame() && drawn) || tries > 30) {
        window.clearInterval(timer);
        setBundleWaiting(false);
        void exportBundle();
      }
    }, 100);
    return () => window.clearInterval(timer);
  }, [bundleWaiting, graph, exportBundle]);

  const startBundle = () => {
    if (graph === null && onShowGraph) {
      const view = window.location.search.replace(/^\?/, '');
      switchedFrom.current = { view, back: onShowGraph() };
      setBundleWaiting(true);
      return;
    }
    void exportBundle();
  };

  const exportImage = async (kind: 'png' | 'svg') => {
    const frame = graph?.imageFrame();
    if (!frame) {
      setProblem('Open the graph view to export it as an image.');
      return;
    }
    setBusy(kind);
    setProblem(null);
    try {
      const header = exportHeader(detail, filter, trace);
      const blob =
        kind === 'png' ? await graphPng(frame, header, themeColors()) : await graphSvg(frame, header, themeColors());
      downloadBlob(blob, exportFileName(detail, kind));
    } catch (error) {
      setProblem(`The ${kind.toUpperCase()} export failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(null);
    }
  };

  const noGraph = graph === null;
  return (
    <div className="export-menu" role="group" aria-label="Export">
      <button
        type="button"
        className="btn btn--small"
        data-testid="export-png"
        disabled={noGraph || busy !== null}
        title={
          noGraph
            ? 'Switch to the graph view to export it'
            : 'The whole graph as PNG, with a header naming gateway, pod and time'
        }
        onClick={() => void exportImage('png')}
      >
        {busy === 'png' ? 'PNG…' : 'PNG'}
      </button>
      <button
        type="button"
        className="btn btn--small"
        data-testid="export-svg"
        disabled={noGraph || busy !== null}
        title={noGraph ? 'Switch to the graph view to export it' : 'The whole graph as SVG, with a header'}
        onClick={() => void exportImage('svg')}
      >
        {busy === 'svg' ? 'SVG…' : 'SVG'}
      </button>
      <button
        type="button"
        className="btn btn--small"
        data-testid="export-raw"
        title="The iptables-save text exactly as the pod printed it"
        // encodeDump, not the string: a byte that was not UTF-8 goes back into the file as that byte.
        onClick={() =>
          downloadBlob(
            new Blob([encodeDump(detail.raw)], { type: 'text/plain' }),
            exportFileName(detail, 'iptables-save.txt'),
          )
        }
      >
        raw
      </button>
      <button
        type="button"
        className="btn btn--small"
        data-testid="export-json"
        title="The gateway's reading and report as JSON"
        onClick={() =>
          downloadBlob(
            new Blob([JSON.stringify(detail, null, 2)], { type: 'application/json' }),
            exportFileName(detail, 'report.json'),
          )
        }
      >
        JSON
      </button>
      <button
        type="button"
        className="btn btn--small"
        data-testid="export-bundle"
        disabled={busy !== null || bundleWaiting}
        title="One .zip with everything of this reading: README in words, the graph as PNG and SVG, raw.txt, report.json, the trace shown, a manifest with checksums. natscope's Open a dump page opens it again."
        onClick={startBundle}
      >
        {busy === 'bundle' || bundleWaiting ? 'Incident bundle…' : 'Incident bundle'}
      </button>
      {problem && (
        <span className="export-menu__problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
