import type { RuleRef } from '@natscope/api';
import { Link } from 'react-router';
import { useViewLink } from '../../lib/use-view-link.js';

/**
 * Rules as links that open each on the flow graph, selected (the graph centres on a selected rule when it opens).
 * The diagnostic and the object the page had chosen are let go, so the graph frames the rule and not their rules.
 */
export function RuleLinks({ rules }: { rules: readonly RuleRef[] }) {
  const link = useViewLink();
  return (
    <span className="rule-links">
      {rules.map((r) => (
        <Link
          key={`${r.table}/${r.chain}/${r.index}`}
          className="rule-link"
          to={link({
            view: 'graph',
            rule: { table: r.table, chain: r.chain, index: r.index },
            diagnostic: null,
            resource: null,
          })}
          data-rule={`${r.table}/${r.chain}/${r.index}`}
        >
          <span className="rule-link__rule">
            <span className="visually-hidden">Open {r.table} </span>
            {r.chain} #{r.index}
            <span className="visually-hidden"> on the graph</span>
          </span>{' '}
          <span className="rule-link__line">l.{r.line}</span>
        </Link>
      ))}
    </span>
  );
}
