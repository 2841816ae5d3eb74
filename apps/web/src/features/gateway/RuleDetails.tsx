import { escapeNonUtf8 } from '@natscope/iptables';
import type { DecodedRule, InspectReport, Mapping } from '@natscope/api';
import { useEffect, useRef } from 'react';
import { formatBytes, formatCount, formatRate } from '../../lib/format.js';
import type { TraceFields } from '../../lib/trace-link.js';
import { formatRuleKey, type RuleKey } from '../../lib/url-state.js';
import type { RuleDrift } from '../desired/rule-drift.js';
import { RuleOwners } from '../desired/RuleOwners.js';
import { TraceMappingButtons } from '../trace/TraceMappingButtons.js';
import { mappingPresets, type PresetContext } from '../trace/trace-presets.js';
import { DIAGNOSTIC_HELP } from './diagnostic-help.js';
import { RuleRefLinks } from './DiagnosticsPanel.js';
import { describeMapping, findRule } from './find-rule.js';
import type { RuleFlag } from './rule-diagnostics.js';

type Option = DecodedRule['unknown'][number];

function optionText(o: Option): string {
  // Escaped: an operator's comment may hold bytes that are not UTF-8 (shown `\xe9` as in the rule's text).
  return escapeNonUtf8(`${o.negated ? '! ' : ''}${o.flag}${o.args.length ? ` ${o.args.join(' ')}` : ''}`);
}

function Decoded({ decoded }: { decoded: DecodedRule }) {
  const generic: [string, { value: string; negated: boolean } | null][] = [
    ['source', decoded.source],
    ['destination', decoded.destination],
    ['protocol', decoded.protocol],
    ['in interface', decoded.inInterface],
    ['out interface', decoded.outInterface],
  ];
  return (
    <dl className="decoded">
      {generic
        .filter(([, v]) => v !== null)
        .map(([label, v]) => (
          <div key={label} className="decoded__item">
            <dt>{label}</dt>
            <dd>
              <code>
                {v?.negated ? 'not ' : ''}
                {v && escapeNonUtf8(v.value)}
              </code>
            </dd>
          </div>
        ))}
      {decoded.fragment && (
        <div className="decoded__item">
          <dt>fragment</dt>
          <dd>{decoded.fragment.negated ? 'not a fragment' : 'fragments only'}</dd>
        </div>
      )}
      {decoded.matches.map((m, i) => (
        <div key={`${m.module}-${i}`} className="decoded__item">
          <dt>
            -m {m.module}
            {m.implicit ? ' (implicit)' : ''}
          </dt>
          <dd>
            <code>{m.options.map(optionText).join(' ') || '—'}</code>
          </dd>
        </div>
      ))}
      <div className="decoded__item decoded__item--target">
        <dt>target</dt>
        <dd>
          {decoded.target ? (
            <code>
              {decoded.target.kind === 'goto' ? '-g' : '-j'} {escapeNonUtf8(decoded.target.name)}{' '}
              {decoded.target.options.map(optionText).join(' ')}
            </code>
          ) : (
            <span className="muted">none (counts only)</span>
          )}
        </dd>
      </div>
      {decoded.unknown.length > 0 && (
        <div className="decoded__item">
          <dt>not understood</dt>
          <dd>
            <code>{decoded.unknown.map(optionText).join(' ')}</code>
          </dd>
        </div>
      )}
    </dl>
  );
}

/**
 * Everything about one rule: the raw line with its number, decoded matches and target, counters and rate, the
 * mappings it belongs to (each with Trace buttons for a packet through it), the kubeovn.io objects that own it, and
 * each diagnostic naming it with what it means. Escape or the close button closes it.
 */
