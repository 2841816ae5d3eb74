import type { Mapping, TraceResult, TraceStep } from '@natscope/api';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { RuleKey } from '../../lib/url-state.js';
import { EMPTY_TRACE, traceProblems, type TraceFields } from '../../lib/trace-link.js';
import { isDecidingStep } from './trace-path.js';
import { tracePresets, type TracePreset } from './trace-presets.js';
import { tupleText } from './trace-text.js';
import './trace.css';

/** What the panel shows of the running trace: its result, or why there is none yet. */
export interface TraceState {
  result: TraceResult | undefined;
  error: Error | null;
  loading: boolean;
}

/** Props of the trace panel. */
export interface TracePanelProps {
  mappings: readonly Mapping[];
  /** The trace in the page's link, or null. */
  fields: TraceFields | null;
  trace: TraceState | null;
  /** Puts a trace into the page's link (null clears it). */
  onTrace: (fields: TraceFields | null) => void;
  onSelectRule: (key: RuleKey) => void;
  /** Changes each time a trace is started elsewhere (a mapping's Trace button): the panel scrolls into view and takes focus. */
  reveal?: number;
}

/**
 * The packet trace on the gateway page: a form for the first packet of a connection, then the verdict, the
 * packet as it leaves, each NAT rewrite, what the simulation assumed and every step with its reason. The trace
 * lives in the page's link; its path is lit on the graph.
 */
