/**
 * Walks one table's chain for one hook, rule by rule, the way ip_tables' ipt_do_table does:
 * first match wins for terminal targets; jumps push a return point, gotos do not; RETURN or the end of a
 * user chain goes back to the caller; the end of a built-in chain applies its policy.
 */
import type { TraceStep } from '@natscope/api';
import { MARK_TARGETS, NAT_TARGETS, PASS_THROUGH_TARGETS } from '../packet-sets/target-classes.js';
import { applyMark } from './trace-mark.js';
import { chainIndexOf } from './trace-index.js';
import { evaluateRule } from './trace-match.js';
import { applyNat } from './trace-nat.js';
import type { Hook, HookVerdict, PacketState, TraceChain, TraceLog, TraceRule, TraceTable } from './trace-types.js';

/** How the walk of one table at one hook ended. */
export interface HookOutcome {
  verdict: HookVerdict;
  /** The rule that decided, or null when a policy (or an empty table) did. */
  rule: { chain: string; index: number; line: number } | null;
  /** True when a NAT target addressed the packet to the gateway itself (REDIRECT). */
  local: boolean;
}

interface Frame {
  chain: TraceChain;
  next: number;
  /** For an indexed chain: the positions that may match, and how many of them were taken already. */
  candidates: number[] | null;
  cursor: number;
  /** This chain and every chain reached from it by goto: entering any of them again would loop. */
  entered: Set<string>;
}

const chainIndex = new WeakMap<TraceTable, Map<string, TraceChain>>();

/** The table's chains by name (built once per table object). */
function chainsOf(table: TraceTable): Map<string, TraceChain> {
  let map = chainIndex.get(table);
  if (map === undefined) {
    map = new Map(table.chains.map((c) => [c.name, c]));
    chainIndex.set(table, map);
  }
  return map;
}

function step(
  table: string,
  chain: string,
  rule: TraceRule | null,
  result: TraceStep['result'],
  reason: string,
): TraceStep {
  return { table, chain, index: rule?.index ?? null, line: rule?.line ?? null, result, reason };
}

