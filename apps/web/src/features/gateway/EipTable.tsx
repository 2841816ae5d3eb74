import type { Diagnostic, Mapping, RuleRef } from '@natscope/api';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { EmptyState } from '../../lib/EmptyState.js';
import { formatBytes, formatCount } from '../../lib/format.js';
import type { TraceFields } from '../../lib/trace-link.js';
import { formatRuleKey, type RuleKey } from '../../lib/url-state.js';
import { mappingPresets, presetContext, type PresetContext } from '../trace/trace-presets.js';
import { eipRows, sortEipRows, type EipRow, type EipSort } from './eip-rows.js';
import { shadowPhrase } from './shadow-phrase.js';
import { TraceMenu } from './TraceMenu.js';

/**
 * Rows drawn at first. A busy gateway has thousands of EIPs (6,289 in a generated 20,000-rule dump): drawing them all
 * cost ~1 s on switching to the table and ~0.5 s on every filter keystroke (removing rows). The filter is the way to
 * a row; "Show all" and printing draw every row.
 */
export const EIP_ROWS_SHOWN = 200;

const COLUMNS: { sort: EipSort; label: string; numeric?: boolean }[] = [
  { sort: 'eip', label: 'EIP' },
  { sort: 'fip', label: 'Floating IP' },
  { sort: 'portForwards', label: 'Port forwards' },
  { sort: 'snatSources', label: 'SNAT sources' },
  { sort: 'hairpin', label: 'Hairpin' },
  { sort: 'packets', label: 'Packets', numeric: true },
  { sort: 'bytes', label: 'Bytes', numeric: true },
  { sort: 'diagnostics', label: 'Diagnostics' },
];

function MappingButton({
  rules,
  onSelectRule,
  children,
}: {
  rules: RuleRef[];
  onSelectRule: (key: RuleKey) => void;
  children: ReactNode;
}) {
  const first = rules[0];
  if (!first) return <span>{children}</span>;
  return (
    <button
      type="button"
      className="mapping-link"
      onClick={() => onSelectRule(first)}
      title={`Open ${first.chain} rule ${first.index} (line ${first.line})`}
    >
      {children}
    </button>
  );
}

/** A cell's one "Trace ▾": the packets of its mappings' own direction (the hairpin column has the rest). */
function TraceCell({
  what,
  eip,
  mappings,
  context,
  traced,
  onTrace,
}: {
  what: string;
  eip: string;
  mappings: readonly Mapping[];
  context: PresetContext;
  traced: TraceFields | null;
  onTrace: (fields: TraceFields) => void;
}) {
  const presets = mappings.flatMap((m) => mappingPresets(m, context).filter((p) => p.primary));
  return <TraceMenu label={`Trace ${what} of ${eip}`} presets={presets} traced={traced} onTrace={onTrace} />;
}

/**
 * The same data as the graph, one row per EIP: the accessible, sortable and printable view. Each cell of mappings has
 * a "Trace ▾" that traces a packet through one of them.
 */
