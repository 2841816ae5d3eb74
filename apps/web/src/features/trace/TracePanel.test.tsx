import type { TraceRequest } from '@natscope/api';
import { parse } from '@natscope/iptables';
import { trace } from '@natscope/natgw';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureReport } from '../../../test/fixture-report.js';
import { EMPTY_TRACE, type TraceFields } from '../../lib/trace-link.js';
import { PRESETS_LISTED, TracePanel, type TraceState } from './TracePanel.js';
import { TracePathStyle } from './TracePathStyle.js';
import { decidingRules, tracedChains, tracedRules } from './trace-path.js';
import { OUTSIDE, tracePresets } from './trace-presets.js';

afterEach(cleanup);

const FIXTURE = 's5-tenant-v116-legacy.txt';
const FILE = join(dirname(fileURLToPath(import.meta.url)), '../../../../../packages/iptables/fixtures/', FIXTURE);
const report = fixtureReport(FIXTURE);
const hairpin: TraceRequest = {
  inInterface: 'eth0',
  protocol: 'tcp',
  src: '10.0.1.7',
  dst: '192.168.100.10',
  sport: 40000,
  dport: 8080,
};
/** The real trace of a hairpin connection through the fixture (what the API would answer). */
const result = trace(parse(readFileSync(FILE, 'utf8'), { file: FIXTURE }), hairpin);
const fields: TraceFields = {
  ...EMPTY_TRACE,
  inInterface: 'eth0',
  src: '10.0.1.7',
  dst: '192.168.100.10',
  sport: '40000',
  dport: '8080',
};

function panel(
  props: { fields?: TraceFields | null; trace?: TraceState | null; reveal?: number },
  onTrace = vi.fn(),
  onSelectRule = vi.fn(),
) {
  return (
    <TracePanel
      mappings={report.mappings}
      fields={props.fields === undefined ? fields : props.fields}
      trace={props.trace === undefined ? { result, error: null, loading: false } : props.trace}
      onTrace={onTrace}
      onSelectRule={onSelectRule}
      reveal={props.reveal ?? 0}
    />
  );
}

function renderPanel(props: { fields?: TraceFields | null; trace?: TraceState | null } = {}) {
  const onTrace = vi.fn();
  const onSelectRule = vi.fn();
  render(panel(props, onTrace, onSelectRule));
  return { onTrace, onSelectRule };
}

