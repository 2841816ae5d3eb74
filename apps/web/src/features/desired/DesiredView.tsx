import type { PodDrift } from '@natscope/api';
import { useMemo } from 'react';
import { DriftBadge } from '../../lib/DriftBadge.js';
import { formatAge } from '../../lib/format.js';
import type { ResourceKey } from '../../lib/url-state.js';
import { DriftFindingItem } from './DriftFindingItem.js';
import { driftSections, type IndexedFinding } from './drift-sections.js';
import { FindingsAtAGlance } from './FindingsAtAGlance.js';
import { ResourceTable } from './ResourceTable.js';
import './desired.css';

const STATUS_TEXT = { 'in-sync': 'In sync', drifted: 'Drifted', unknown: 'Unknown' } as const;

function countBySeverity(drift: PodDrift) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of drift.drifts) counts[f.severity] += 1;
  return counts;
}

// The box's edge in the colour of the worst finding, as the badge is.
function worstClass(counts: ReturnType<typeof countBySeverity>): string {
  const worst = counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : counts.info > 0 ? 'info' : null;
  return worst ? `desired-status--sev-${worst}` : '';
}

function ListedAt({ listedAt, now, fromFile }: { listedAt: string | null; now: number; fromFile: boolean }) {
  if (listedAt === null)
    return (
      <span className="muted">
        {fromFile ? 'No file of kubeovn.io objects is open yet.' : 'The kubeovn.io objects have not been listed yet.'}
      </span>
    );
  const at = Date.parse(listedAt);
  const age = Number.isNaN(at) ? null : Math.max(0, (now - at) / 1000);
  return (
    <span className="muted">
      {fromFile ? 'Objects read from their file' : 'Objects listed'}{' '}
      <time dateTime={listedAt}>{Number.isNaN(at) ? listedAt : new Date(at).toLocaleString()}</time>
      {age !== null && <> ({formatAge(age)})</>}
    </span>
  );
}

function FindingSection({
  id,
  title,
  help,
  findings,
}: {
  id: string;
  title: string;
  help: string;
  findings: readonly IndexedFinding[];
}) {
  return (
    <section className="desired-section" aria-labelledby={id}>
      <h2 id={id} className="desired-section__title">
        {title} <span className="muted">({findings.length})</span>
      </h2>
      <p className="desired-section__help">{help}</p>
      {findings.length > 0 && (
        <ul className="drift-findings">
          {findings.map(({ index, finding }) => (
            <DriftFindingItem key={index} index={index} finding={finding} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * `view=desired`: the pod's kubeovn.io objects beside the rules it holds (Argo CD's live-vs-desired, for NAT rules).
 * The status and why at the top with when the objects were listed; a table per kind; then the rules no object owns.
 * An unknown comparison says why in full, preformatted (the reason may carry the RBAC YAML to apply).
 */
export function DesiredView({
  drift,
  selected,
  now,
  fromFile = false,
}: {
  drift: PodDrift;
  selected: ResourceKey | null;
  now: number;
  /** The objects came from a file opened with a dump (`/open`), not from a listing of the cluster. */
  fromFile?: boolean;
}) {
  // Keyed on the rows and findings, not the whole comparison: each listing brings a new `listedAt`, and TanStack
  // Query keeps the unchanged arrays as they were, so the tables (memoised) are not drawn again for a new time.
  const { resources, drifts } = drift;
  const sections = useMemo(() => driftSections({ resources, drifts }), [resources, drifts]);
  const counts = useMemo(() => countBySeverity(drift), [drift]);
  return (
    <div className="desired-view" data-testid="desired-view">
      <section
        className={`desired-status desired-status--${drift.status} ${worstClass(counts)}`}
        aria-labelledby="desired-status-title"
      >
        <h2 id="desired-status-title" className="desired-status__title">
          Desired vs actual: {STATUS_TEXT[drift.status]} <DriftBadge status={drift.status} counts={counts} />
        </h2>
        <p className="desired-status__meta">
          <ListedAt listedAt={drift.listedAt} now={now} fromFile={fromFile} />
        </p>
        {drift.status === 'unknown' && (
          <div className="desired-status__reason">
            <p>The objects and the rules could not be compared:</p>
            <pre className="drift-reason-text">{drift.reason ?? 'the server gave no reason'}</pre>
          </div>
        )}
        {drift.status !== 'unknown' && drift.reason && <p>{drift.reason}</p>}
        <FindingsAtAGlance drifts={drift.drifts} />
        {drift.status === 'in-sync' && (
          <p>
            Every object's rules are in the gateway as its generation of nat-gateway.sh writes them, and no rule in a
            Kube-OVN chain is left over.
          </p>
        )}
      </section>
      {/* Nothing was compared: empty tables would read as "this gateway has no objects", which is not known. */}
      {(drift.status !== 'unknown' || drift.resources.length > 0) &&
        sections.kinds.map(({ kind, rows }) => (
          <ResourceTable
            key={kind}
            kind={kind}
            rows={rows}
            drifts={drifts}
            selectedName={selected?.kind === kind ? selected.name : null}
          />
        ))}
      {(drift.status !== 'unknown' || sections.orphaned.length > 0) && (
        <FindingSection
          id="orphaned-rules-title"
          title="Rules no object owns"
          help="Rules in the Kube-OVN chains that no kubeovn.io object of this gateway accounts for: left over after an object was deleted or changed, or added by hand."
          findings={sections.orphaned}
        />
      )}
      {sections.unplaced.length > 0 && (
        <FindingSection
          id="other-findings-title"
          title="Other findings"
          help="Findings about an object the listing did not include."
          findings={sections.unplaced}
        />
      )}
    </div>
  );
}