export function EipTable({
  mappings,
  diagnostics,
  matchingRules,
  traced = null,
  onSelectRule,
  onTrace,
}: {
  mappings: readonly Mapping[];
  diagnostics: readonly Diagnostic[];
  /** Rule keys the filter keeps; null without a filter. */
  matchingRules: ReadonlySet<string> | null;
  /** The trace the page shows, so its mapping's button reads as pressed. */
  traced?: TraceFields | null;
  onSelectRule: (key: RuleKey) => void;
  onTrace: (fields: TraceFields) => void;
}) {
  const [sort, setSort] = useState<{ by: EipSort; descending: boolean }>({ by: 'eip', descending: false });
  const all = useMemo(() => eipRows(mappings, diagnostics), [mappings, diagnostics]);
  const context = useMemo(() => presetContext(mappings), [mappings]);
  const rows = useMemo(() => {
    const kept = matchingRules
      ? all.filter((row) => rowRules(row).some((r) => matchingRules.has(formatRuleKey(r))))
      : all;
    return sortEipRows(kept, sort.by, sort.descending);
  }, [all, matchingRules, sort]);
  const [showAll, setShowAll] = useState(false);
  // A printed table (an incident review's) has every row, whatever was drawn on screen.
  useEffect(() => {
    const beforePrint = () => flushSync(() => setShowAll(true));
    window.addEventListener('beforeprint', beforePrint);
    return () => window.removeEventListener('beforeprint', beforePrint);
  }, []);
  const shown = showAll ? rows : rows.slice(0, EIP_ROWS_SHOWN);

  if (all.length === 0) {
    return (
      <EmptyState title="No EIP mappings">
        <p>
          This gateway has no floating IP, port forward, SNAT or hairpin rule in its Kube-OVN chains. A fresh gateway
          looks like this until IptablesEIP / IptablesFIPRule / IptablesDnatRule / IptablesSnatRule resources are
          created for it.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="eip-table-wrap">
      <table className="eip-table">
        <caption className="visually-hidden">EIP mappings, {rows.length} EIPs</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.sort}
                scope="col"
                className={c.numeric ? 'num' : undefined}
                aria-sort={sort.by === c.sort ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="th-sort"
                  onClick={() =>
                    setSort((s) => ({ by: c.sort, descending: s.by === c.sort ? !s.descending : c.numeric === true }))
                  }
                >
                  {c.label}
                  <span className="th-sort__arrow" aria-hidden="true">
                    {sort.by === c.sort ? (sort.descending ? '▾' : '▴') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.eip} data-testid={`eip-${row.eip}`}>
              <th scope="row" className="mono">
                {row.eip}
              </th>
              <td className="mono">
                {row.fip ? (
                  <>
                    <MappingButton rules={row.fip.rules} onSelectRule={onSelectRule}>
                      ⇄ {row.fip.internalIp} <span className="muted">{formatCount(row.fip.counters.packets)}</span>
                    </MappingButton>
                    <TraceCell
                      what="the floating IP"
                      eip={row.eip}
                      mappings={[row.fip.mapping]}
                      context={context}
                      traced={traced}
                      onTrace={onTrace}
                    />
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="mono">
                {row.portForwards.length === 0 && <span className="muted">—</span>}
                {row.portForwards.map((p) => (
                  <div key={`${p.protocol}/${p.externalPort}/${p.internalIp}`}>
                    <MappingButton rules={p.rules} onSelectRule={onSelectRule}>
                      {p.protocol} :{p.externalPort} → {p.internalIp}:{p.internalPort}{' '}
                      <span className="muted">{formatCount(p.counters.packets)}</span>
                    </MappingButton>
                  </div>
                ))}
                <TraceCell
                  what="port forwards"
                  eip={row.eip}
                  mappings={row.portForwards.map((p) => p.mapping)}
                  context={context}
                  traced={traced}
                  onTrace={onTrace}
                />
              </td>
              <td className="mono">
                {row.snatSources.length === 0 && <span className="muted">—</span>}
                {row.snatSources.map((s) => (
                  <div key={`${s.internalCidr}/${s.rules[0]?.index ?? 0}`}>
                    <MappingButton rules={s.rules} onSelectRule={onSelectRule}>
                      {s.internalCidr}
                      {s.outInterface ? ` -o ${s.outInterface}` : ''}{' '}
                      <span className="muted">{formatCount(s.counters.packets)}</span>
                    </MappingButton>
                  </div>
                ))}
                <TraceCell
                  what="SNAT sources"
                  eip={row.eip}
                  mappings={row.snatSources.map((s) => s.mapping)}
                  context={context}
                  traced={traced}
                  onTrace={onTrace}
                />
              </td>
              <td>
                {row.hairpin ? (
                  <>
                    <MappingButton rules={row.hairpin.rules} onSelectRule={onSelectRule}>
                      yes <span className="muted">{formatCount(row.hairpin.counters.packets)}</span>
                    </MappingButton>
                    <TraceCell
                      what="hairpin"
                      eip={row.eip}
                      mappings={[row.hairpin.mapping]}
                      context={context}
                      traced={traced}
                      onTrace={onTrace}
                    />
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="num">{formatCount(row.counters.packets)}</td>
              <td className="num">{formatBytes(row.counters.bytes)}</td>
              <td>
                {row.diagnostics.length === 0 && <span className="muted">—</span>}
                {row.diagnostics.map((d, i) => (
                  <DiagnosticTag key={i} diagnostic={d} rules={rowRules(row)} />
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="panel__empty">No EIP has a rule that matches the filter.</p>}
      {shown.length < rows.length && (
        <p className="eip-table__more" role="status" data-testid="eip-more">
          Showing {shown.length} of {rows.length.toLocaleString('en-US')} EIPs (sorted by{' '}
          {COLUMNS.find((c) => c.sort === sort.by)?.label.toLowerCase()}). Filter to find one, or{' '}
          <button type="button" className="btn btn--small" data-testid="eip-show-all" onClick={() => setShowAll(true)}>
            Show all {rows.length.toLocaleString('en-US')}
          </button>
        </p>
      )}
    </div>
  );
}

/** A diagnostic of the row: its code, and in words which side of a shadowing the row's rules are on. */
function DiagnosticTag({ diagnostic, rules }: { diagnostic: Diagnostic; rules: readonly RuleRef[] }) {
  const phrase = shadowPhrase(diagnostic, rules);
  return (
    <span className="eip-diagnostic" title={diagnostic.message}>
      <span className={`badge badge--sev-${diagnostic.severity}`}>{diagnostic.code}</span>
      {phrase && <span className="eip-diagnostic__role">{phrase}</span>}
    </span>
  );
}

function rowRules(row: EipRow): RuleRef[] {
  return [
    ...(row.fip?.rules ?? []),
    ...row.portForwards.flatMap((p) => p.rules),
    ...row.snatSources.flatMap((s) => s.rules),
    ...(row.hairpin?.rules ?? []),
  ];
}
