import type { DriftFinding, KubeCondition, ResourceFields, ResourceRow } from '@natscope/api';
import { memo, useEffect, useRef } from 'react';
import { DriftFindingItem } from './DriftFindingItem.js';
import { RuleLinks } from './RuleLinks.js';
import { YamlDisclosure } from './YamlDisclosure.js';

const FIELD_LABEL: Record<keyof ResourceFields, string> = {
  gateway: 'gateway',
  eipName: 'EIP object',
  eip: 'EIP',
  internalIp: 'internal IP',
  protocol: 'protocol',
  externalPort: 'external port',
  internalPort: 'internal port',
  internalCidr: 'internal CIDR',
};
const FIELD_ORDER = Object.keys(FIELD_LABEL) as (keyof ResourceFields)[];

function Fields({ fields }: { fields: ResourceFields }) {
  const shown = FIELD_ORDER.filter((f) => fields[f] !== null && fields[f] !== undefined);
  if (shown.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="resource-fields">
      {shown.map((f) => (
        <div key={f} className="resource-fields__item">
          <dt>{FIELD_LABEL[f]}</dt>
          <dd className="mono">{String(fields[f])}</dd>
        </div>
      ))}
    </dl>
  );
}

function Conditions({ conditions }: { conditions: readonly KubeCondition[] }) {
  if (conditions.length === 0) return null;
  return (
    <ul className="resource-conditions">
      {conditions.map((c, i) => (
        <li key={`${c.type}-${i}`}>
          <span className="mono">
            {c.type}={c.status}
          </span>
          {c.reason && <> ({c.reason})</>}
          {c.message && <>: {c.message}</>}
        </li>
      ))}
    </ul>
  );
}

/** The rules an object owns as links to the graph, and "missing" when the comparison says some are not there. */
function OwnedRules({ row, drifts }: { row: ResourceRow; drifts: readonly DriftFinding[] }) {
  const missing = row.findings.some((i) => drifts[i]?.code === 'rule-missing');
  // An object not ready was not programmed (or not yet): it holds no rule, and the comparison expects none.
  if (row.rules.length === 0 && !missing)
    return <span className="muted">{row.ready ? 'none expected' : 'none (not ready)'}</span>;
  return (
    <span className="owned-rules">
      {row.rules.length > 0 && <RuleLinks rules={row.rules} />}
      {missing && <span className="drift-tag drift-tag--missing">missing</span>}
    </span>
  );
}

function ResourceRows({
  row,
  drifts,
  selected,
}: {
  row: ResourceRow;
  drifts: readonly DriftFinding[];
  selected: boolean;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  // A link from a rule's details names this object: bring it into view and give it focus, so keyboard and screen
  // reader users land on it too.
  useEffect(() => {
    if (!selected || !body.current) return;
    body.current.scrollIntoView?.({ block: 'center' });
    body.current.focus({ preventScroll: true });
  }, [selected]);
  const findings = row.findings.flatMap((index) => {
    const finding = drifts[index];
    return finding ? [{ index, finding }] : [];
  });
  const worst =
    findings.find((f) => f.finding.severity === 'error') ??
    findings.find((f) => f.finding.severity === 'warning') ??
    findings[0];
  const hasDetails = findings.length > 0 || row.notes.length > 0 || row.yaml !== undefined;
  return (
    <tbody
      ref={body}
      className={`resource-rows ${selected ? 'resource-rows--selected' : ''} ${worst ? `resource-rows--${worst.finding.severity}` : ''}`}
      data-testid={`resource-${row.kind}-${row.name}`}
      tabIndex={selected ? -1 : undefined}
    >
      <tr>
        <th scope="row" className="resource-rows__name mono">
          {row.name}
        </th>
        <td>
          <span className={row.ready ? 'ready ready--yes' : 'ready ready--no'}>
            {row.ready ? 'ready' : 'not ready'}
          </span>
          <Conditions conditions={row.conditions} />
        </td>
        <td>
          <Fields fields={row.fields} />
        </td>
        <td>
          <OwnedRules row={row} drifts={drifts} />
        </td>
        <td>
          {findings.length === 0 ? (
            <span className="in-sync-text">as desired</span>
          ) : (
            `${findings.length} finding${findings.length === 1 ? '' : 's'}`
          )}
        </td>
      </tr>
      {hasDetails && (
        <tr className="resource-rows__details">
          <td colSpan={5}>
            {findings.length > 0 && (
              <ul className="drift-findings">
                {findings.map(({ index, finding }) => (
                  <DriftFindingItem key={index} index={index} finding={finding} />
                ))}
              </ul>
            )}
            {row.notes.length > 0 && (
              <ul className="resource-notes">
                {row.notes.map((note, i) => (
                  <li key={i}>
                    <span className="resource-notes__label">note</span> {note}
                  </li>
                ))}
              </ul>
            )}
            <YamlDisclosure yaml={row.yaml} kind={row.kind} name={row.name} />
          </td>
        </tr>
      )}
    </tbody>
  );
}

/**
 * One kind's objects (`<h2>` and a table): each object (`data-testid="resource-<kind>-<name>"`) with ready and its
 * conditions, the fields the comparison wanted, the rules it owns as links to the graph (or "missing"), and below it
 * its findings in full, its notes and its YAML. Memoised: the gateway page draws again every second (its ages) and
 * on every poll, and a big gateway has ~200 objects whose rows need not be redrawn for either.
 */
export const ResourceTable = memo(function ResourceTable({
  kind,
  rows,
  drifts,
  selectedName,
}: {
  kind: string;
  rows: readonly ResourceRow[];
  drifts: readonly DriftFinding[];
  /** The name of this kind's object a link brought into view, if any (a string, so the memo holds across renders). */
  selectedName: string | null;
}) {
  const id = `resources-${kind}`;
  return (
    <section className="desired-section" aria-labelledby={id}>
      <h2 id={id} className="desired-section__title">
        {kind} <span className="muted">({rows.length})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="panel__empty">No {kind} of this gateway was listed.</p>
      ) : (
        <table className="resource-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Ready</th>
              <th scope="col">Desired</th>
              <th scope="col">Rules in the gateway</th>
              <th scope="col">Findings</th>
            </tr>
          </thead>
          {rows.map((row) => (
            <ResourceRows key={row.name} row={row} drifts={drifts} selected={selectedName === row.name} />
          ))}
        </table>
      )}
    </section>
  );
});
