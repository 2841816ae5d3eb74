import { describe, expect, it } from 'vitest';
import { packet, tableOf } from './trace-test-kit.js';
import type { TraceLog } from './trace-types.js';
import { walkHook } from './trace-walk.js';

const newLog = (): TraceLog => ({ steps: [], nat: [], phrases: [], assumptions: new Set() });

/** Walks FORWARD of a filter table built from `lines` and returns the outcome with the steps as short strings. */
function walk(lines: string[], policy = 'ACCEPT') {
  const table = tableOf('*filter', `:FORWARD ${policy} [0:0]`, ...lines, 'COMMIT');
  const log = newLog();
  const outcome = walkHook(table, 'FORWARD', packet({ outInterface: 'eth0' }), log);
  const steps = log.steps.map((s) => `${s.chain}#${s.index ?? '-'} ${s.result}`);
  return { outcome, steps, log };
}

describe('walkHook', () => {
  it('returns from a chain reached by goto to the chain that jumped to its caller', () => {
    const { steps, outcome } = walk([
      ':A - [0:0]',
      ':B - [0:0]',
      '-A FORWARD -j A',
      '-A FORWARD -j DROP',
      '-A A -g B',
      '-A A -j ACCEPT',
      '-A B -j LOG',
    ]);
    // B ends → back to FORWARD after rule 1 (not to A: goto leaves no return point), then DROP.
    expect(steps).toEqual(['FORWARD#1 jump', 'A#1 goto', 'B#1 continue', 'B#- return', 'FORWARD#2 matched']);
    expect(outcome).toMatchObject({ verdict: 'DROP', rule: { chain: 'FORWARD', index: 2 } });
  });

  it('applies the policy on RETURN from a built-in chain', () => {
    const { steps, outcome } = walk(['-A FORWARD -j RETURN', '-A FORWARD -j ACCEPT'], 'DROP');
    expect(steps).toEqual(['FORWARD#1 return', 'FORWARD#- policy']);
    expect(outcome).toEqual({ verdict: 'DROP', rule: null, local: false });
  });

  it('comes back from a user chain with RETURN and goes on', () => {
    const { steps } = walk([':A - [0:0]', '-A FORWARD -j A', '-A FORWARD -j ACCEPT', '-A A -j RETURN', '-A A -j DROP']);
    expect(steps).toEqual(['FORWARD#1 jump', 'A#1 return', 'FORWARD#2 matched']);
  });

  it('lets MARK change what later rules see', () => {
    const { steps, outcome } = walk([
      '-A FORWARD -j MARK --set-xmark 0x4/0x4',
      '-A FORWARD -m mark --mark 0x4/0x4 -j REJECT',
    ]);
    expect(steps).toEqual(['FORWARD#1 mark', 'FORWARD#2 matched']);
    expect(outcome.verdict).toBe('REJECT');
  });

  it('assumes an unknown target lets the packet go on, and says so', () => {
    const { steps, log } = walk(['-A FORWARD -j FROBNICATE', '-A FORWARD -j ACCEPT']);
    expect(steps).toEqual(['FORWARD#1 undecidable', 'FORWARD#2 matched']);
    expect([...log.assumptions][0]).toMatch(
      /target FROBNICATE is unknown to the simulator; assumed the packet goes on/,
    );
  });

  it('does not enter a chain that loops back', () => {
    const { steps, log } = walk([':A - [0:0]', ':B - [0:0]', '-A FORWARD -j A', '-A A -j B', '-A B -g A']);
    expect(steps).toEqual([
      'FORWARD#1 jump',
      'A#1 jump',
      'B#1 undecidable',
      'B#- return',
      'A#- return',
      'FORWARD#- policy',
    ]);
    expect([...log.assumptions][0]).toMatch(/A is already being walked/);
  });

  it('accepts when the table lacks the hook chain', () => {
    const log = newLog();
    const outcome = walkHook(tableOf('*nat', ':PREROUTING ACCEPT [0:0]', 'COMMIT'), 'POSTROUTING', packet(), log);
    expect(outcome.verdict).toBe('ACCEPT');
    expect(log.steps[0]!.reason).toBe(
      'nat has no POSTROUTING chain in the dump: nothing here stops or changes the packet',
    );
  });
});
