import type { ReportRule } from '@natscope/api';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { formatCount, formatRate } from '../../lib/format.js';
import { formatRuleKey } from '../../lib/url-state.js';
import type { RuleDriftMark } from '../desired/rule-drift.js';
import { roleDescription, type RuleRole } from '../gateway/diagnostic-roles.js';
import type { RuleFlag } from '../gateway/rule-diagnostics.js';
import type { ChainFlowNode } from './flow-model.js';
import { useGraphInteraction } from './graph-interaction.js';
import { FOOTER_HEIGHT, HEADER_HEIGHT, ROW_HEIGHT } from './node-size.js';

const ROLE_LABEL = { hook: 'hook', 'kube-ovn': 'kube-ovn', operator: 'operator' } as const;

const GEOMETRY = {
  '--row-height': `${ROW_HEIGHT}px`,
  '--header-height': `${HEADER_HEIGHT}px`,
  '--footer-height': `${FOOTER_HEIGHT}px`,
} as CSSProperties;

/** The tag a rule's row carries, and what it means (its title and part of the row's accessible name). */
const DRIFT_TAG: Record<RuleDriftMark, { text: string; means: string }> = {
  orphaned: { text: 'orphaned', means: 'no kubeovn.io object owns this rule' },
  differs: { text: 'differs', means: 'this rule is not what its kubeovn.io object wants' },
};

/** The words a screen reader says for a rule: its place, its mapping, its counters, any diagnostic, its desired state, its part in the chosen diagnostic. */
function ruleLabel(chain: string, rule: ReportRule, flag: RuleFlag | undefined, role: RuleRole | undefined, mark: RuleDriftMark | null): string {
  const parts = [`${chain} rule ${rule.index}: ${rule.summary}`];
  if (rule.counters) parts.push(`${rule.counters.packets} packets`);
  if (flag) parts.push(flag.diagnostics.map((d) => `${d.diagnostic.severity} ${d.diagnostic.code}`).join(', '));
  if (mark) parts.push(`${DRIFT_TAG[mark].text}: ${DRIFT_TAG[mark].means}`);
  // Last, so the part a chosen diagnostic gives the rule ends its label whatever else it says.
  if (role) parts.push(roleDescription(role));
  return parts.join('; ');
}

/** A chain drawn as a box of rule rows, in order; edges leave from the rows that jump. */
export const ChainNodeView = memo(function ChainNodeView({ data }: NodeProps<ChainFlowNode>) {
  const interaction = useGraphInteraction();
  const { chain, rows, total, filtered, jumpRows } = data;
  return (
    <div className={`chain-node chain-node--${chain.role}`} style={GEOMETRY}>
      <Handle type="target" position={Position.Left} id="in" className="chain-node__in" isConnectable={false} />
      <div className="chain-node__header">
        <div className="chain-node__title">
          <span className={`tag tag--table tag--table-${chain.table}`}>{chain.table}</span>
          <span className="chain-node__name">{chain.chain}</span>
          <span className={`tag tag--role-${chain.role}`}>{ROLE_LABEL[chain.role]}</span>
        </div>
        <div className="chain-node__meta">
          {chain.policy && <span>policy {chain.policy}</span>}
          <span>
            {total} rule{total === 1 ? '' : 's'}
          </span>
          {chain.counters && <span>{formatCount(chain.counters.packets)} pkts</span>}
          {chain.orphan && <span className="chain-node__orphan">nothing jumps here</span>}
        </div>
      </div>
      <ol className="chain-node__rows">
        {rows.items.map((item, i) =>
          item.kind === 'rule' ? (
            <RuleRow
              key={item.rule.index}
              table={chain.table}
              chain={chain.chain}
              rule={item.rule}
              dimmed={!item.matches}
              jumps={jumpRows.has(item.rule.index)}
            />
          ) : (
            <li key={`gap-${i}`} className="chain-node__gap">
              ⋯ {item.hidden} rule{item.hidden === 1 ? '' : 's'}
              {filtered ? (item.hiddenMatching > 0 ? ` (${item.hiddenMatching} matching)` : ' not matching') : ''}
            </li>
          ),
        )}
        {rows.items.length === 0 && (total > 0 || !chain.builtin) && (
          <li className="chain-node__empty">{total > 0 ? 'no rule matches the filter' : 'no rules: returns to the caller'}</li>
        )}
      </ol>
      {data.footer && (
        <div className="chain-node__footer">
          <span>
            {filtered ? `${rows.matching} of ${total} match` : `${total - rows.overLimit} of ${total} shown`}
          </span>
          {rows.overLimit > 0 && (
            <button type="button" className="btn btn--tiny" onClick={() => interaction.onShowMore(chain.id)}>
              show {Math.min(rows.overLimit, 200)} more
            </button>
          )}
          {data.canShowFewer && (
            <button type="button" className="btn btn--tiny" onClick={() => interaction.onShowFewer(chain.id)}>
              show fewer
            </button>
          )}
        </div>
      )}
    </div>
  );
});

function RuleRow({ table, chain, rule, dimmed, jumps }: { table: string; chain: string; rule: ReportRule; dimmed: boolean; jumps: boolean }) {
  const interaction = useGraphInteraction();
  const key = formatRuleKey({ table, chain, index: rule.index });
  const flag = interaction.flags.get(key);
  const role = interaction.roles.get(key);
  const mark = interaction.drift.get(key)?.mark ?? null;
  const classes = ['rule-row'];
  if (dimmed) classes.push('rule-row--dimmed');
  if (interaction.selected === key) classes.push('rule-row--selected');
  if (interaction.highlighted.has(key)) classes.push('rule-row--highlighted');
  if (role) classes.push(`rule-row--${role.kind}`);
  if (jumps) classes.push('rule-row--jump');
  const rate = formatRate(rule.rate?.packetsPerSecond);
  return (
    <li className={classes.join(' ')}>
      <button
        type="button"
        className="rule-row__button"
        data-testid={`rule-${table}-${chain}-${rule.index}`}
        aria-label={ruleLabel(chain, rule, flag, role, mark)}
        aria-pressed={interaction.selected === key}
        onClick={() => interaction.onSelectRule({ table, chain, index: rule.index })}
        title={rule.text}
      >
        <span className="rule-row__index">{rule.index}</span>
        <span className={`rule-row__marker ${flag ? `sev-dot sev-dot--${flag.severity}` : ''}`} aria-hidden="true" />
        <span className="rule-row__summary">
          {mark && (
            <span className={`drift-tag drift-tag--${mark}`} data-testid={`drift-mark-${table}-${chain}-${rule.index}`} title={DRIFT_TAG[mark].means}>
              {DRIFT_TAG[mark].text}
            </span>
          )}
          {rule.summary}
        </span>
        <span className="rule-row__packets" title={rule.counters ? `${rule.counters.packets} packets, ${rule.counters.bytes} bytes` : 'no counters in this dump'}>
          {rule.counters ? formatCount(rule.counters.packets) : '—'}
        </span>
        <span className="rule-row__rate">{rate}</span>
      </button>
      {jumps && <Handle type="source" position={Position.Right} id={`r${rule.index}`} className="rule-row__out" isConnectable={false} />}
    </li>
  );
}
