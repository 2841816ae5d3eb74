import type { GatewayDetail, RuleRef } from '@natscope/api';
import { escapeNonUtf8 } from '@natscope/iptables';
import { chainGraph } from '@natscope/natgw';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTheme } from '../../app/theme.js';
import { EmptyState } from '../../lib/EmptyState.js';
import { FilterField, FilterProblems } from '../../lib/FilterField.js';
import { parseFilter } from '../../lib/filter-query.js';
import { useNow } from '../../lib/use-now.js';
import {
  formatRuleKey,
  GATEWAY_VIEWS,
  type GatewayView,
  type GatewayViewState,
  type RuleKey,
} from '../../lib/url-state.js';
import { DesiredView } from '../desired/DesiredView.js';
import { ruleDrift } from '../desired/rule-drift.js';
import { ExportMenu } from '../export/ExportMenu.js';
import { ChainFlow, type GraphHandle } from '../graph/ChainFlow.js';
import type { ChangeMarks } from '../history/change-marks.js';
import { TracePanel } from '../trace/TracePanel.js';
import { TracePathStyle } from '../trace/TracePathStyle.js';
import { decidingRules, tracedRules } from '../trace/trace-path.js';
import { useGatewayTrace } from '../trace/trace-query.js';
import { presetContext } from '../trace/trace-presets.js';
import type { TraceFields } from '../../lib/trace-link.js';
import { BackendWarnings } from './BackendWarnings.js';
import { GatewayHeader } from './GatewayHeader.js';
import { DiagnosticsPanel } from './DiagnosticsPanel.js';
import { diagnosticRoleLines, diagnosticRoles } from './diagnostic-roles.js';
import { EipTable } from './EipTable.js';
import { findRule, mappingsByRule } from './find-rule.js';
import { RawView } from './RawView.js';
import { SkipLinks } from './SkipLinks.js';
import { useSidePanel } from './use-side-panel.js';
import { ruleFlags } from './rule-diagnostics.js';
import { RuleDetails } from './RuleDetails.js';
import { matchRules } from './rule-filter.js';
import { RuleFacets } from './RuleFacets.js';

const VIEW_LABEL: Record<GatewayView, string> = {
  graph: 'Flow graph',
  eips: 'EIP table',
  raw: 'Raw dump',
  desired: 'Desired vs actual',
  diff: 'Changes',
};
const NO_RULES: readonly RuleRef[] = [];

/**
 * One gateway's reading on screen: header, views (flow graph, EIP table, raw dump, desired vs actual), filter, exports
 * and the side panel (rule details, diagnostics, packet trace). The live gateway page and a dump opened in the browser
 * (`/open`) both show a reading through it; where its traces come from is the TraceSource around it.
 */
