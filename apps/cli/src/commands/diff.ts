import type { ReadingDiff } from '@natscope/api';
import { parse } from '@natscope/iptables';
import { diff, diffPhrases, inspect } from '@natscope/natgw';
import { UsageError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { readInput } from '../read-input.js';
import { type Command, parseCommandArgs } from './command.js';

const usage = `Usage: natscope diff [--json] <before> <after>

Says what changed between two iptables-save dumps of a gateway: each EIP's floating IP, port forward, SNAT or
hairpin mapping added, removed or changed ("floating IP 192.168.100.11 ⇄ 10.0.1.5 changed: now 192.168.100.11 ⇄
10.0.1.6"), the chains whose rules were reordered, the diagnostics that appeared or were resolved, then every rule
line added or removed with its line number. Counters that moved are no change.

Arguments:
  <before>     the earlier dump; - reads stdin (for one of the two)
  <after>      the later dump

Options:
  --json       print the diff as JSON (Contract 6, the body of the API's …/diff)
  -h, --help   show this help
`;

/** `natscope diff [--json] <before> <after>`: the changes in words, or ReadingDiff as JSON. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'say what changed between two dumps of a gateway (--json for the diff)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      diffCommand,
      args,
      { json: { type: 'boolean' } },
      { min: 2, max: 2 },
    );
    const [beforePath, afterPath] = positionals as [string, string];
    if (beforePath === '-' && afterPath === '-') throw new UsageError('stdin (-) can be only one of the two dumps');
    const readings = [];
    for (const path of [beforePath, afterPath]) {
      const input = await readInput(path, io);
      const dump = parse(input.text, { file: input.file });
      const report = inspect(dump);
      readings.push({
        file: input.file,
        reading: { mappings: report.mappings, diagnostics: report.diagnostics, tables: dump.tables },
      });
    }
    const [before, after] = readings as [(typeof readings)[0], (typeof readings)[0]];
    const d = diff(before.reading, after.reading);
    io.stdout(values.json ? `${JSON.stringify(d, null, 2)}\n` : formatDiff(d, before.file, after.file));
    return 0;
  },
};

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The diff as a person reads it: a headline, the changes in words, then the rule lines. */
function formatDiff(d: ReadingDiff, beforeFile: string, afterFile: string): string {
  const m = d.mappings;
  const parts = [
    m.added.length ? `${count(m.added.length, 'mapping')} added` : '',
    m.removed.length ? `${count(m.removed.length, 'mapping')} removed` : '',
    m.changed.length ? `${count(m.changed.length, 'mapping')} changed` : '',
    d.rules.added.length ? `${count(d.rules.added.length, 'rule')} added` : '',
    d.rules.removed.length ? `${count(d.rules.removed.length, 'rule')} removed` : '',
    d.reordered.length ? `${count(d.reordered.length, 'chain')} reordered` : '',
  ].filter((p) => p !== '');
  const lines = [`${beforeFile} → ${afterFile}: ${parts.length ? parts.join(', ') : 'no change (counters aside)'}`];
  const phrases = diffPhrases(d);
  if (phrases.length) lines.push('', ...phrases.map((p) => `  ${p}`));
  const rules = (title: string, list: ReadingDiff['rules']['added']) => {
    if (!list.length) return;
    const width = String(Math.max(...list.map((r) => r.line))).length;
    lines.push('', title, ...list.map((r) => `  ${String(r.line).padStart(width)}  ${r.table}  ${r.text}`));
  };
  rules(`Rules removed (line in ${beforeFile}):`, d.rules.removed);
  rules(`Rules added (line in ${afterFile}):`, d.rules.added);
  return `${lines.join('\n')}\n`;
}
