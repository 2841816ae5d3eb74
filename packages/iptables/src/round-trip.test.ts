import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDump } from './decode-dump.js';
import { encodeDump } from './encode-dump.js';
import { parse } from './parse.js';
import { print } from './print.js';
import type { Dump, Line } from './types.js';

const fixtureDir = join(import.meta.dirname, '..', 'fixtures');
// Every dump a teammate drops into fixtures/ (all *.txt, stdout and stderr captures) is covered without
// listing it here; the folder's other files (README, manifest, its own tests) are not iptables output.
const fixtures = readdirSync(fixtureDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.txt'))
  .map((entry) => join(entry.parentPath, entry.name))
  .sort();

/**
 * A line written back from what the tree says of it, never from its raw text. `print` joins the raw lines, so
 * `print(parse(x)) === x` holds whatever the parser understood; this is what fails when it misreads a line.
 */
function fromTree(line: Line): string {
  const counters = (c: { packets: number; bytes: number } | null): string => (c ? `[${c.packets}:${c.bytes}]` : '');
  switch (line.kind) {
    case 'blank':
      return line.raw.trim() === '' ? line.raw : `<not blank: ${line.raw}>`;
    case 'comment':
      return `#${line.text}`;
    case 'table':
      return `*${line.table}`;
    case 'chain':
      return [`:${line.chain.name}`, line.chain.policy ?? '-', counters(line.chain.counters)].filter(Boolean).join(' ');
    case 'rule':
      return [counters(line.rule.counters), line.rule.tokens.map((t) => t.raw).join(' ')].filter(Boolean).join(' ');
    case 'commit':
      return 'COMMIT';
  }
}

/** Every rule line's rule, and only those, stands in its chain at its index, and every chain in its table. */
function rulesInPlace(dump: Dump): void {
  const ruleLines = dump.lines.flatMap((l) => (l.kind === 'rule' ? [l.rule] : []));
  const inChains = dump.tables.flatMap((t) => t.chains.flatMap((c) => c.rules));
  expect(inChains.length).toBe(ruleLines.length);
  for (const table of dump.tables)
    for (const chain of table.chains) {
      expect(table.chainsByName.get(chain.name)).toBe(chain);
      chain.rules.forEach((rule, i) => {
        expect([rule.table, rule.chain, rule.index], rule.text).toEqual([table.name, chain.name, i + 1]);
        expect(rule.text.split(/\s+/).slice(0, 2), rule.text).toEqual(['-A', chain.name]);
      });
    }
}

describe('print(parse(x)) === x', () => {
  it('has fixtures to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  it.each(fixtures.map((path) => [path.slice(fixtureDir.length + 1), path]))('round-trips %s', (_name, path) => {
    // Bytes, not a utf8 string: a comment that is not UTF-8 (odd-bytes-*) must come back as the same bytes.
    const bytes = readFileSync(path);
    const { text } = decodeDump(bytes, path);
    const dump = parse(text, { file: path });
    expect(print(dump)).toBe(text);
    expect(Buffer.from(encodeDump(print(dump))).equals(bytes)).toBe(true);
    // The tree accounts for every line: iptables-save writes one space between words, so each line reads back
    // from its parsed fields, and the lines tile the text.
    let offset = 0;
    for (const line of dump.lines) {
      expect(line.span.start.offset).toBe(offset);
      expect(text.slice(line.span.start.offset, line.span.end.offset)).toBe(line.raw);
      expect(fromTree(line), `line ${line.span.start.line}`).toBe(line.raw);
      offset = line.span.end.offset + line.eol.length;
    }
    expect(offset).toBe(text.length);
    rulesInPlace(dump);
    // Every rule's decoded view is reachable and keeps what it was given: the target of its -j/-g, and each
    // -m module in order.
    for (const table of dump.tables) {
      for (const chain of table.chains) {
        for (const rule of chain.rules) {
          const words = rule.text.split(/\s+/);
          const jump = words.findIndex((w) => w === '-j' || w === '-g');
          expect(rule.decoded.target?.name ?? null, rule.text).toBe(jump === -1 ? null : words[jump + 1]);
          const modules = words.flatMap((w, i) => (w === '-m' || w === '--match' ? [words[i + 1]] : []));
          expect(
            rule.decoded.matches.filter((m) => !m.implicit).map((m) => m.module),
            rule.text,
          ).toEqual(modules);
        }
      }
    }
  });

  it.each([
    ['CRLF line endings', '*nat\r\n:PREROUTING ACCEPT [0:0]\r\nCOMMIT\r\n'],
    ['no final newline', '*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT'],
    ['trailing spaces and tabs', '*nat \n:PREROUTING ACCEPT [0:0]\t\n[1:2] -A PREROUTING -j ACCEPT  \nCOMMIT \n'],
    ['blank lines, also of spaces', '\n\n*nat\n   \n:PREROUTING ACCEPT [0:0]\n\nCOMMIT\n\n'],
    ['mixed line endings', '# one\r\n*nat\n:PREROUTING ACCEPT [0:0]\r\nCOMMIT\n'],
    ['an empty input', ''],
    ['only a newline', '\n'],
    ['a byte-order mark', '\uFEFF# Generated by iptables-save v1.8.9 on x\n*nat\nCOMMIT\n'],
    [
      'quoted words with escapes',
      '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment "audit \\"web\\" ingress" -j ACCEPT\nCOMMIT\n',
    ],
    [
      'non-ASCII comments',
      '# café ☕\n*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment "naïve ☕" -j ACCEPT\nCOMMIT\n',
    ],
  ])('keeps %s byte for byte', (_what, text) => {
    expect(print(parse(text))).toBe(text);
  });
});
