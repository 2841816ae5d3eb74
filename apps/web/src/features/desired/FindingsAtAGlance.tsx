import type { DriftFinding } from '@natscope/api';
import { Link } from 'react-router';
import { useViewLink } from '../../lib/use-view-link.js';
import { RuleLinks } from './RuleLinks.js';

// Enough for every planted case and a bad day; a gateway with thousands of findings lists the rest in its tables.
const SHOWN = 20;
const ORDER = ['error', 'warning', 'info'] as const;

/**
 * The findings in one line each, worst first, at the top of the desired view: a gateway of hundreds of objects keeps
 * its few drifted ones far down its tables. Each names its object as a link that brings the object's row into view,
 * or, for a rule no object owns, its rules as links to the graph. The whole finding is in the row (`drift-<index>`).
 */
export function FindingsAtAGlance({ drifts }: { drifts: readonly DriftFinding[] }) {
  const link = useViewLink();
  if (drifts.length === 0) return null;
  const ordered = ORDER.flatMap((severity) =>
    drifts.flatMap((finding, index) => (finding.severity === severity ? [{ finding, index }] : [])),
  );
  return (
    <>
      <h3 className="desired-status__subtitle">Findings</h3>
      <ul className="findings-glance">
        {ordered.slice(0, SHOWN).map(({ finding, index }) => (
          <li key={index} className="findings-glance__item">
            <span className={`badge badge--sev-${finding.severity}`}>{finding.severity}</span>
            <code className="diagnostic__code">{finding.code}</code>
            {finding.resource ? (
              <Link className="owner-link" to={link({ resource: finding.resource })}>
                {finding.resource.kind} {finding.resource.name}
              </Link>
            ) : (
              <>
                <span className="muted">no object:</span> <RuleLinks rules={finding.rules} />
              </>
            )}
          </li>
        ))}
      </ul>
      {ordered.length > SHOWN && <p className="muted">and {ordered.length - SHOWN} more, under their objects below.</p>}
    </>
  );
}
