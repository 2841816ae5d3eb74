import type { ReportRule } from '@natscope/api';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties, type KeyboardEvent } from 'react';
import { formatCount, formatRate } from '../../lib/format.js';
import { formatRuleKey } from '../../lib/url-state.js';
import type { RuleDriftMark } from '../desired/rule-drift.js';
import { roleDescription, type RuleRole } from '../gateway/diagnostic-roles.js';
import type { RuleFlag } from '../gateway/rule-diagnostics.js';
import type { ChainFlowNode } from './flow-model.js';
import { useGraphInteraction } from './graph-interaction.js';
import { FOOTER_HEIGHT, HEADER_HEIGHT, ROW_HEIGHT } from './node-size.js';
import { rowMove } from './row-keys.js';
import { DEFAULT_ROW_LIMIT } from './visible-rows.js';

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
function ruleLabel(
  chain: string,
  rule: ReportRule,
  flag: RuleFlag | undefined,
  role: RuleRole | undefined,
  mark: RuleDriftMark | null,
): string {
  const parts = [`${chain} rule ${rule.index}: ${rule.summary}`];
  if (rule.counters) parts.push(`${rule.counters.packets} packets`);
  if (flag) parts.push(flag.diagnostics.map((d) => `${d.diagnostic.severity} ${d.diagnostic.code}`).join(', '));
  if (mark) parts.push(`${DRIFT_TAG[mark].text}: ${DRIFT_TAG[mark].means}`);
  if (rule.jump) parts.push(`→ follows the jump to ${rule.jump}`);
  // Last, so the part a chosen diagnostic gives the rule ends its label whatever else it says.
  if (role) parts.push(roleDescription(role));
  return parts.join('; ');
}

