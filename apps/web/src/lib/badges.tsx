import type { GatewaySummary } from '@natscope/api';
import { conditionParts } from './condition.js';

/** The backend a gateway's rules live in: legacy or nft, as its own script chose. */
export function BackendBadge({ backend }: { backend: GatewaySummary['backend'] }) {
  return (
    <span
      className={`badge badge--backend-${backend}`}
      title={backend === 'unknown' ? 'backend not known yet' : `iptables-${backend}`}
    >
      {backend}
    </span>
  );
}

/**
 * A gateway's condition: a badge in the tone of the worse of its reading and its health ("broken" for a gateway
 * read fine that translates nothing), with the rest of the server's headline beside it: the cause, the drift.
 */
export function ConditionBadge({ gateway }: { gateway: Pick<GatewaySummary, 'reading' | 'health' | 'headline'> }) {
  const { tone, word, rest } = conditionParts(gateway);
  return (
    <span className="condition" data-reading={gateway.reading} data-health={gateway.health} title={gateway.headline}>
      <span className={`badge badge--condition badge--status-${tone}`}>{word}</span>
      {rest && <span className="condition__rest">{rest}</span>}
    </span>
  );
}

/** Diagnostic counts by severity; zero counts are dimmed so problems stand out. */
export function SeverityCounts({ counts }: { counts: GatewaySummary['diagnostics'] }) {
  const parts = (['error', 'warning', 'info'] as const).map((severity) => (
    <span
      key={severity}
      className={`sev-count sev-count--${severity} ${counts[severity] === 0 ? 'sev-count--zero' : ''}`}
      title={`${counts[severity]} ${severity}${counts[severity] === 1 ? '' : 's'}`}
    >
      {counts[severity]}
      <span className="sev-count__label">{severity[0]}</span>
    </span>
  ));
  return (
    <span
      className="sev-counts"
      aria-label={`${counts.error} errors, ${counts.warning} warnings, ${counts.info} infos`}
    >
      {parts}
    </span>
  );
}
