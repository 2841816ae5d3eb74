import type { InspectReport } from '@natscope/api';
import { useMemo } from 'react';
import { parseFilter, toggleFacet, type Facet } from '../../lib/filter-query.js';
import { facetRules } from './rule-filter.js';

const LABEL: Record<Facet, string> = {
  fip: 'FIP',
  dnat: 'DNAT',
  snat: 'SNAT',
  hairpin: 'hairpin',
  error: 'errors',
  warning: 'warnings',
};
const TITLE: Record<Facet, string> = {
  fip: 'Rules of floating IPs (1:1 NAT)',
  dnat: 'Rules of port forwards',
  snat: 'Rules of shared SNAT',
  hairpin: 'Hairpin SNAT rules',
  error: 'Rules an error diagnostic names',
  warning: 'Rules a warning names (e.g. shadowed: never matches)',
};
const ORDER: readonly Facet[] = ['fip', 'dnat', 'snat', 'hairpin', 'warning', 'error'];

/**
 * The rule facets above the graph, with their counts (as Argo CD's filter does): a click adds `is:<facet>` to the
 * filter (so the link keeps it), another takes it out. When the filter keeps nothing, says so and offers to clear it.
 */
export function RuleFacets({
  report,
  filter,
  matchCount,
  onFilter,
}: {
  report: InspectReport;
  filter: string;
  matchCount: number | null;
  onFilter: (filter: string) => void;
}) {
  // Counted as the page header counts them (mappings, diagnostics); the title says how many rules a click keeps.
  const counts = useMemo(() => {
    const rules = facetRules(report);
    return new Map(
      ORDER.map((f) => {
        const items =
          f === 'error' || f === 'warning'
            ? report.diagnostics.filter((d) => d.severity === f).length
            : report.mappings.filter((m) => m.kind === f).length;
        return [f, { items, rules: rules.get(f)?.size ?? 0 }];
      }),
    );
  }, [report]);
  const active = useMemo(
    () => new Set(parseFilter(filter).terms.flatMap((t) => (t.kind === 'facet' ? [t.facet] : []))),
    [filter],
  );
  return (
    <div className="facets" role="group" aria-label="Rule facets">
      {ORDER.map((facet) => {
        const { items: count, rules } = counts.get(facet) ?? { items: 0, rules: 0 };
        if (count === 0 && !active.has(facet) && facet === 'hairpin') return null;
        return (
          <button
            key={facet}
            type="button"
            className={`facet facet--${facet}${count === 0 ? ' facet--zero' : ''}`}
            aria-pressed={active.has(facet)}
            title={`${TITLE[facet]}: ${rules} rule${rules === 1 ? '' : 's'}`}
            data-testid={`facet-${facet}`}
            onClick={() => onFilter(toggleFacet(filter, facet))}
          >
            {LABEL[facet]} <span className="facet__count">{count}</span>
          </button>
        );
      })}
      {matchCount === 0 && (
        <span className="facets__none" role="status">
          No rule matches <code>{filter}</code>.{' '}
          <button type="button" className="btn btn--small" data-testid="filter-clear" onClick={() => onFilter('')}>
            Clear the filter
          </button>
        </span>
      )}
    </div>
  );
}
