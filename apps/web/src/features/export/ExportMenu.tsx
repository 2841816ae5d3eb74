import type { GatewayDetail, TraceResult } from '@natscope/api';
import { encodeDump } from '@natscope/iptables';
import { useState } from 'react';
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
}: {
  detail: GatewayDetail;
  filter: string;
  trace?: TraceResult | null;
  graph: GraphHandle | null;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

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
      {problem && (
        <span className="export-menu__problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
