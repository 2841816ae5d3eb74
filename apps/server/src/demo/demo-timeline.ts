import type { ExecHandler } from '@natscope/kube-sim';

/** One stretch of a demo gateway's life: how long it lasts, and its dump then (another fixture, or an edit of its own). */
export interface DemoPhase {
  seconds: number;
  /** What the pod holds in this phase, made from the gateway's own dump (unchanged when absent). */
  edit?: (dump: string) => string;
  /** A fixture whose dump replaces the gateway's own in this phase (a pod that lost its rules). */
  fixture?: string[];
}

/**
 * An exec handler that walks through `phases` (each with its own handler) on a cycle, by the clock: the pod's
 * answer is the handler of the phase `now` falls in. So the demo's history has rule changes to show within minutes.
 */
export function timelineExec(
  phases: readonly { seconds: number; exec: ExecHandler }[],
  startedAt: number,
  now: () => number = Date.now,
): ExecHandler {
  const cycle = phases.reduce((sum, p) => sum + p.seconds, 0);
  return (req) => {
    let t = ((((now() - startedAt) / 1000) % cycle) + cycle) % cycle;
    for (const phase of phases) {
      if (t < phase.seconds) return phase.exec(req);
      t -= phase.seconds;
    }
    return (phases[0] as { exec: ExecHandler }).exec(req);
  };
}

/** The lines of `dump` without those that contain any of `fragments`. */
function withoutLines(dump: string, ...fragments: string[]): string {
  return dump
    .split(/(?<=\n)/)
    .filter((line) => !fragments.some((f) => line.includes(f)))
    .join('');
}

/** `dump` with `line` (and its newline) inserted after the last line that contains `after`. */
function withLineAfter(dump: string, after: string, line: string): string {
  const lines = dump.split(/(?<=\n)/);
  let at = -1;
  lines.forEach((l, i) => {
    if (l.includes(after)) at = i;
  });
  if (at === -1) throw new Error(`natscope demo: no line contains ${after}`);
  lines.splice(at + 1, 0, `${line}\n`);
  return lines.join('');
}

/**
 * The demo's changing tenant, on a four-minute cycle: as programmed; its floating IP .11 ⇄ 10.0.1.5 removed; the
 * floating IP back and a port forward .12:8443 → 10.0.2.21:443 added; then its pod restarted and lost every rule.
 */
export const CHURN_PHASES: readonly DemoPhase[] = [
  { seconds: 60 },
  { seconds: 60, edit: (dump) => withoutLines(dump, '-d 192.168.100.11/32 -j DNAT', '-s 10.0.1.5/32 -j SNAT') },
  {
    seconds: 60,
    edit: (dump) =>
      withLineAfter(
        dump,
        '-A SHARED_DNAT ',
        '[120:9600] -A SHARED_DNAT -d 192.168.100.12/32 -p tcp -m tcp --dport 8443 -j DNAT --to-destination 10.0.2.21:443',
      ),
  },
  { seconds: 60, fixture: ['restarted-empty-legacy.txt'] },
];
