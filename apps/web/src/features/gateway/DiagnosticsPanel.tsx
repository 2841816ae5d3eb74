import type { Diagnostic, RuleRef } from '@natscope/api';
import { formatRuleKey, type RuleKey } from '../../lib/url-state.js';
import { DIAGNOSTIC_HELP } from './diagnostic-help.js';
import { diagnosticRoles, ROLE_TEXT, type RuleRole } from './diagnostic-roles.js';
import './gateway.css';

const ORDER = ['error', 'warning', 'info'] as const;

/** Rule references as small buttons that select the rule; with roles, each says its part ("never matches: …"). */
export function RuleRefLinks({
  rules,
  roles,
  onSelectRule,
}: {
  rules: readonly RuleRef[];
  roles?: ReadonlyMap<string, RuleRole>;
  onSelectRule: (key: RuleKey) => void;
}) {
  return (
    <span className="rule-refs">
      {rules.map((r) => {
        const role = roles?.get(formatRuleKey(r));
        return (
          <button
            key={`${r.table}/${r.chain}/${r.index}`}
            type="button"
            className={role ? `rule-ref rule-ref--${role.kind}` : 'rule-ref'}
            onClick={(e) => {
              e.stopPropagation();
              onSelectRule(r);
            }}
            title={`Open ${r.table} ${r.chain} rule ${r.index}`}
          >
            {role && <span className="rule-ref__role">{ROLE_TEXT[role.kind]}:</span>} {r.chain} #{r.index}{' '}
            <span className="muted">l.{r.line}</span>
          </button>
        );
      })}
    </span>
  );
}

/** Every diagnostic, worst first; choosing one highlights its rules in the graph. */
export function DiagnosticsPanel({
  diagnostics,
  selected,
  onSelect,
  onSelectRule,
}: {
  diagnostics: readonly Diagnostic[];
  selected: number | null;
  onSelect: (index: number | null) => void;
  onSelectRule: (key: RuleKey) => void;
}) {
  if (diagnostics.length === 0) {
    return (
      <section className="panel" aria-labelledby="diagnostics-title">
        <h2 id="diagnostics-title" className="panel__title" tabIndex={-1}>
          Diagnostics
        </h2>
        <p className="panel__empty">
          No findings: the gateway is initialised, every floating IP has both halves, no rule is shadowed or duplicated,
          and SNAT and hairpin rules look as Kube-OVN writes them.
        </p>
      </section>
    );
  }
  const indexed = diagnostics.map((diagnostic, index) => ({ diagnostic, index }));
  return (
    <section className="panel" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title" className="panel__title" tabIndex={-1}>
        Diagnostics <span className="muted">({diagnostics.length})</span>
      </h2>
      <ul className="diagnostics">
        {ORDER.flatMap((severity) =>
          indexed
            .filter((d) => d.diagnostic.severity === severity)
            .map(({ diagnostic, index }) => (
              <li
                key={index}
                className={`diagnostic diagnostic--${severity} ${selected === index ? 'diagnostic--selected' : ''}`}
              >
                <button
                  type="button"
                  className="diagnostic__button"
                  aria-pressed={selected === index}
                  data-testid={`diagnostic-${index}`}
                  onClick={() => onSelect(selected === index ? null : index)}
                  title={DIAGNOSTIC_HELP[diagnostic.code]}
                >
                  <span className={`badge badge--sev-${severity}`}>{severity}</span>
                  <code className="diagnostic__code">{diagnostic.code}</code>
                  <span className="diagnostic__message">{diagnostic.message}</span>
                </button>
                {diagnostic.rules.length > 0 && (
                  <RuleRefLinks
                    rules={diagnostic.rules}
                    roles={diagnosticRoles(diagnostic)}
                    onSelectRule={onSelectRule}
                  />
                )}
              </li>
            )),
        )}
      </ul>
    </section>
  );
}
