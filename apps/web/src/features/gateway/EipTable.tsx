import type { Diagnostic, Mapping, RuleRef } from '@natscope/api';
import { useMemo, useState, type ReactNode } from 'react';
import { EmptyState } from '../../lib/EmptyState.js';
import { formatBytes, formatCount } from '../../lib/format.js';
import type { TraceFields } from '../../lib/trace-link.js';
import { formatRuleKey, type RuleKey } from '../../lib/url-state.js';
import { TraceMappingButtons } from '../trace/TraceMappingButtons.js';
import { mappingPresets, presetContext, type PresetContext } from '../trace/trace-presets.js';
import { eipRows, sortEipRows, type EipRow, type EipSort } from './eip-rows.js';

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

function MappingButton({ rules, onSelectRule, children }: { rules: RuleRef[]; onSelectRule: (key: RuleKey) => void; children: ReactNode }) {
  const first = rules[0];
  if (!first) return <span>{children}</span>;
  return (
    <button type="button" className="mapping-link" onClick={() => onSelectRule(first)} title={`Open ${first.chain} rule ${first.index} (line ${first.line})`}>
      {children}
    </button>
  );
}

/** A mapping's Trace buttons in a table cell: only the packets of its own direction (the hairpin column has the rest). */
function TraceCell({ mapping, context, traced, onTrace }: { mapping: Mapping; context: PresetContext; traced: TraceFields | null; onTrace: (fields: TraceFields) => void }) {
  return <TraceMappingButtons compact presets={mappingPresets(mapping, context).filter((p) => p.primary)} traced={traced} onTrace={onTrace} />;
}

/**
 * The same data as the graph, one row per EIP: the accessible, sortable and printable view. Each mapping has Trace
 * buttons that trace a packet through it.
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
    const kept = matchingRules ? all.filter((row) => rowRules(row).some((r) => matchingRules.has(formatRuleKey(r)))) : all;
    return sortEipRows(kept, sort.by, sort.descending);
  }, [all, matchingRules, sort]);

  if (all.length === 0) {
    return (
      <EmptyState title="No EIP mappings">
        <p>
          This gateway has no floating IP, port forward, SNAT or hairpin rule in its Kube-OVN chains. A fresh gateway looks like this until
          IptablesEIP / IptablesFIPRule / IptablesDnatRule / IptablesSnatRule resources are created for it.
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
              <th key={c.sort} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sort.by === c.sort ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button
                  type="button"
                  className="th-sort"
                  onClick={() => setSort((s) => ({ by: c.sort, descending: s.by === c.sort ? !s.descending : c.numeric === true }))}
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
          {rows.map((row) => (
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
                    <TraceCell mapping={row.fip.mapping} context={context} traced={traced} onTrace={onTrace} />
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
                      {p.protocol} :{p.externalPort} → {p.internalIp}:{p.internalPort} <span className="muted">{formatCount(p.counters.packets)}</span>
                    </MappingButton>
                    <TraceCell mapping={p.mapping} context={context} traced={traced} onTrace={onTrace} />
                  </div>
                ))}
              </td>
              <td className="mono">
                {row.snatSources.length === 0 && <span className="muted">—</span>}
                {row.snatSources.map((s) => (
                  <div key={`${s.internalCidr}/${s.rules[0]?.index ?? 0}`}>
                    <MappingButton rules={s.rules} onSelectRule={onSelectRule}>
                      {s.internalCidr}
                      {s.outInterface ? ` -o ${s.outInterface}` : ''} <span className="muted">{formatCount(s.counters.packets)}</span>
                    </MappingButton>
                    <TraceCell mapping={s.mapping} context={context} traced={traced} onTrace={onTrace} />
                  </div>
                ))}
              </td>
              <td>
                {row.hairpin ? (
                  <>
                    <MappingButton rules={row.hairpin.rules} onSelectRule={onSelectRule}>
                      yes <span className="muted">{formatCount(row.hairpin.counters.packets)}</span>
                    </MappingButton>
                    <TraceCell mapping={row.hairpin.mapping} context={context} traced={traced} onTrace={onTrace} />
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
                  <span key={i} className={`badge badge--sev-${d.severity}`} title={d.message}>
                    {d.code}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="panel__empty">No EIP has a rule that matches the filter.</p>}
    </div>
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
