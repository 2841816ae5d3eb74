import type { TraceResult, TraceStep, Tuple } from '@natscope/api';

/** How `formatTrace` lays out the steps. */
export interface TraceFormatOptions {
  /** List every step; otherwise a long run of skipped rules in one chain is shortened to its ends. */
  all: boolean;
}

// A run of skipped rules longer than this shows its first and last few rules and a count between them.
const RUN_LIMIT = 12;
const RUN_HEAD = 5;
const RUN_TAIL = 2;

function endpoint(address: string, port: number | null): string {
  return port === null ? address : `${address}:${port}`;
}

function tupleText(t: Tuple): string {
  return `${t.protocol} ${endpoint(t.src, t.sport)} → ${endpoint(t.dst, t.dport)}`;
}

function stepLine(step: TraceStep, where: number): string {
  const at = `${step.table} ${step.chain}`.padEnd(where);
  const rule = step.index === null ? ''.padEnd(16) : `#${step.index}`.padEnd(6) + `line ${step.line}`.padEnd(10);
  return `  ${at}  ${rule}  ${step.result.padEnd(11)} ${step.reason}`;
}

/** The steps, with long runs of skipped rules in one chain cut down unless `all` is set. */
function stepLines(steps: TraceStep[], all: boolean): string[] {
  const where = Math.min(32, Math.max(...steps.map((s) => s.table.length + 1 + s.chain.length)));
  const out: string[] = [];
  let i = 0;
  while (i < steps.length) {
    const first = steps[i]!;
    let end = i;
    while (
      end < steps.length &&
      steps[end]!.result === 'skipped' &&
      steps[end]!.chain === first.chain &&
      steps[end]!.table === first.table
    )
      end++;
    const run = end - i;
    if (!all && run > RUN_LIMIT) {
      for (let k = i; k < i + RUN_HEAD; k++) out.push(stepLine(steps[k]!, where));
      const hidden = steps.slice(i + RUN_HEAD, end - RUN_TAIL);
      out.push(
        `  ${''.padEnd(where)}  … ${hidden.length} more rules skipped (#${hidden[0]!.index}-#${hidden[hidden.length - 1]!.index}; --all lists them)`,
      );
      for (let k = end - RUN_TAIL; k < end; k++) out.push(stepLine(steps[k]!, where));
      i = end;
    } else {
      out.push(stepLine(first, where));
      i++;
    }
  }
  return out;
}

/** The trace for a person: the packet, the verdict, where it ends up, the steps, the rewrites and the assumptions. */
export function formatTrace(result: TraceResult, options: TraceFormatOptions): string {
  const p = result.packet;
  const lines: string[] = [];
  lines.push(
    `packet:  ${p.protocol} ${endpoint(p.src, p.sport ?? null)} → ${endpoint(p.dst, p.dport ?? null)} arriving on ${p.inInterface}${p.mark ? ` with mark ${p.mark}` : ''}`,
  );
  lines.push(`verdict: ${result.verdict}`);
  const how =
    result.fate === 'local'
      ? 'delivered to the gateway'
      : result.fate === 'dropped'
        ? 'dropped'
        : `leaving by ${result.final.outInterface}${result.outInterfaceInferred ? ' (inferred)' : ''}`;
  lines.push(`final:   ${tupleText(result.final)}, ${how}`);
  lines.push('', 'steps:', ...stepLines(result.steps, options.all));
  if (result.nat.length > 0) {
    lines.push('', 'nat:');
    for (const n of result.nat)
      lines.push(
        `  ${n.kind} in ${n.chain} rule ${n.index} (line ${n.line}): ${tupleText(n.before)}  ⇒  ${tupleText(n.after)}`,
      );
  }
  lines.push('', 'assumed:');
  for (const a of result.assumptions) lines.push(`  - ${a}`);
  return `${lines.join('\n')}\n`;
}
