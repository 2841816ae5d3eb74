import type { GatewayHealth, ReadingState } from '@natscope/api';

/** The tone a gateway's condition is drawn in: the worse of how it was read and what its rules say. */
export type ConditionTone = 'ok' | 'warning' | 'error' | 'pending';

/**
 * How a gateway is drawn first: red when its latest reading failed with nothing older to show or its rules are
 * broken (not initialised, half a floating IP), amber when what is shown is old or its rules are degraded, grey
 * before the first reading, green only when it was read and nothing is wrong. A good reading of a dead gateway is
 * never green: "ok" used to mean the exec worked, not that an EIP does.
 */
export function conditionTone({ reading, health }: { reading: ReadingState; health: GatewayHealth }): ConditionTone {
  if (reading === 'error' || health === 'broken') return 'error';
  if (reading === 'stale' || health === 'degraded') return 'warning';
  if (reading === 'pending' || health === 'unknown') return 'pending';
  return 'ok';
}

/** The short word on the badge: the health when the reading worked, else what went wrong with the reading. */
export function conditionWord({ reading, health }: { reading: ReadingState; health: GatewayHealth }): string {
  if (reading === 'error') return 'read failed';
  if (reading === 'pending') return 'pending';
  if (reading === 'stale') return `stale · ${health}`;
  return health;
}

/** A gateway's condition as drawn: a badge in its tone with a word, and the rest of the server's headline beside it. */
export interface ConditionParts {
  tone: ConditionTone;
  word: string;
  /** What the headline says beyond the word (the cause, drift, the failing pod); '' when nothing. */
  rest: string;
}

/**
 * Splits the server's headline (`read · broken: not initialised · drifted: 5 errors`) for the badge: the word goes on
 * the badge, what follows it beside. The leading `read · ` of a reading that worked says nothing a badge does not, so
 * it goes; a headline that does not start with the word (a stale reading names its failure first) is kept whole.
 */
export function conditionParts(gateway: {
  reading: ReadingState;
  health: GatewayHealth;
  headline: string;
}): ConditionParts {
  const tone = conditionTone(gateway);
  const word = conditionWord(gateway);
  const text = gateway.reading === 'ok' ? gateway.headline.replace(/^read · /, '') : gateway.headline;
  if (!text.startsWith(word)) return { tone, word, rest: text };
  return { tone, word, rest: text.slice(word.length).replace(/^(: | · )/, '') };
}
