import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IptablesSyntaxError } from './iptables-syntax-error.js';
import { parse } from './parse.js';
import { print } from './print.js';
import { readPastedDump } from './read-pasted-dump.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', name), 'utf8');
// A real dump with -c (counters on every line) and one without (iptables-legacy-save as a person types it).
const WITH_COUNTERS = fixture('s5-tenant-v116-legacy.txt');
const rulesOf = (text: string) =>
  parse(text, { file: 'paste' }).tables.map((t) => ({
    table: t.name,
    chains: t.chains.map((c) => ({ name: c.name, rules: c.rules.map((r) => r.text) })),
  }));

describe('readPastedDump', () => {
  it('leaves iptables-save output exactly as it is and says nothing', () => {
    const pasted = readPastedDump(WITH_COUNTERS);
    expect(pasted.text).toBe(WITH_COUNTERS);
    expect(pasted.changes).toEqual([]);
    expect(pasted.skipped).toEqual([]);
    expect(print(parse(pasted.text))).toBe(WITH_COUNTERS);
  });

  it('reads a CRLF copy with a byte-order mark as the same rules, and says so', () => {
    const pasted = readPastedDump(`\ufeff${WITH_COUNTERS.replace(/\n/g, '\r\n')}`);
    expect(pasted.text).toBe(WITH_COUNTERS);
    expect(pasted.changes).toEqual(['a byte-order mark at the start removed', 'CRLF line ends read as LF']);
  });

  it('trims trailing spaces a ticket added, counting the lines', () => {
    const lines = WITH_COUNTERS.split('\n');
    lines[3] += '   ';
    lines[10] += '\t';
    const pasted = readPastedDump(lines.join('\n'));
    expect(pasted.text).toBe(WITH_COUNTERS);
    expect(pasted.changes).toEqual(['trailing spaces removed from 2 lines']);
  });

  it('skips the prompt and command before the dump and the prompt after it, keeping every line number', () => {
    const text = `root@vpc-nat-gw-gw1-0:/kube-ovn# iptables-legacy-save -c\n${WITH_COUNTERS}root@vpc-nat-gw-gw1-0:/kube-ovn# \n`;
    const pasted = readPastedDump(text);
    expect(pasted.skipped).toEqual([
      { line: 1, text: 'root@vpc-nat-gw-gw1-0:/kube-ovn# iptables-legacy-save -c' },
      { line: WITH_COUNTERS.split('\n').length + 1, text: 'root@vpc-nat-gw-gw1-0:/kube-ovn#' },
    ]);
    expect(pasted.changes).toContain(
      `lines 1, ${WITH_COUNTERS.split('\n').length + 1} skipped: not iptables-save output`,
    );
    expect(rulesOf(pasted.text)).toEqual(rulesOf(WITH_COUNTERS));
    // Line numbers are the pasted ones: the first rule of the original sits one line lower.
    const original = parse(WITH_COUNTERS).tables[0]!.chains.find((c) => c.rules.length > 0)!.rules[0]!;
    const moved = parse(pasted.text).tables[0]!.chains.find((c) => c.rules.length > 0)!.rules[0]!;
    expect(moved.span.start.line).toBe(original.span.start.line + 1);
  });

  it('reads the same rules with and without counters', () => {
    const plain = WITH_COUNTERS.replace(/^\[\d+:\d+\] /gm, '').replace(/ \[\d+:\d+\]$/gm, ' [0:0]');
    expect(rulesOf(readPastedDump(plain).text)).toEqual(rulesOf(WITH_COUNTERS));
  });

  it('leaves a line inside the dump that is not iptables-save output for parse to reject at its position', () => {
    const lines = WITH_COUNTERS.split('\n');
    lines.splice(5, 0, 'oops, pasted twice');
    const pasted = readPastedDump(lines.join('\n'));
    expect(pasted.skipped).toEqual([]);
    expect(() => parse(pasted.text, { file: 'ticket.txt' })).toThrow(IptablesSyntaxError);
    expect(() => parse(pasted.text, { file: 'ticket.txt' })).toThrow(/^ticket\.txt:6:1: not an iptables-save line/);
  });

  it('skips nothing in text with no dump at all, so parse names its first line', () => {
    const pasted = readPastedDump('hello\nworld\n');
    expect(pasted.skipped).toEqual([]);
    expect(() => parse(pasted.text, { file: 'x' })).toThrow(/^x:1:1: /);
  });
});
