import { Input } from './input.js';
import type { IptablesSyntaxError } from './iptables-syntax-error.js';
import { parseHeader } from './parse-header.js';
import { RuleLine } from './rule-line.js';
import { RuleNode } from './rule-node.js';
import type { Chain, Counters, Dump, Header, Line, Span, Table } from './types.js';
import { WORD_QUOTED, WordScanner, wordValue } from './word-scanner.js';

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

// iptables-save writes text: any control character but tab in a line (its CR/LF ending is already cut off)
// means binary data or a damaged paste. Rule lines, almost all of the input, are checked by the word
// scanner in the same pass that splits them; this regex covers the few other lines.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

// A '-c' or '--set-counters' word anywhere: a cheap test that lets the parser skip looking for them in each rule.
const IN_RULE_COUNTERS = /[ \t](?:-c|--set-counters)(?![^ \t\r\n])/;

/** A table while its lines are being read. */
interface OpenTable {
  table: Table;
  startOffset: number;
  endOffset: number;
}

/**
 * Reads iptables-save text line by line into a `Dump`. One instance parses one input; use `parse()`.
 *
 * Every line becomes a `Line` holding its raw text and line ending, so printing the lines gives the
 * input back byte for byte. Errors are raised through `Input`, which owns all position arithmetic.
 */
export class Parser {
  readonly input: Input;
  readonly #scanner = new WordScanner();
  readonly #lines: Line[] = [];
  readonly #tables: Table[] = [];
  readonly #headers: Header[] = [];
  readonly #warnings: { text: string; line: number }[] = [];
  #open: OpenTable | null = null;
  // The last table closed by COMMIT, to explain a stray line after it.
  #lastCommitLine = 0;
  #pendingHeader: Header | null = null;
  // The chain of the previous rule in the open table (reset with each *table line).
  #lastChain: Chain | null = null;
  // Whether any line may hold in-rule counters ('-c p b' or '--set-counters p b').
  readonly #inRuleCounters: boolean;

  constructor(text: string, file: string) {
    this.input = new Input(text, file);
    this.#inRuleCounters = IN_RULE_COUNTERS.test(text);
  }

  /** Parses the whole input. Throws `IptablesSyntaxError` on the first problem. */
  parse(): Dump {
    const { input } = this;
    const text = input.text;
    const starts = input.lineStarts;
    const count = starts.length;
    for (let n = 0; n < count; n++) {
      const start = starts[n] as number;
      const next = n + 1 < count ? (starts[n + 1] as number) : text.length;
      let end = next;
      let eol = '';
      if (end > start && text.charCodeAt(end - 1) === LF) {
        end--;
        eol = '\n';
        if (end > start && text.charCodeAt(end - 1) === CR) {
          end--;
          eol = '\r\n';
        }
      }
      this.#line(n + 1, start, end, eol);
    }
    this.#closeTable(false);

    return {
      file: input.file,
      text,
      lines: this.#lines,
      tables: this.#tables,
      headers: this.#headers,
      warnings: this.#warnings,
      backend: this.#headers[0]?.backend ?? 'unknown',
    };
  }

