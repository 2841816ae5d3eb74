import type { DecodedRule } from '@natscope/api';
import { PASSIVE_TARGETS, TERMINAL_TARGETS } from './target-classes.js';

type Target = DecodedRule['target'];

/** What a rule does, as far as the analysis needs to know: jump or goto, and the target's name. */
export interface RuleTarget {
  kind: 'jump' | 'goto';
  name: string;
}

/**
 * True when a rule with this target stops evaluation of its chain for every packet it matches: a NAT
 * verdict, ACCEPT/DROP/REJECT/RETURN, or a goto (`-g` never comes back to this chain).
 */
export function isTerminal(target: RuleTarget | null): boolean {
  if (!target) return false;
  return target.kind === 'goto' || TERMINAL_TARGETS.has(target.name);
}

/**
 * True when a rule with this non-terminal target may change what a later rule matches (MARK, CONNMARK, or a
 * jump into a chain that might). Only such rules invalidate an earlier rule's claim to cover a later one.
 */
export function mayRewritePacket(target: RuleTarget | null): boolean {
  return target !== null && !isTerminal(target) && !PASSIVE_TARGETS.has(target.name);
}

function optionKey(option: NonNullable<Target>['options'][number]): string {
  return `${option.negated ? '!' : ''}${option.name}=${option.args.join(' ')}`;
}

/** True when two targets do the same thing: same kind, name and options (in any order). */
export function sameTarget(a: Target, b: Target): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind || a.name !== b.name || a.options.length !== b.options.length) return false;
  const keys = a.options.map(optionKey).sort();
  return b.options
    .map(optionKey)
    .sort()
    .every((key, i) => key === keys[i]);
}
