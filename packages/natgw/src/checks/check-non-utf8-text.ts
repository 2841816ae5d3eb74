import type { Diagnostic } from '@natscope/api';
import { escapeNonUtf8, hasNonUtf8, NON_UTF8_BYTES, type Line } from '@natscope/iptables';
import { ruleRef } from '../mappings/rule-ref.js';
import type { Check } from './check.js';

/**
 * `non-utf8-text`: a line holds bytes that are not UTF-8. iptables keeps whatever bytes an operator gives
 * `--comment` (and a chain name may hold any printable byte); natscope keeps them exactly (`decodeDump`) and
 * shows them escaped, `caf\xe9`. Not a fault of the gateway: an `info`, so the reader knows why a comment looks
 * odd and that the raw text holds the bytes themselves. One per line, at its first such byte.
 */
export const checkNonUtf8Text: Check = ({ dump }) => {
  if (!hasNonUtf8(dump.text)) return [];
  const found: Diagnostic[] = [];
  for (const line of dump.lines) {
    if (!hasNonUtf8(line.raw)) continue;
    const { line: number, column } = firstByteAt(line);
    const what = partOf(line);
    found.push({
      code: 'non-utf8-text',
      severity: 'info',
      message:
        `Line ${number}, column ${column}: ${what} is not UTF-8; shown escaped ` +
        `("${escapeNonUtf8(excerptOf(line, what))}"). The raw text keeps the bytes as the kernel holds them.`,
      rules: line.kind === 'rule' ? [ruleRef(line.rule)] : [],
    });
  }
  return found;
};

function firstByteAt(line: Line): { line: number; column: number } {
  const index = line.raw.search(NON_UTF8_BYTES);
  return { line: line.span.start.line, column: line.span.start.column + index };
}

type Part = 'comment' | 'chain name' | 'text';

// Names the part of the line the bytes are in, in the words the operator used to write it.
function partOf(line: Line): Part {
  if (line.kind === 'chain') return hasNonUtf8(line.chain.name) ? 'chain name' : 'text';
  if (line.kind === 'comment') return 'comment';
  if (line.kind !== 'rule') return 'text';
  if (commentOf(line)?.some(hasNonUtf8)) return 'comment';
  const { rule } = line;
  const target = rule.decoded.target?.name ?? '';
  return hasNonUtf8(rule.chain) || hasNonUtf8(target) ? 'chain name' : 'text';
}

function commentOf(line: Line & { kind: 'rule' }): string[] | undefined {
  return line.rule.decoded.matches.find((m) => m.module === 'comment')?.options.flatMap((o) => o.args);
}

function excerptOf(line: Line, part: Part): string {
  if (line.kind === 'rule' && part === 'comment') return (commentOf(line) ?? []).find(hasNonUtf8) ?? line.raw;
  if (line.kind === 'chain' && part === 'chain name') return line.chain.name;
  if (line.kind === 'rule' && part === 'chain name') {
    const target = line.rule.decoded.target?.name ?? '';
    return hasNonUtf8(line.rule.chain) ? line.rule.chain : target;
  }
  return line.raw;
}