/** A chain drawn as a box of rule rows, in order; edges leave from the rows that jump. */
export const ChainNodeView = memo(function ChainNodeView({ data }: NodeProps<ChainFlowNode>) {
  const interaction = useGraphInteraction();
  const { chain, rows, total, filtered, jumpRows, inbound, flagged } = data;
  const worst = flagged.error > 0 ? 'error' : flagged.warning > 0 ? 'warning' : null;
  const traffic = chain.builtin
    ? chain.counters
      ? `${formatCount(chain.counters.packets)} pkts`
      : null
    : inbound !== null
      ? `in ${formatCount(inbound)} pkts`
      : null;
  const flagWords = flagWordsOf(flagged);
  const drawn = rows.items.flatMap((item) => (item.kind === 'rule' ? [item.rule.index] : []));
  const firstGap = rows.items.findIndex((item) => item.kind === 'gap');
  const remembered = interaction.activeRows.get(chain.id);
  const tabStop = remembered !== undefined && drawn.includes(remembered) ? remembered : drawn[0];
  // A chain without drawn rows (folded in the overview) is reached by its "show" button, which takes the same role.
  const keyOn = (index: number, jumps: boolean, rule: ReportRule) => (event: KeyboardEvent<HTMLButtonElement>) => {
    const move = rowMove(event.key, drawn, index, jumps);
    if (!move) {
      if (event.key === 'ArrowDown') focusFooter(event.currentTarget);
      return;
    }
    if (move.kind === 'row') interaction.focusRow(chain.id, move.index);
    else if (move.kind === 'jump' && rule.jump)
      interaction.followJump({ nodeId: chain.id, index }, `${chain.id.slice(0, chain.id.indexOf('/'))}/${rule.jump}`);
    else if (move.kind === 'back' && !interaction.jumpBack()) return;
    event.preventDefault();
  };
  return (
    <div
      className={`chain-node chain-node--${chain.role}${worst ? ` chain-node--flag-${worst}` : ''}`}
      style={GEOMETRY}
    >
      <Handle type="target" position={Position.Left} id="in" className="chain-node__in" isConnectable={false} />
      <div className="chain-node__header">
        <div className="chain-node__title">
          <span className={`tag tag--table tag--table-${chain.table}`}>{chain.table}</span>
          <span className="chain-node__name">{chain.chain}</span>
          <span className={`tag tag--role-${chain.role}`}>{ROLE_LABEL[chain.role]}</span>
        </div>
        <div className="chain-node__meta">
          {chain.policy && <span>policy {chain.policy}</span>}
          {data.folded ? (
            <span
              title={data.folded
                .map(
                  (c) =>
                    `${c.chain}: policy ${c.policy ?? '—'}, ${c.counters ? `${c.counters.packets} packets` : 'no counters'}`,
                )
                .join('\n')}
            >
              no rules: each takes its policy
            </span>
          ) : (
            <span>
              {total} rule{total === 1 ? '' : 's'}
            </span>
          )}
          {traffic && (
            <span
              title={
                chain.builtin
                  ? 'Packets that reached the end of this built-in chain and took its policy'
                  : 'Packets of the rules that jump here (a user chain has no counters of its own)'
              }
            >
              {traffic}
            </span>
          )}
          {flagWords.map((w) => (
            <span key={w.severity} className={`chain-node__flags chain-node__flags--${w.severity}`}>
              <span className={`sev-dot sev-dot--${w.severity}`} aria-hidden="true" /> {w.text}
            </span>
          ))}
          {chain.orphan && <span className="chain-node__orphan">nothing jumps here</span>}
        </div>
      </div>
      {/* Drawn instead of the rows when zoomed out below FAR_ZOOM (CSS), at a fixed size on screen; a click zooms in on the chain. */}
      <button
        type="button"
        className="chain-node__far"
        aria-label={`Zoom in on ${chain.chain}`}
        onClick={() => interaction.onZoomTo(chain.id)}
      >
        <span className="chain-node__far-name">{chain.chain}</span>
        <span className="chain-node__far-meta">
          {total} rule{total === 1 ? '' : 's'}
          {traffic ? ` · ${traffic}` : ''}
          {flagWords.map((w) => ` · ${w.text}`).join('')}
        </span>
      </button>
      <ol className="chain-node__rows">
        {rows.items.map((item, i) =>
          item.kind === 'rule' ? (
            <RuleRow
              key={item.rule.index}
              nodeId={chain.id}
              table={chain.table}
              chain={chain.chain}
              rule={item.rule}
              dimmed={!item.matches}
              jumps={jumpRows.has(item.rule.index)}
              tabStop={item.rule.index === tabStop}
              onKeyDown={keyOn(item.rule.index, jumpRows.has(item.rule.index), item.rule)}
            />
          ) : data.limit === 0 && !filtered ? (
            // The overview's fold: the row itself opens the chain in place.
            <li key={`gap-${i}`} className="chain-node__gap chain-node__gap--fold">
              <button
                type="button"
                className="chain-node__open"
                {...(i === firstGap ? { 'data-testid': `expand-${chain.id}` } : {})}
                {...(drawn.length === 0 && i === firstGap
                  ? { 'data-roving-node': chain.id, tabIndex: 0 }
                  : { tabIndex: -1 })}
                aria-label={`${item.hidden} rule${item.hidden === 1 ? '' : 's'} of ${chain.chain} folded: ${openWords(rows.overLimit)}`}
                onKeyDown={(event) => footerKey(event, chain.id, tabStop, interaction)}
                onClick={() => interaction.onShowMore(chain.id)}
              >
                <span>
                  ⋯ {item.hidden} rule{item.hidden === 1 ? '' : 's'} folded
                </span>
                {/* Short, so it fits the narrowest node on one line; the label says which rules it shows. */}
                <span className="chain-node__open-action" aria-hidden="true">
                  ▸ show
                </span>
              </button>
            </li>
          ) : (
            <li key={`gap-${i}`} className="chain-node__gap">
              ⋯ {item.hidden} rule{item.hidden === 1 ? '' : 's'}
              {filtered ? (item.hiddenMatching > 0 ? ` (${item.hiddenMatching} matching)` : ' not matching') : ''}
            </li>
          ),
        )}
        {data.removed?.map((text, i) => (
          // A rule the compared reading had here: not a button (it is not in this reading to select), struck through.
          <li
            key={`removed-${i}`}
            className="rule-row rule-row--removed"
            data-testid={`change-removed-${chain.table}-${chain.chain}-${i}`}
          >
            <span className="rule-row__removed">
              <span className="drift-tag drift-tag--removed">removed</span>
              <del title={`-A ${chain.chain} ${text}`}>{text}</del>
            </span>
          </li>
        ))}
        {rows.items.length === 0 && !data.removed && (total > 0 || !chain.builtin) && (
          <li className="chain-node__empty">
            {total > 0 ? 'no rule matches the filter' : 'no rules: returns to the caller'}
          </li>
        )}
      </ol>
      {data.footer && (
        <div className="chain-node__footer">
          {/* Never the overview's fold (its row is its own button): a chain drawn with rows past its limit, or filtered. */}
          <span>{filtered ? `${rows.matching} of ${total} match` : `${total - rows.overLimit} of ${total} shown`}</span>
          {rows.overLimit > 0 && (
            <button
              type="button"
              className="btn btn--tiny"
              data-testid={`expand-${chain.id}`}
              tabIndex={-1}
              onKeyDown={(event) => footerKey(event, chain.id, tabStop, interaction)}
              onClick={() => interaction.onShowMore(chain.id)}
            >
              show {Math.min(rows.overLimit, 200)} more
            </button>
          )}
          {data.canShowFewer && (
            <button
              type="button"
              className="btn btn--tiny"
              tabIndex={drawn.length === 0 ? 0 : -1}
              onKeyDown={(event) => footerKey(event, chain.id, tabStop, interaction)}
              onClick={() => interaction.onShowFewer(chain.id)}
            >
              {data.limit <= DEFAULT_ROW_LIMIT ? '▾ fold' : 'show fewer'}
            </button>
          )}
        </div>
      )}
    </div>
  );
});

