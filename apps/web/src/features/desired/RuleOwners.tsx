import { Link } from 'react-router';
import { useViewLink } from '../../lib/use-view-link.js';
import type { RuleDrift } from './rule-drift.js';
import { YamlDisclosure } from './YamlDisclosure.js';
import './desired.css';

/** A link to an object's row in the desired view (the page's other state kept, so the rule stays selected beside it). */
function OwnerLink({ kind, name }: { kind: string; name: string }) {
  const link = useViewLink();
  return (
    // The name is an aria-label, not hidden text: the link is a flex box, and Chromium joins the names of flex items
    // with a space ("actual : IptablesEIP"), which jsdom does not, so the two would disagree on the link's name.
    <Link
      className="owner-link"
      to={link({ view: 'desired', resource: { kind, name } })}
      aria-label={`show in Desired vs actual: ${kind} ${name}`}
    >
      show in Desired vs actual
    </Link>
  );
}

/**
 * The rule details' desired state: the kubeovn.io objects that own the rule (kind, name, ready, a link to its row in
 * the desired view, its YAML), and what the comparison says about the rule. The findings carry no `drift-<index>`
 * here: that selector names the one place each finding is listed, the desired view.
 */
export function RuleOwners({ drift }: { drift: RuleDrift | undefined }) {
  if (!drift || (drift.owners.length === 0 && drift.findings.length === 0)) return null;
  return (
    <div className="rule-owners-block" data-testid="rule-owners">
      <h3 className="panel__subtitle">Desired state</h3>
      {drift.owners.length === 0 ? (
        <p>No kubeovn.io object owns this rule.</p>
      ) : (
        <ul className="rule-owners">
          {drift.owners.map((row) => (
            <li key={`${row.kind}/${row.name}`} className="rule-owner">
              <div className="rule-owner__head">
                <span className="rule-owner__kind">{row.kind}</span>
                <span className="rule-owner__name mono">{row.name}</span>
                <span className={row.ready ? 'ready ready--yes' : 'ready ready--no'}>
                  {row.ready ? 'ready' : 'not ready'}
                </span>
                <OwnerLink kind={row.kind} name={row.name} />
              </div>
              <YamlDisclosure yaml={row.yaml} kind={row.kind} name={row.name} />
            </li>
          ))}
        </ul>
      )}
      {drift.findings.length > 0 && (
        <ul className="rule-details__diagnostics">
          {drift.findings.map(({ index, finding }) => (
            <li key={index} className={`diagnostic diagnostic--${finding.severity}`}>
              <span className={`badge badge--sev-${finding.severity}`}>{finding.severity}</span>
              <code className="diagnostic__code">{finding.code}</code>
              <p className="drift-finding__message">{finding.message}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