/** Walks `table`'s built-in chain `hook` for the packet, recording each step in `log`, and changing the packet as targets do. */
export function walkHook(table: TraceTable, hook: Hook, pkt: PacketState, log: TraceLog): HookOutcome {
  const chains = chainsOf(table);
  const t = table.name;
  const base = chains.get(hook);
  if (base === undefined) {
    log.steps.push(
      step(t, hook, null, 'policy', `${t} has no ${hook} chain in the dump: nothing here stops or changes the packet`),
    );
    return { verdict: 'ACCEPT', rule: null, local: false };
  }
  const enter = (chain: TraceChain, entered: Set<string>): Frame => ({
    chain,
    next: 0,
    candidates: chainIndexOf(chain)?.candidates(pkt) ?? null,
    cursor: 0,
    entered,
  });
  const frames: Frame[] = [enter(base, new Set([hook]))];
  // A hand-edited dump can hold a loop the kernel would refuse to load; this bounds the walk regardless.
  let budget = 4 * table.chains.reduce((n, c) => n + c.rules.length, 0) + 1000;

  for (;;) {
    const frame = frames[frames.length - 1]!;
    const chain = frame.chain;
    if (frame.candidates !== null) skipToCandidate(frame, pkt, t, log);
    const rule = chain.rules[frame.next];
    if (rule === undefined) {
      if (frames.length === 1) return policy(t, base, log);
      frames.pop();
      const caller = frames[frames.length - 1]!;
      log.steps.push(
        step(
          t,
          chain.name,
          null,
          'return',
          `end of ${chain.name}: back to ${caller.chain.name} after rule ${caller.next}`,
        ),
      );
      continue;
    }
    frame.next++;
    if (--budget < 0) {
      log.assumptions.add(
        `The walk of ${t} ${hook} was stopped: its chains loop (the kernel would refuse to load them).`,
      );
      log.steps.push(step(t, chain.name, rule, 'undecidable', 'stopped: the chains loop'));
      return { verdict: 'ACCEPT', rule: null, local: false };
    }

    const outcome = evaluateRule(rule, pkt, hook);
    if (outcome.status === 'skipped') {
      log.steps.push(step(t, chain.name, rule, 'skipped', outcome.reason));
      continue;
    }
    for (const a of outcome.assumptions) log.assumptions.add(a);
    const undecided = outcome.status === 'undecidable';
    if (undecided) {
      log.assumptions.add(
        `${t} ${chain.name} rule ${rule.index} (line ${rule.line}): ${outcome.undecided.join('; ')}; assumed it matches.`,
      );
    }
    const why = undecided ? `assumed to match (${outcome.undecided.join('; ')})` : outcome.reason;
    const record = (result: TraceStep['result'], what: string): void => {
      log.steps.push(step(t, chain.name, rule, undecided ? 'undecidable' : result, `${why} → ${what}`));
    };

    const target = rule.decoded.target;
    if (target === null) {
      record('continue', 'no target: the rule only counts');
      continue;
    }
    const name = target.name;
    if (target.kind === 'jump' && (name === 'ACCEPT' || name === 'DROP' || name === 'REJECT')) {
      record('matched', name === 'ACCEPT' ? `ACCEPT: ends ${t} ${hook}` : `${name}: the packet goes no further`);
      return { verdict: name, rule: { chain: chain.name, index: rule.index, line: rule.line }, local: false };
    }
    if (name === 'QUEUE' || name === 'NFQUEUE') {
      log.assumptions.add(
        `${t} ${chain.name} rule ${rule.index} hands the packet to a user-space program (${name}); assumed it accepts.`,
      );
      record('matched', `${name}: a user-space program decides; assumed it accepts`);
      return { verdict: 'ACCEPT', rule: { chain: chain.name, index: rule.index, line: rule.line }, local: false };
    }
    if (name === 'RETURN') {
      if (frames.length === 1) {
        record('return', `RETURN from the built-in ${hook}: its policy applies`);
        return policy(t, base, log);
      }
      frames.pop();
      const caller = frames[frames.length - 1]!;
      record('return', `RETURN: back to ${caller.chain.name} after rule ${caller.next}`);
      continue;
    }
    if (NAT_TARGETS.has(name)) {
      if (t !== 'nat') {
        log.assumptions.add(`${t} ${chain.name} rule ${rule.index}: ${name} belongs in the nat table; ignored here.`);
        record('continue', `${name} outside the nat table: ignored`);
        continue;
      }
      const nat = applyNat(target, pkt, hook);
      if ('error' in nat) {
        log.assumptions.add(
          `nat ${chain.name} rule ${rule.index}: ${nat.error}; assumed it leaves the packet unchanged.`,
        );
        record('undecidable', `${nat.error}; assumed the packet is unchanged`);
        return { verdict: 'ACCEPT', rule: { chain: chain.name, index: rule.index, line: rule.line }, local: false };
      }
      for (const a of nat.assumptions) log.assumptions.add(a);
      log.nat.push({ table: t, chain: chain.name, index: rule.index, line: rule.line, ...nat.record });
      log.phrases.push({ direction: nat.direction, text: `${nat.phrase} in ${chain.name} rule ${rule.index}` });
      record('nat', `${nat.reason}; ends nat ${hook}`);
      return { verdict: 'ACCEPT', rule: { chain: chain.name, index: rule.index, line: rule.line }, local: nat.local };
    }
    if (MARK_TARGETS.has(name)) {
      const marked = applyMark(target, pkt);
      if ('error' in marked) {
        log.assumptions.add(`${t} ${chain.name} rule ${rule.index}: ${marked.error}; assumed the mark is unchanged.`);
        record('undecidable', `${marked.error}; assumed the mark is unchanged`);
      } else {
        record('mark', marked.reason);
      }
      continue;
    }
    if (name === 'NOTRACK' || (name === 'CT' && target.options.some((o) => o.name === 'notrack'))) {
      pkt.ct.tracked = false;
      record('continue', `${name}: the connection is not tracked, so the nat table never sees it`);
      continue;
    }
    if (name === 'CT' || PASS_THROUGH_TARGETS.has(name)) {
      record('continue', `${name}: does not stop the packet`);
      continue;
    }
    const next = chains.get(name);
    if (next === undefined) {
      log.assumptions.add(
        `${t} ${chain.name} rule ${rule.index}: target ${name} is unknown to the simulator; assumed the packet goes on.`,
      );
      record('undecidable', `${name}: unknown target; assumed the packet goes on`);
      continue;
    }
    if (frames.some((f) => f.entered.has(name))) {
      log.assumptions.add(
        `${t} ${chain.name} rule ${rule.index}: ${name} is already being walked (a loop the kernel refuses); not entered again.`,
      );
      record('undecidable', `${name} loops back; not entered`);
      continue;
    }
    if (target.kind === 'goto') {
      frame.entered.add(name);
      frames[frames.length - 1] = enter(next, frame.entered);
      record('goto', `goto ${name}`);
    } else {
      frames.push(enter(next, new Set([name])));
      record('jump', `jump to ${name}`);
    }
  }
}

/** In an indexed chain, moves past the rules that cannot match, recording them as one skipped step. */
function skipToCandidate(frame: Frame, pkt: PacketState, t: string, log: TraceLog): void {
  const candidates = frame.candidates!;
  while (frame.cursor < candidates.length && candidates[frame.cursor]! < frame.next) frame.cursor++;
  const target = frame.cursor < candidates.length ? candidates[frame.cursor]! : frame.chain.rules.length;
  if (target <= frame.next) return;
  const first = frame.chain.rules[frame.next]!;
  const reason = chainIndexOf(frame.chain)!.passedOver(frame.next, target - 1, pkt);
  log.steps.push(step(t, frame.chain.name, first, 'skipped', reason));
  frame.next = target;
}

function policy(t: string, base: TraceChain, log: TraceLog): HookOutcome {
  const p = base.policy ?? 'ACCEPT';
  const verdict: HookVerdict = p === 'DROP' ? 'DROP' : 'ACCEPT';
  log.steps.push(step(t, base.name, null, 'policy', `policy ${p} of ${t} ${base.name}`));
  return { verdict, rule: null, local: false };
}