export function RuleDetails({
  report,
  rawLines,
  ruleKey,
  flags,
  mappings,
  drift,
  presets,
  traced = null,
  onClose,
  onSelectRule,
  onSelectDiagnostic,
  onTrace,
}: {
  report: InspectReport;
  rawLines: readonly string[];
  ruleKey: RuleKey;
  flags: ReadonlyMap<string, RuleFlag>;
  mappings: ReadonlyMap<string, Mapping[]>;
  /** What the desired-state comparison says about this rule: its owners and findings (none when it says nothing). */
  drift?: RuleDrift;
  presets: PresetContext;
  /** The trace the page shows, so its mapping's button reads as pressed. */
  traced?: TraceFields | null;
  onClose: () => void;
  onSelectRule: (key: RuleKey) => void;
  onSelectDiagnostic: (index: number) => void;
  onTrace: (fields: TraceFields) => void;
}) {
  const found = findRule(report, ruleKey);
  const heading = useRef<HTMLHeadingElement>(null);
  const keyText = formatRuleKey(ruleKey);
  useEffect(() => {
    heading.current?.focus();
  }, [keyText]);

  if (!found) {
    return (
      <section className="panel rule-details" aria-labelledby="rule-details-title" data-testid="rule-details">
        <div className="panel__head">
          <h2 id="rule-details-title" className="panel__title" tabIndex={-1} ref={heading}>
            Rule {keyText}
          </h2>
          <button type="button" className="btn btn--small" onClick={onClose} aria-label="Close rule details">
            ✕
          </button>
        </div>
        <p className="panel__empty">
          This reading has no rule {ruleKey.index} in {ruleKey.table} {escapeNonUtf8(ruleKey.chain)}. The link may
          predate a change to the gateway's rules, or name another pod of an HA gateway.
        </p>
      </section>
    );
  }
  const { rule, chain } = found;
  const flag = flags.get(keyText);
  const raw = rawLines[rule.line - 1] ?? rule.text;
  const ruleMappings = mappings.get(keyText) ?? [];
  return (
    <section className="panel rule-details" aria-labelledby="rule-details-title" data-testid="rule-details">
      <div className="panel__head">
        <h2 id="rule-details-title" className="panel__title" tabIndex={-1} ref={heading}>
          {escapeNonUtf8(chain.name)}{' '}
          <span className="muted">
            rule {rule.index} of {chain.rules.length} · {ruleKey.table}
          </span>
        </h2>
        <button type="button" className="btn btn--small" onClick={onClose} aria-label="Close rule details (Escape)">
          ✕
        </button>
      </div>
      <p className="rule-details__summary">{rule.summary}</p>
      <figure className="rule-details__raw">
        <figcaption>line {rule.line}</figcaption>
        <pre>{raw}</pre>
      </figure>
      <h3 className="panel__subtitle">Counters</h3>
      {rule.counters ? (
        <p className="rule-details__counters">
          <strong>{formatCount(rule.counters.packets)}</strong> packets ({rule.counters.packets.toLocaleString('en-US')}
          ) · <strong>{formatBytes(rule.counters.bytes)}</strong>
          {rule.rate && (
            <>
              {' '}
              · now {formatRate(rule.rate.packetsPerSecond, ' pkt/s') || '0 pkt/s'},{' '}
              {formatBytes(Math.round(rule.rate.bytesPerSecond))}/s
            </>
          )}
          <br />
          <span className="muted">nat rules count connections (the first packet of each), not every packet.</span>
        </p>
      ) : (
        <p className="muted">This dump has no counters (it was not saved with -c).</p>
      )}
      <h3 className="panel__subtitle">Matches and target</h3>
      <Decoded decoded={rule.decoded} />
      {rule.jump && (
        <p>
          Jumps to <code>{escapeNonUtf8(rule.jump)}</code>.
        </p>
      )}
      {ruleMappings.length > 0 && (
        <>
          <h3 className="panel__subtitle">Mapping</h3>
          <ul className="rule-details__mappings">
            {ruleMappings.map((m, i) => (
              <li key={i}>
                <span className="mono">{describeMapping(m)}</span>{' '}
                <span className="muted">{formatCount(m.counters.packets)} pkts</span>
                <RuleRefLinks rules={m.rules} onSelectRule={onSelectRule} />
                <TraceMappingButtons presets={mappingPresets(m, presets)} traced={traced} onTrace={onTrace} />
              </li>
            ))}
          </ul>
        </>
      )}
      <RuleOwners drift={drift} />
      {flag && (
        <>
          <h3 className="panel__subtitle">Diagnostics</h3>
          <ul className="rule-details__diagnostics">
            {flag.diagnostics.map(({ index, diagnostic }) => (
              <li key={index} className={`diagnostic diagnostic--${diagnostic.severity}`}>
                <button
                  type="button"
                  className="diagnostic__button"
                  onClick={() => onSelectDiagnostic(index)}
                  title="Highlight its rules"
                >
                  <span className={`badge badge--sev-${diagnostic.severity}`}>{diagnostic.severity}</span>
                  <code className="diagnostic__code">{diagnostic.code}</code>
                  <span className="diagnostic__message">{diagnostic.message}</span>
                </button>
                <p className="diagnostic__help">{DIAGNOSTIC_HELP[diagnostic.code]}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