  #line(line: number, start: number, end: number, eol: string): void {
    const text = this.input.text;
    let p = start;
    // A byte-order mark from an editor is kept in the raw text but does not change what the line is.
    if (p === 0 && text.charCodeAt(0) === BOM) p++;
    p = skipBlanks(text, p, end);
    const first = text.charCodeAt(p);
    if (first === 0x2d /* - */ || first === 0x5b /* [ */) {
      // Rule lines, almost all of a dump, keep offsets: their raw text and span are made when read.
      this.#rule(line, start, p, end, eol);
      return;
    }
    const raw = text.slice(start, end);
    const control = CONTROL.exec(raw);
    if (control) throw this.input.controlCharacterError(start + control.index);
    const span = this.input.span(start, end);
    if (p === end) {
      this.#lines.push({ kind: 'blank', raw, eol, span });
      return;
    }
    switch (first) {
      case 0x23 /* # */:
        this.#comment(line, p, end, raw, eol, span);
        return;
      case 0x3a /* : */:
        this.#chain(line, p, end, raw, eol, span);
        return;
      case 0x2a /* * */:
        this.#table(line, start, p, end, raw, eol, span);
        return;
      default:
        if (text.startsWith('COMMIT', p) && skipBlanks(text, p + 6, end) === end) {
          this.#commit(line, p, end, raw, eol, span);
          return;
        }
        throw this.input.error(
          'not an iptables-save line: expected a # comment, *table, :CHAIN declaration, -A rule or COMMIT',
          p,
        );
    }
  }

  #comment(line: number, p: number, end: number, raw: string, eol: string, span: Span): void {
    const comment = this.input.text.slice(p + 1, end);
    this.#lines.push({ kind: 'comment', raw, eol, span, text: comment });
    const header = parseHeader(comment, line);
    if (header) {
      this.#headers.push(header);
      this.#pendingHeader = header;
      return;
    }
    const trimmed = comment.trim();
    // What iptables says about the dump itself: '# Warning: iptables-legacy tables present, …' (stdout or a
    // merged stderr), and iptables-nft-save's "# Table `nat' is incompatible, use 'nft' tool." when the
    // table holds rules it cannot show. Either way the rules printed are not all the rules in force.
    if (trimmed.startsWith('Warning:') || (trimmed.startsWith('Table `') && trimmed.includes('is incompatible'))) {
      this.#warnings.push({ text: trimmed, line });
    }
  }

  #table(line: number, start: number, p: number, end: number, raw: string, eol: string, span: Span): void {
    const text = this.input.text;
    const nameStart = p + 1;
    const nameEnd = wordEnd(text, nameStart, end);
    if (nameEnd === nameStart)
      throw this.input.error('table line without a name: expected *nat, *mangle, *filter, …', p);
    if (skipBlanks(text, nameEnd, end) !== end) {
      throw this.input.error('unexpected text after the table name', skipBlanks(text, nameEnd, end));
    }
    // A new table before COMMIT: the previous one was cut short (two saves pasted together).
    this.#closeTable(false);
    const table: Table = {
      name: text.slice(nameStart, nameEnd),
      chains: [],
      chainsByName: new Map(),
      committed: false,
      header: this.#pendingHeader,
      line,
      span,
    };
    this.#pendingHeader = null;
    this.#lastChain = null;
    this.#tables.push(table);
    this.#open = { table, startOffset: start, endOffset: end };
    this.#lines.push({ kind: 'table', raw, eol, span, table: table.name });
  }

  #chain(line: number, p: number, end: number, raw: string, eol: string, span: Span): void {
    const { input } = this;
    const text = input.text;
    const open = this.#requireTable(p, 'chain declaration');
    const nameStart = p + 1;
    const nameEnd = wordEnd(text, nameStart, end);
    if (nameEnd === nameStart)
      throw input.error('chain declaration without a name: expected :NAME POLICY [packets:bytes]', p);
    const name = text.slice(nameStart, nameEnd);
    const policyStart = skipBlanks(text, nameEnd, end);
    const policyEnd = wordEnd(text, policyStart, end);
    if (policyEnd === policyStart) {
      throw input.error(
        `chain ${name} has no policy: expected ACCEPT or DROP for a built-in chain, '-' for a user chain`,
        policyStart,
      );
    }
    const policy = text.slice(policyStart, policyEnd);
    let counters: Counters | null = null;
    let after = skipBlanks(text, policyEnd, end);
    if (after < end) {
      const read = this.#counters(after, end);
      counters = read.counters;
      after = skipBlanks(text, read.end, end);
      if (after < end) throw input.error('unexpected text after the chain counters', after);
    }
    const table = open.table;
    const earlier = table.chainsByName.get(name);
    if (earlier) {
      throw input.error(
        `chain ${name} is declared twice in table ${table.name} (first on line ${earlier.line})`,
        nameStart,
      );
    }
    const chain: Chain = {
      table: table.name,
      name,
      builtin: policy !== '-',
      policy: policy === '-' ? null : policy,
      counters,
      rules: [],
      line,
      span,
    };
    table.chains.push(chain);
    table.chainsByName.set(name, chain);
    open.endOffset = end;
    this.#lines.push({ kind: 'chain', raw, eol, span, chain });
  }

  #rule(line: number, start: number, p: number, end: number, eol: string): void {
    const { input } = this;
    const text = input.text;
    const open = this.#requireTable(p, 'rule');
    let counters: Counters | null = null;
    let wordsStart = p;
    if (text.charCodeAt(p) === 0x5b) {
      const read = this.#counters(p, end);
      counters = read.counters;
      wordsStart = skipBlanks(text, read.end, end);
      if (wordsStart === end) throw input.error('counters with no rule after them', p);
    }
    const scanner = this.#scanner;
    const count = scanner.scan(input, wordsStart, end);
    const first = scanner.start(0);
    const firstLength = scanner.end(0) - first;
    const isAppend =
      (firstLength === 2 && text.startsWith('-A', first)) || (firstLength === 8 && text.startsWith('--append', first));
    if (!isAppend) {
      const word = text.slice(first, scanner.end(0));
      const reason = /^-[A-Z]$|^--(insert|delete|new-chain|policy|flush|zero|rename-chain|delete-chain|replace)$/.test(
        word,
      )
        ? `only -A rules appear in iptables-save output, not ${word}`
        : `not an iptables-save line: a rule starts with -A CHAIN, found ${JSON.stringify(word)}`;
      throw input.error(reason, first);
    }
    if (count < 2) throw input.error('-A without a chain name', scanner.end(0));
    const chainStart = scanner.start(1);
    const chainEnd = scanner.end(1);
    const table = open.table;
    // iptables-save groups rules by chain: most rules name the chain of the rule before, so compare in
    // place before slicing a name and looking it up.
    const last = this.#lastChain;
    let chain: Chain | undefined;
    if (last && chainEnd - chainStart === last.name.length && text.startsWith(last.name, chainStart)) chain = last;
    const chainRaw = chain ? '' : text.slice(chainStart, chainEnd);
    const chainName = chain ? chain.name : scanner.flags(1) & WORD_QUOTED ? wordValue(chainRaw) : chainRaw;
    chain ??= table.chainsByName.get(chainName);
    if (!chain) {
      throw input.error(
        `rule for chain ${chainName}, which table ${table.name} does not declare (expected ":${chainName} - [0:0]" before its rules)`,
        chainStart,
      );
    }
    // Old iptables-restore input puts counters inside the rule: '-A X … -c packets bytes'. Looked for only when
    // the dump has such a word at all (iptables-save never prints one).
    for (let n = 2; this.#inRuleCounters && n < count; n++) {
      const s = scanner.start(n);
      const length = scanner.end(n) - s;
      if (
        text.charCodeAt(s) === 0x2d &&
        ((length === 2 && text.charCodeAt(s + 1) === 0x63) || (length === 14 && text.startsWith('--set-counters', s)))
      ) {
        const inRule = this.#readInRuleCounters(n, count, scanner.end(n));
        counters ??= inRule;
        n += 2;
      }
    }
    const wordsEnd = scanner.end(count - 1);
    this.#lastChain = chain;
    const rule = new RuleNode({
      input,
      table: table.name,
      chain: chain.name,
      index: chain.rules.length + 1,
      line,
      counters,
      start,
      end,
      wordsStart: first,
      wordsEnd,
    });
    chain.rules.push(rule);
    open.endOffset = end;
    this.#lines.push(new RuleLine(rule, eol));
  }

  #commit(line: number, p: number, end: number, raw: string, eol: string, span: Span): void {
    const open = this.#requireTable(p, 'COMMIT');
    open.endOffset = end;
    this.#lines.push({ kind: 'commit', raw, eol, span });
    this.#closeTable(true);
    this.#lastCommitLine = line;
  }

  #requireTable(offset: number, what: string): OpenTable {
    if (this.#open) return this.#open;
    const reason = this.#lastCommitLine
      ? `${what} outside a table: the table before it ended with COMMIT on line ${this.#lastCommitLine}`
      : `${what} before any *table line`;
    throw this.input.error(reason, offset);
  }

  #closeTable(committed: boolean): void {
    const open = this.#open;
    if (!open) return;
    open.table.committed = committed;
    open.table.span = this.input.span(open.startOffset, open.endOffset);
    this.#open = null;
    this.#pendingHeader = null;
  }

  // '[packets:bytes]' starting at `at`; returns the offset just past ']'.
  #counters(at: number, end: number): { counters: Counters; end: number } {
    const text = this.input.text;
    let i = at + 1;
    let packets = 0;
    for (let c = text.charCodeAt(i); i < end && c >= 0x30 && c <= 0x39; c = text.charCodeAt(++i))
      packets = packets * 10 + (c - 0x30);
    if (i === at + 1) throw this.#badCounter(i, 'packets is not a number', end);
    if (i >= end || text.charCodeAt(i) !== 0x3a) throw this.#badCounter(i, 'missing : between packets and bytes', end);
    const bytesStart = ++i;
    let bytes = 0;
    for (let c = text.charCodeAt(i); i < end && c >= 0x30 && c <= 0x39; c = text.charCodeAt(++i))
      bytes = bytes * 10 + (c - 0x30);
    if (i === bytesStart) throw this.#badCounter(i, 'bytes is not a number', end);
    if (i >= end || text.charCodeAt(i) !== 0x5d) throw this.#badCounter(i, 'missing ]', end);
    return { counters: { packets, bytes }, end: i + 1 };
  }

  #badCounter(offset: number, what: string, end: number): IptablesSyntaxError {
    const c = this.input.text.charCodeAt(offset);
    if (offset < end && (c < 0x20 || c === 0x7f) && c !== TAB) return this.input.controlCharacterError(offset);
    return this.input.error(`bad counter: ${what}; expected [packets:bytes] with two decimal numbers`, offset);
  }

  // The two words after '-c' / '--set-counters' at word `n`.
  #readInRuleCounters(n: number, count: number, flagEnd: number): Counters {
    const scanner = this.#scanner;
    const text = this.input.text;
    const values: number[] = [];
    for (let k = n + 1; k <= n + 2; k++) {
      if (k >= count)
        throw this.input.error(
          'bad counter: -c needs two numbers, packets and bytes',
          k === n + 1 ? flagEnd : scanner.end(k - 1),
        );
      const word = text.slice(scanner.start(k), scanner.end(k));
      if (!/^\d+$/.test(word))
        throw this.input.error(`bad counter: ${JSON.stringify(word)} is not a decimal number`, scanner.start(k));
      values.push(Number(word));
    }
    return { packets: values[0] ?? 0, bytes: values[1] ?? 0 };
  }
}

function skipBlanks(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) break;
    i++;
  }
  return i;
}

function wordEnd(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) break;
    i++;
  }
  return i;
}
