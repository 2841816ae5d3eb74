import { decodeDump } from '@natscope/iptables';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureDetail } from '../../../test/fixture-detail.js';
import { fixtureReport } from '../../../test/fixture-report.js';
import { ExportMenu } from './ExportMenu.js';

// The download itself is the browser's; what matters here is the blob handed to it.
const downloads = vi.hoisted(() => [] as { blob: Blob; name: string }[]);
vi.mock('./download.js', () => ({ downloadBlob: (blob: Blob, name: string) => void downloads.push({ blob, name }) }));

afterEach(cleanup);

// A gateway built with real iptables whose comments and a chain name hold bytes that are not UTF-8.
const FIXTURE = 'odd-bytes-v116-legacy.txt';
const BYTES = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../../../../packages/iptables/fixtures/', FIXTURE),
);
const report = fixtureReport(FIXTURE);

// `raw` as the API serves it: each such byte as U+DC00 + byte (JSON's \udcXX).
const detail = fixtureDetail(report, decodeDump(BYTES, FIXTURE).text, {
  namespace: 'kube-system',
  name: 'odd',
  context: 'ctx',
});

describe('the raw export', () => {
  it('writes the bytes the gateway printed, a Latin-1 comment byte as that byte', async () => {
    render(<ExportMenu detail={detail} filter="" graph={null} />);
    fireEvent.click(screen.getByTestId('export-raw'));
    const [download] = downloads;
    expect(download?.name).toMatch(/iptables-save\.txt$/);
    expect(Buffer.from(await download!.blob.arrayBuffer()).equals(BYTES)).toBe(true);
  });
});