export function TracePanel({ mappings, fields, trace, onTrace, onSelectRule, reveal = 0 }: TracePanelProps) {
  // Re-mount the form when the link's trace changes (back/forward, a preset), so it shows what is traced.
  const formKey = fields ? JSON.stringify(fields) : 'none';
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Scroll when asked and again when that trace's result arrives (the panel grows then), so the verdict is in view.
  const revealing = useRef(false);
  useEffect(() => {
    if (reveal === 0) return;
    revealing.current = true;
    section.current?.scrollIntoView?.({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [reveal]);
  const arrived = trace?.result ?? trace?.error ?? null;
  useEffect(() => {
    if (!revealing.current || !arrived) return;
    revealing.current = false;
    section.current?.scrollIntoView?.({ block: 'start' });
  }, [arrived]);
  return (
    <section className="panel trace" aria-labelledby="trace-title" ref={section} data-testid="trace-panel">
      <h2 id="trace-title" className="panel__title" tabIndex={-1} ref={heading}>
        Packet trace
      </h2>
      <TraceForm
        key={formKey}
        mappings={mappings}
        initial={fields ?? EMPTY_TRACE}
        traced={fields !== null}
        onTrace={onTrace}
      />
      {fields && trace && <TraceOutcome trace={trace} onSelectRule={onSelectRule} />}
    </section>
  );
}

const PROTOCOLS = ['tcp', 'udp', 'icmp'];

/**
 * Options the mapping menu lists at most. A busy gateway has tens of thousands of presets (25,587 for a generated
 * 20,000-rule dump): as options they were 25,000 DOM nodes and ~150 ms of every render of the page, and no one
 * scrolls such a list. Above this, the menu lists what a search box keeps.
 */
export const PRESETS_LISTED = 100;

function PresetChoice({ presets, onChoose }: { presets: readonly TracePreset[]; onChoose: (p: TracePreset) => void }) {
  const [search, setSearch] = useState('');
  const searching = presets.length > PRESETS_LISTED;
  const { listed, matched } = useMemo(() => {
    const indexed = presets.map((preset, index) => ({ preset, index }));
    if (!searching) return { listed: indexed, matched: indexed.length };
    const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const kept = indexed.filter(({ preset }) => words.every((w) => preset.label.toLowerCase().includes(w)));
    return { listed: kept.slice(0, PRESETS_LISTED), matched: kept.length };
  }, [presets, search, searching]);
  const total = presets.length.toLocaleString('en-US');
  return (
    <div className="trace__preset">
      {searching && (
        <label className="field">
          <span>Search mappings</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="EIP, internal IP or port"
            spellCheck={false}
            autoComplete="off"
            data-testid="trace-preset-find"
          />
        </label>
      )}
      <label className="field">
        <span>Start from a mapping</span>
        <select
          value=""
          onChange={(e) => {
            const preset = presets[Number(e.target.value)];
            if (preset) onChoose(preset);
          }}
        >
          <option value="">
            {!searching
              ? 'choose…'
              : matched > listed.length
                ? `choose… (first ${listed.length} of ${matched.toLocaleString('en-US')}${search.trim() ? ` matching, ${total} in all` : ''})`
                : `choose… (${matched} of ${total})`}
          </option>
          {listed.map(({ preset, index }) => (
            <option key={preset.label} value={index}>
              {preset.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function TraceForm({
  mappings,
  initial,
  traced,
  onTrace,
}: {
  mappings: readonly Mapping[];
  initial: TraceFields;
  traced: boolean;
  onTrace: (fields: TraceFields | null) => void;
}) {
  const [fields, setFields] = useState<TraceFields>(initial);
  const [problems, setProblems] = useState<string[]>(() => (traced ? traceProblems(initial) : []));
  const presets = useMemo(() => tracePresets(mappings), [mappings]);
  const set = (field: keyof TraceFields) => (event: { target: { value: string } }) =>
    setFields((old) => ({ ...old, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = traceProblems(fields);
    setProblems(found);
    if (found.length === 0) onTrace(fields);
  };

  const input = (field: keyof TraceFields, label: string, placeholder: string, size = 15) => (
    <label className="field trace__field">
      <span>{label}</span>
      <input
        value={fields[field]}
        onChange={set(field)}
        placeholder={placeholder}
        size={size}
        spellCheck={false}
        autoComplete="off"
        name={field}
      />
    </label>
  );

  return (
    <form className="trace__form" onSubmit={submit} data-testid="trace-form" aria-describedby="trace-help" noValidate>
      <p id="trace-help" className="trace__help">
        Follows the first packet of a new connection through this reading's rules, without touching the gateway.
      </p>
      {presets.length > 0 && (
        <PresetChoice
          presets={presets}
          onChoose={(preset) => {
            setFields(preset.fields);
            setProblems([]);
          }}
        />
      )}
      <div className="trace__row">
        {input('src', 'Source', 'e.g. 203.0.113.7')}
        {input('sport', 'port', 'any', 5)}
      </div>
      <div className="trace__row">
        {input('dst', 'Destination', 'e.g. 192.168.100.12')}
        {input('dport', 'port', 'any', 5)}
      </div>
      <div className="trace__row">
        <label className="field trace__field">
          <span>Protocol</span>
          <select value={fields.protocol} onChange={set('protocol')} name="protocol">
            {PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="field trace__field">
          <span>Arrives on</span>
          <input
            value={fields.inInterface}
            onChange={set('inInterface')}
            list="trace-interfaces"
            size={6}
            name="inInterface"
            spellCheck={false}
          />
        </label>
        {input('outInterface', 'Leaves by', 'infer', 6)}
        {input('mark', 'Mark', 'none', 6)}
        <datalist id="trace-interfaces">
          <option value="net1">from outside</option>
          <option value="eth0">from the VPC</option>
        </datalist>
      </div>
      {problems.length > 0 && (
        <ul className="trace__problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="trace__actions">
        <button type="submit" className="btn" data-testid="trace-submit">
          Trace
        </button>
        {traced && (
          <button type="button" className="btn btn--link" onClick={() => onTrace(null)}>
            clear trace
          </button>
        )}
      </div>
    </form>
  );
}

const FATE: Record<TraceResult['fate'], string> = {
  forwarded: 'forwarded',
  local: 'for the gateway itself',
  dropped: 'dropped',
};

function TraceOutcome({ trace, onSelectRule }: { trace: TraceState; onSelectRule: (key: RuleKey) => void }) {
  if (trace.loading && !trace.result)
    return (
      <p className="panel__empty" aria-live="polite">
        Tracing…
      </p>
    );
  if (trace.error) {
    return (
      <p className="trace__error" role="alert">
        The trace failed: {trace.error.message}
      </p>
    );
  }
  const result = trace.result;
  if (!result) return null;
  const { final } = result;
  return (
    <div className="trace__result">
      <p className={`trace__verdict trace__verdict--${result.fate}`} data-testid="trace-verdict" aria-live="polite">
        {result.verdict}
      </p>
      <p className="trace__final">
        <span className={`badge trace__fate trace__fate--${result.fate}`}>{FATE[result.fate]}</span> {tupleText(final)}
        {result.fate === 'forwarded' && (
          <>
            {' '}
            by <strong>{final.outInterface}</strong>
            {result.outInterfaceInferred && <span className="muted"> (inferred)</span>}
          </>
        )}
      </p>
      {result.nat.length > 0 && (
        <>
          <h3 className="panel__subtitle">Rewrites</h3>
          <ul className="trace__nat">
            {result.nat.map((n) => (
              <li key={`${n.chain}/${n.index}`}>
                <button type="button" className="rule-ref" onClick={() => onSelectRule(n)}>
                  {n.kind} · {n.chain} #{n.index}
                </button>
                <div className="trace__tuple">{tupleText(n.before)}</div>
                <div className="trace__tuple">⇒ {tupleText(n.after)}</div>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="panel__subtitle">Assumed</h3>
      <ul className="trace__assumptions">
        {result.assumptions.map((a) => (
          <li key={a}>{a}</li>
        ))}
      </ul>
      <TraceSteps result={result} onSelectRule={onSelectRule} />
    </div>
  );
}

/**
 * The steps, the deciding ones first: a busy gateway's trace is mostly rules evaluated and missed (97 steps, 90 of
 * them port forwards of other EIPs), which hid the few that matched. "All steps" shows every one, misses drawn apart.
 */
function TraceSteps({ result, onSelectRule }: { result: TraceResult; onSelectRule: (key: RuleKey) => void }) {
  const [all, setAll] = useState(false);
  const deciding = result.steps.filter(isDecidingStep).length;
  const missed = result.steps.length - deciding;
  const rewrote = new Set(result.nat.map((n) => `${n.table}/${n.chain}/${n.index}`));
  return (
    <div className="trace__steps-box">
      <div className="trace__steps-head">
        <h3 className="panel__subtitle">
          {all ? `All steps (${result.steps.length})` : `Deciding steps (${deciding})`}
        </h3>
        {missed > 0 && (
          <button
            type="button"
            className="btn btn--small"
            aria-pressed={all}
            data-testid="trace-all-steps"
            onClick={() => setAll((a) => !a)}
          >
            {all ? 'deciding steps only' : `all steps (+${missed} missed)`}
          </button>
        )}
      </div>
      <ol className="trace__steps">
        {result.steps.map((step, i) =>
          all || isDecidingStep(step) ? (
            <StepItem
              key={i}
              step={step}
              n={i}
              rewrote={step.index !== null && rewrote.has(`${step.table}/${step.chain}/${step.index}`)}
              onSelectRule={onSelectRule}
            />
          ) : null,
        )}
      </ol>
    </div>
  );
}

// A step's word: a rule evaluated and missed says so, instead of the engine's "skipped".
const STEP_WORD: Partial<Record<TraceStep['result'], string>> = { skipped: 'missed' };

function StepItem({
  step,
  n,
  rewrote,
  onSelectRule,
}: {
  step: TraceStep;
  n: number;
  rewrote: boolean;
  onSelectRule: (key: RuleKey) => void;
}) {
  const where = `${step.table} ${step.chain}`;
  return (
    <li
      className={`trace-step trace-step--${step.result}${rewrote ? ' trace-step--rewrote' : ''}`}
      data-testid={`trace-step-${n}`}
    >
      <span className="trace-step__result">{STEP_WORD[step.result] ?? step.result}</span>
      {rewrote && <span className="badge badge--rewrote">rewrote the packet</span>}
      {step.index !== null ? (
        <button
          type="button"
          className="rule-ref"
          onClick={() => onSelectRule({ table: step.table, chain: step.chain, index: step.index! })}
          title={`Open ${where} rule ${step.index}`}
        >
          {where} #{step.index}
        </button>
      ) : (
        <span className="trace-step__where">{where}</span>
      )}
      <span className="trace-step__reason">{step.reason}</span>
    </li>
  );
}