export function GatewayReading({
  detail,
  state,
  update,
  updatedAt,
  refreshError,
  offline = false,
  history = null,
  diffView = null,
  changes = null,
}: {
  detail: GatewayDetail;
  state: GatewayViewState;
  update: (patch: Partial<GatewayViewState>, push?: boolean) => void;
  updatedAt: number;
  refreshError: string | null;
  /** A reading opened in the browser (a dump or a bundle, `/open`): no live pod to choose, no refresh. */
  offline?: boolean;
  /** The gateway's timeline (and the "as of" banner when the page is the past), under the header. */
  history?: ReactNode;
  /** The diff view (`view=diff`); without one (no history, a dump opened in the browser) there is no Changes tab. */
  diffView?: ReactNode;
  /** A diff shown on the graph: added rows tagged, removed rules struck through. */
  changes?: ChangeMarks | null;
}) {
  const theme = useTheme().effective;
  const [graphHandle, setGraphHandle] = useState<GraphHandle | null>(null);
  const side = useSidePanel();
  const now = useNow();
  const report = detail.report;
  const views: readonly GatewayView[] = diffView ? GATEWAY_VIEWS : GATEWAY_VIEWS.filter((v) => v !== 'diff');
  const view: GatewayView = views.includes(state.view) ? state.view : 'graph';

  const filter = useMemo(() => parseFilter(state.filter), [state.filter]);
  const matches = useMemo(() => (report ? matchRules(report, filter.terms) : null), [report, filter.terms]);
  const graph = useMemo(() => (report ? chainGraph(report.tables) : null), [report]);
  const flags = useMemo(() => ruleFlags(report?.diagnostics ?? []), [report]);
  const mappings = useMemo(() => mappingsByRule(report?.mappings ?? []), [report]);
  const drifts = useMemo(() => ruleDrift(detail.drift), [detail.drift]);
  // Bytes that are not UTF-8 (U+DC00 + byte in `raw`) read as \xNN in the raw view and rule details; raw.txt keeps them.
  const rawLines = useMemo(() => escapeNonUtf8(detail.raw).split('\n'), [detail.raw]);
  const presets = useMemo(() => presetContext(report?.mappings ?? []), [report]);
  const selectedDiagnostic = state.diagnostic !== null ? (report?.diagnostics[state.diagnostic] ?? null) : null;
  const roles = useMemo(() => diagnosticRoles(selectedDiagnostic), [selectedDiagnostic]);
  const roleLines = useMemo(() => diagnosticRoleLines(selectedDiagnostic), [selectedDiagnostic]);
  const traced = useGatewayTrace(detail.namespace, detail.name, state.pod, state.trace ?? null);
  const traceResult = traced.query?.data;
  const tracePath = useMemo(() => tracedRules(traceResult), [traceResult]);
  const traceFocus = useMemo(() => decidingRules(traceResult), [traceResult]);
  const traceRewrote = useMemo(
    () => traceResult?.nat.map((n) => ({ table: n.table, chain: n.chain, index: n.index, line: n.line })) ?? null,
    [traceResult],
  );
  // A chosen diagnostic's rules win over the trace's path; otherwise the path is lit.
  const highlighted = selectedDiagnostic?.rules ?? tracePath ?? NO_RULES;

  const matchCount = useMemo(() => (matches ? [...matches.values()].reduce((n, s) => n + s.size, 0) : null), [matches]);
  const matchingKeys = useMemo(() => {
    if (!matches) return null;
    const keys = new Set<string>();
    for (const [node, indexes] of matches) for (const i of indexes) keys.add(`${node}/${i}`);
    return keys;
  }, [matches]);

  // Each trace started beside a mapping bumps this, so the trace panel scrolls into view and takes focus.
  const [traceReveal, setTraceReveal] = useState(0);
  const { setOpen: setSideOpen } = side;
  const traceMapping = useCallback(
    (trace: TraceFields) => {
      update({ trace, diagnostic: null }, true);
      // The trace shows in the side panel: a collapsed one opens for it.
      setSideOpen(true);
      setTraceReveal((n) => n + 1);
    },
    [update, setSideOpen],
  );

  const selectRule = useCallback(
    (rule: RuleKey) => {
      update({ rule: { table: rule.table, chain: rule.chain, index: rule.index } });
      // A rule's details are the side panel's first part: choosing one opens a collapsed panel.
      setSideOpen(true);
    },
    [update, setSideOpen],
  );
  const closeDetails = useCallback(() => {
    const key = state.rule;
    update({ rule: null });
    // Give focus back to the rule's row so keyboard users continue where they were.
    if (key)
      window.setTimeout(
        () =>
          document.querySelector<HTMLElement>(`[data-testid="rule-${key.table}-${key.chain}-${key.index}"]`)?.focus(),
        0,
      );
  }, [state.rule, update]);

  // A link that opens a rule's details opens the panel they are in, even where this browser keeps it collapsed.
  useEffect(() => {
    if (state.rule) setSideOpen(true);
  }, [state.rule, setSideOpen]);

  useEffect(() => {
    if (!state.rule) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeDetails();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [state.rule, closeDetails]);

  const age = detail.ageSeconds === null ? null : detail.ageSeconds + Math.max(0, (now - updatedAt) / 1000);
  const markedLines = useMemo(() => {
    const lines = new Set<number>();
    if (!report) return lines;
    for (const r of highlighted) lines.add(r.line);
    if (matches)
      for (const table of report.tables)
        for (const chain of table.chains) {
          const kept = matches.get(`${table.name}/${chain.name}`);
          for (const rule of chain.rules) if (kept?.has(rule.index)) lines.add(rule.line);
        }
    return lines;
  }, [report, highlighted, matches]);
  const selectedLine = report && state.rule ? (findRule(report, state.rule)?.rule.line ?? null) : null;

  // Diagnostics are what an engineer comes for, above the trace form; but a trace being shown (a link, a mapping's
  // Trace) is what was asked for just now, so its verdict comes first.
  const diagnosticsFirst = (report?.diagnostics.length ?? 0) > 0 && !state.trace;
  const diagnosticsPanel = report && (
    <DiagnosticsPanel
      diagnostics={report.diagnostics}
      selected={state.diagnostic}
      onSelect={(index) => update({ diagnostic: index })}
      onSelectRule={selectRule}
    />
  );
  return (
    <div className="gateway">
      {report && graph && (
        <SkipLinks
          targets={[
            { id: 'diagnostics-title', label: 'Skip to diagnostics' },
            { id: 'trace-title', label: 'Skip to the packet trace' },
          ]}
          onBeforeSkip={() => setSideOpen(true)}
        />
      )}
      <GatewayHeader
        detail={detail}
        ageSeconds={age}
        refreshError={refreshError}
        offline={offline}
        onChoosePod={(pod) => update({ pod, rule: null }, true)}
      />
      <BackendWarnings detail={detail} />
      {history}
      {!report || !graph ? (
        <EmptyState title="No reading of this gateway yet" tone={detail.error ? 'error' : 'info'}>
          <p>
            {detail.error
              ? 'natscope has not read this gateway successfully since it started; the cause is above.'
              : 'The server has not read this gateway yet; this page updates on its own.'}
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="toolbar">
            <div className="tabs" role="tablist" aria-label="View">
              {views.map((v) => (
                <button
                  key={v}
                  type="button"
                  role="tab"
                  aria-selected={view === v}
                  data-testid={`view-${v}`}
                  className={`tab ${view === v ? 'tab--active' : ''}`}
                  onClick={() => update({ view: v }, true)}
                >
                  {VIEW_LABEL[v]}
                </button>
              ))}
            </div>
            <FilterField
              label="Filter rules"
              placeholder="Filter: 203.0.113.12  10.0.1.0/24  port:22  eip:203.0.113.10  tcp  text…"
              value={state.filter}
              onChange={(filter) => update({ filter })}
              describedBy="rule-filter-status"
            />
            <span className="toolbar__meta" id="rule-filter-status" aria-live="polite">
              {matchCount === null
                ? `${report.stats.rules} rules in ${report.stats.chains} chains`
                : `${matchCount} of ${report.stats.rules} rules match`}
            </span>
            <span className="spacer" />
            <ExportMenu
              detail={detail}
              filter={state.filter}
              // The picture shows the trace's path unless a diagnostic's rules are lit instead (see `highlighted`).
              trace={traceResult && !selectedDiagnostic ? traceResult : null}
              graph={view === 'graph' ? graphHandle : null}
              bundleTrace={traceResult ?? null}
              onShowGraph={() => {
                const before = view;
                update({ view: 'graph' });
                return () => update({ view: before });
              }}
            />
            <button
              type="button"
              className="btn btn--small"
              aria-expanded={side.open}
              aria-controls="gateway-side"
              onClick={() => side.setOpen(!side.open)}
              data-testid="side-panel-toggle"
            >
              {side.open ? 'Hide side panel' : 'Show side panel'}
            </button>
          </div>
          <FilterProblems problems={filter.problems} />
          {(view === 'graph' || view === 'eips') && (
            <RuleFacets
              report={report}
              filter={state.filter}
              matchCount={matchCount}
              onFilter={(f) => update({ filter: f })}
            />
          )}
          <div className={side.open ? 'gateway__body' : 'gateway__body gateway__body--collapsed'}>
            <div className="gateway__main">
              {view === 'graph' && traceResult && !selectedDiagnostic && <TracePathStyle result={traceResult} />}
              {view === 'graph' &&
                (graph.nodes.length === 0 ? (
                  <EmptyState title="The dump has no chains" tone="warning">
                    <p>
                      The gateway printed no nat or mangle table. Either the command could not read iptables (see stderr
                      in the raw view), or the rules live in the other backend.
                    </p>
                  </EmptyState>
                ) : (
                  <ChainFlow
                    report={report}
                    graph={graph}
                    matches={matches}
                    selected={state.rule}
                    highlighted={highlighted}
                    focus={selectedDiagnostic ? null : traceFocus}
                    rewrote={selectedDiagnostic ? null : traceRewrote}
                    flags={flags}
                    roles={roles}
                    drift={drifts}
                    changes={changes}
                    colorMode={theme}
                    onSelectRule={selectRule}
                    onReady={setGraphHandle}
                  />
                ))}
              {view === 'eips' && (
                <EipTable
                  mappings={report.mappings}
                  diagnostics={report.diagnostics}
                  matchingRules={matchingKeys}
                  traced={state.trace ?? null}
                  onSelectRule={selectRule}
                  onTrace={traceMapping}
                />
              )}
              {view === 'desired' && (
                <DesiredView
                  drift={detail.drift}
                  selected={state.resource ?? null}
                  now={now}
                  fromFile={detail.source === 'file'}
                />
              )}
              {view === 'diff' && diffView}
              {view === 'raw' && (
                <RawView
                  lines={rawLines}
                  stderr={detail.source === 'file' ? null : detail.stderr}
                  selectedLine={selectedLine}
                  markedLines={markedLines}
                  roleLines={roleLines}
                />
              )}
            </div>
            {/* The side panel: rule details, then the diagnostics an engineer came for (when there are any) above the
                packet trace (its path is lit through ChainFlow's `highlighted` prop, as a diagnostic's rules are). */}
            <aside id="gateway-side" className="gateway__side" aria-label="Details" hidden={!side.open}>
              {state.rule && (
                <RuleDetails
                  report={report}
                  rawLines={rawLines}
                  ruleKey={state.rule}
                  flags={flags}
                  mappings={mappings}
                  drift={state.rule ? drifts.get(formatRuleKey(state.rule)) : undefined}
                  presets={presets}
                  traced={state.trace ?? null}
                  onClose={closeDetails}
                  onSelectRule={selectRule}
                  onSelectDiagnostic={(index) => update({ diagnostic: index })}
                  onTrace={traceMapping}
                />
              )}
              {diagnosticsFirst && diagnosticsPanel}
              <TracePanel
                mappings={report.mappings}
                fields={state.trace ?? null}
                trace={
                  traced.query
                    ? { result: traceResult, error: traced.query.error, loading: traced.query.isFetching }
                    : null
                }
                onTrace={(trace) => update({ trace, diagnostic: null }, true)}
                onSelectRule={selectRule}
                reveal={traceReveal}
              />
              {!diagnosticsFirst && diagnosticsPanel}
            </aside>
          </div>
        </>
      )}
    </div>
  );
}