describe('the trace panel', () => {
  it('shows the verdict, the rewrites, the assumptions and every step', () => {
    renderPanel();
    expect(screen.getByTestId('trace-verdict').textContent).toBe(
      'DNAT to 10.0.1.30:80 in SHARED_DNAT rule 2; SNAT to 192.168.100.10 in HAIRPIN_SNAT rule 1; leaves by eth0',
    );
    expect(screen.getByText(/\(inferred\)/)).toBeTruthy();
    expect(screen.getByText(/NEW,DNAT with original destination 192\.168\.100\.10/)).toBeTruthy();
    // The deciding steps first: every step but the rules evaluated and missed, each under its own number.
    const deciding = result.steps.flatMap((s, i) => (s.result === 'skipped' ? [] : [`trace-step-${i}`]));
    expect(deciding.length).toBeLessThan(result.steps.length);
    expect(screen.getAllByTestId(/^trace-step-/).map((e) => e.dataset.testid)).toEqual(deciding);
    fireEvent.click(screen.getByTestId('trace-all-steps'));
    expect(screen.getAllByTestId(/^trace-step-/)).toHaveLength(result.steps.length);
    expect(screen.getAllByText('missed').length).toBe(result.steps.length - deciding.length);
  });

  it('badges the rules that rewrote the packet', () => {
    renderPanel();
    const n = result.steps.findIndex((s) => s.chain === 'SHARED_DNAT' && s.result === 'nat');
    expect(within(screen.getByTestId(`trace-step-${n}`)).getByText('rewrote the packet')).toBeTruthy();
  });

  it('opens a rule from its step', () => {
    const { onSelectRule } = renderPanel();
    const n = result.steps.findIndex((s) => s.chain === 'HAIRPIN_SNAT' && s.result === 'nat');
    fireEvent.click(within(screen.getByTestId(`trace-step-${n}`)).getByRole('button'));
    expect(onSelectRule).toHaveBeenCalledWith({ table: 'nat', chain: 'HAIRPIN_SNAT', index: 1 });
  });

  it('says what is wrong with the form instead of tracing', () => {
    const { onTrace } = renderPanel({ fields: null, trace: null });
    fireEvent.change(screen.getByRole('textbox', { name: 'Source' }), { target: { value: '10.0.1' } });
    fireEvent.click(screen.getByTestId('trace-submit'));
    expect(screen.getByRole('alert').textContent).toContain('Source must be an IPv4 address');
    expect(onTrace).not.toHaveBeenCalled();
  });

  it('fills the form from a mapping and traces it', () => {
    const { onTrace } = renderPanel({ fields: null, trace: null });
    const menu = screen.getByRole('combobox', { name: 'Start from a mapping' });
    const option = within(menu).getByRole('option', {
      name: /^DNAT tcp 192\.168\.100\.12:2222 → 10\.0\.2\.20:22: from outside$/,
    });
    fireEvent.change(menu, { target: { value: option.getAttribute('value') } });
    fireEvent.click(screen.getByTestId('trace-submit'));
    expect(onTrace).toHaveBeenCalledWith({
      ...EMPTY_TRACE,
      src: OUTSIDE,
      dst: '192.168.100.12',
      sport: '40000',
      dport: '2222',
    });
  });

  it('takes focus when a trace is started beside a mapping, and shows that packet in its form', () => {
    const { rerender } = render(panel({ fields: null, trace: null }));
    expect(document.activeElement).toBe(document.body);
    const outbound: TraceFields = {
      ...EMPTY_TRACE,
      inInterface: 'eth0',
      src: '10.0.1.5',
      dst: OUTSIDE,
      sport: '40000',
      dport: '443',
    };
    rerender(panel({ fields: outbound, trace: { result: undefined, error: null, loading: true }, reveal: 1 }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Packet trace' }));
    expect((screen.getByRole('textbox', { name: 'Source' }) as HTMLInputElement).value).toBe('10.0.1.5');
    expect((screen.getByRole('combobox', { name: 'Arrives on' }) as HTMLInputElement).value).toBe('eth0');
  });

  it('shows why a trace failed', () => {
    renderPanel({
      trace: { result: undefined, error: new Error('query parameter src: must be an IPv4 address'), loading: false },
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'The trace failed: query parameter src: must be an IPv4 address',
    );
  });
});

describe('the traced path', () => {
  it('lights the rules the packet took and nothing it skipped', () => {
    const lit = tracedRules(result)!.map((r) => `${r.table}/${r.chain}/${r.index}`);
    expect(lit).toContain('mangle/VPC_MARK/1');
    expect(lit).toContain('nat/SHARED_DNAT/2');
    expect(lit).toContain('nat/HAIRPIN_SNAT/1');
    expect(lit).not.toContain('nat/SHARED_DNAT/1'); // skipped: another EIP
    expect(tracedRules(undefined)).toBeNull();
  });

  it('frames the rules that rewrote the packet, the DNAT first', () => {
    expect(decidingRules(result)!.map((r) => `${r.chain}/${r.index}`)).toEqual(['SHARED_DNAT/2', 'HAIRPIN_SNAT/1']);
    expect(decidingRules(undefined)).toBeNull();
  });

  it('dims the chains the packet never entered', () => {
    expect(tracedChains(result).has('routing/decision')).toBe(false);
    render(<TracePathStyle result={result} />);
    const css = screen.getByTestId('trace-path-style').textContent ?? '';
    expect(css).toContain(':not([data-id="nat/HAIRPIN_SNAT"])');
    // By colour, not opacity: faded text must still read at 4.5:1.
    expect(css).toContain('color: var(--muted)');
    expect(css).not.toContain('opacity');
  });
});

describe('trace presets', () => {
  it('offers each port forward from outside and from the VPC, each floating IP both ways, each SNAT subnet', () => {
    const labels = tracePresets(report.mappings).map((p) => p.label);
    expect(labels).toContain('DNAT tcp 192.168.100.10:8080 → 10.0.1.30:80: from 10.0.1.2 in the VPC (hairpin)');
    expect(labels).toContain('FIP 192.168.100.11 ⇄ 10.0.1.5: 10.0.1.5 to outside');
    expect(labels).toContain('SNAT 10.0.2.0/24 → 192.168.100.10: 10.0.2.2 to outside');
  });
});

describe('the mapping menu of a busy gateway', () => {
  // 150 floating IPs: each is two presets (from outside, from inside), far more than the menu lists.
  const many = Array.from({ length: 150 }, (_, i) => ({
    kind: 'fip' as const,
    eip: `172.16.0.${i + 1}`,
    internalIp: `10.0.0.${i + 1}`,
    rules: [],
    counters: { packets: 0, bytes: 0 },
  }));

  function renderMany(onTrace = vi.fn()) {
    render(
      <TracePanel mappings={many} fields={null} trace={null} onTrace={onTrace} onSelectRule={vi.fn()} reveal={0} />,
    );
    return onTrace;
  }

  it(`lists the first ${PRESETS_LISTED} and says how many there are`, () => {
    renderMany();
    const menu = screen.getByRole('combobox', { name: 'Start from a mapping' });
    const options = within(menu).getAllByRole('option');
    expect(options).toHaveLength(PRESETS_LISTED + 1);
    expect(options[0]?.textContent).toBe(`choose… (first ${PRESETS_LISTED} of ${tracePresets(many).length})`);
  });

  it('lists what the search keeps, and a choice from it fills the form', () => {
    const onTrace = renderMany();
    fireEvent.change(screen.getByTestId('trace-preset-find'), { target: { value: '172.16.0.149' } });
    const menu = screen.getByRole('combobox', { name: 'Start from a mapping' });
    const options = within(menu).getAllByRole('option').slice(1);
    expect(options.length).toBeGreaterThan(0);
    expect(options.every((o) => o.textContent?.includes('172.16.0.149'))).toBe(true);
    fireEvent.change(menu, { target: { value: options[0]?.getAttribute('value') } });
    fireEvent.click(screen.getByTestId('trace-submit'));
    expect(onTrace).toHaveBeenCalledWith(expect.objectContaining({ dst: '172.16.0.149' }));
  });
});