/** "error on 1 rule", "warnings on 5 rules": the chain's rules a diagnostic names, in words (infos are left to the rows). */
function flagWordsOf(flagged: ChainFlowNode['data']['flagged']): { severity: 'error' | 'warning'; text: string }[] {
  const words: { severity: 'error' | 'warning'; text: string }[] = [];
  if (flagged.error > 0)
    words.push({
      severity: 'error',
      text: `${flagged.error === 1 ? 'error' : 'errors'} on ${rulesText(flagged.error)}`,
    });
  if (flagged.warning > 0)
    words.push({
      severity: 'warning',
      text: `${flagged.warning === 1 ? 'warning' : 'warnings'} on ${rulesText(flagged.warning)}`,
    });
  return words;
}

// What opening a folded chain shows: all its rules, or the first DEFAULT_ROW_LIMIT of a long one.
function openWords(hidden: number): string {
  if (hidden === 1) return 'show the rule';
  return hidden > DEFAULT_ROW_LIMIT ? `show the first ${DEFAULT_ROW_LIMIT} rules` : `show the ${hidden} rules`;
}

function rulesText(n: number): string {
  return `${n} rule${n === 1 ? '' : 's'}`;
}

// ↓ past a chain's last row reaches its footer's buttons (out of the Tab order: a chain is one Tab stop); ↑ goes back.
function focusFooter(row: HTMLElement): void {
  row.closest('.chain-node')?.querySelector<HTMLElement>('.chain-node__open, .chain-node__footer button')?.focus();
}

function footerKey(
  event: KeyboardEvent<HTMLButtonElement>,
  nodeId: string,
  tabStop: number | undefined,
  interaction: ReturnType<typeof useGraphInteraction>,
): void {
  const buttons = [
    ...(event.currentTarget.closest('.chain-node__footer')?.querySelectorAll<HTMLElement>('button') ?? []),
  ];
  const at = buttons.indexOf(event.currentTarget);
  if (event.key === 'ArrowUp' && tabStop !== undefined) interaction.focusRow(nodeId, tabStop);
  else if (event.key === 'ArrowRight' && at < buttons.length - 1) buttons[at + 1]?.focus();
  else if (event.key === 'ArrowLeft' && at > 0) buttons[at - 1]?.focus();
  else if (event.key === 'ArrowLeft') {
    if (!interaction.jumpBack()) return;
  } else return;
  event.preventDefault();
}

function RuleRow({
  nodeId,
  table,
  chain,
  rule,
  dimmed,
  jumps,
  tabStop,
  onKeyDown,
}: {
  nodeId: string;
  table: string;
  chain: string;
  rule: ReportRule;
  dimmed: boolean;
  jumps: boolean;
  tabStop: boolean;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
}) {
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
  const added = interaction.added.has(key);
  if (added) classes.push('rule-row--added');
  const rate = formatRate(rule.rate?.packetsPerSecond);
  return (
    <li className={classes.join(' ')}>
      <button
        type="button"
        className="rule-row__button"
        data-testid={`rule-${table}-${chain}-${rule.index}`}
        data-row-key={`${nodeId}/${rule.index}`}
        {...(tabStop ? { 'data-roving-node': nodeId } : {})}
        tabIndex={tabStop ? 0 : -1}
        onKeyDown={onKeyDown}
        aria-label={`${ruleLabel(chain, rule, flag, role, mark)}${interaction.rewrote.has(key) ? '; the traced packet was rewritten here' : ''}${added ? '; added since the compared reading' : ''}`}
        aria-pressed={interaction.selected === key}
        onClick={() => interaction.onSelectRule({ table, chain, index: rule.index })}
        title={rule.text}
      >
        <span className="rule-row__index">{rule.index}</span>
        <span className={`rule-row__marker ${flag ? `sev-dot sev-dot--${flag.severity}` : ''}`} aria-hidden="true" />
        <span className="rule-row__summary">
          {interaction.rewrote.has(key) && (
            <span
              className="drift-tag drift-tag--rewrote"
              data-testid={`rewrote-${table}-${chain}-${rule.index}`}
              title="The traced packet was rewritten (NAT) by this rule"
            >
              rewrote
            </span>
          )}
          {added && (
            <span
              className="drift-tag drift-tag--added"
              data-testid={`change-added-${table}-${chain}-${rule.index}`}
              title="This rule is new since the compared reading"
            >
              added
            </span>
          )}
          {mark && (
            <span
              className={`drift-tag drift-tag--${mark}`}
              data-testid={`drift-mark-${table}-${chain}-${rule.index}`}
              title={DRIFT_TAG[mark].means}
            >
              {DRIFT_TAG[mark].text}
            </span>
          )}
          {rule.summary}
        </span>
        <span
          className="rule-row__packets"
          title={
            rule.counters
              ? `${rule.counters.packets} packets, ${rule.counters.bytes} bytes`
              : 'no counters in this dump'
          }
        >
          {rule.counters ? formatCount(rule.counters.packets) : '—'}
        </span>
        <span className="rule-row__rate">{rate}</span>
      </button>
      {jumps && (
        <Handle
          type="source"
          position={Position.Right}
          id={`r${rule.index}`}
          className="rule-row__out"
          isConnectable={false}
        />
      )}
    </li>
  );
}
