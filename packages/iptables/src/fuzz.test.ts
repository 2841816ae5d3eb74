import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IptablesSyntaxError } from './iptables-syntax-error.js';
import { parse } from './parse.js';
import { print } from './print.js';
import { seededRandom as random } from './seeded-random.js';
import type { Rule, Token } from './types.js';

const fixtureDir = join(import.meta.dirname, '..', 'fixtures');
const corpus = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => readFileSync(join(fixtureDir, name), 'utf8'));

// Characters that matter to the grammar, plus some that must be rejected or passed through.
const ALPHABET = [
  ' ',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '"',
  '\\',
  '!',
  '-',
  '--',
  '[',
  ']',
  ':',
  '*',
  '#',
  '0',
  '9',
  'A',
  'x',
  '-A ',
  '-j ',
  '-m ',
  '-s ',
  '! ',
  '-c ',
  ' -p tcp --dport 22',
  'COMMIT',
  '*nat',
  ':X - [0:0]',
  '\u0000',
  '\u001b',
  '\u007f',
  '\uFEFF',
  'é',
  '☕',
  '\uD83D',
  '__proto__',
  'constructor',
];

type Mutation = (text: string, rand: () => number) => string;

const pick = <T>(items: readonly T[], rand: () => number): T => items[Math.floor(rand() * items.length)] as T;
const at = (text: string, rand: () => number) => Math.floor(rand() * (text.length + 1));

const mutations: Mutation[] = [
  // Insert grammar characters.
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + pick(ALPHABET, r) + t.slice(i);
  },
  // Delete a short range.
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + 1 + Math.floor(r() * 8));
  },
  // Replace one character.
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + pick(ALPHABET, r) + t.slice(i + 1);
  },
  // Truncate (a dump cut off mid-transfer).
  (t, r) => t.slice(0, at(t, r)),
  // Duplicate, drop or swap whole lines.
  (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    const j = Math.floor(r() * lines.length);
    const choice = r();
    if (choice < 0.33) lines.splice(i, 0, lines[j] ?? '');
    else if (choice < 0.66) lines.splice(i, 1);
    else [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    return lines.join('\n');
  },
  // Switch line endings.
  (t) => t.replace(/\n/g, '\r\n'),
];

function randomBytes(rand: () => number): string {
  const bytes = Buffer.alloc(Math.floor(rand() * 300));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
  return rand() < 0.5 ? bytes.toString('utf8') : bytes.toString('latin1');
}

/**
 * Why a rule's tokens do not stand for its words, or null: each token's span holds its raw text, only
 * whitespace lies between them, they begin `-A <chain>` and span the rule's text.
 */
function tokenFault(text: string, rule: Rule, chain: string): string | null {
  const tokens = rule.tokens;
  if (tokens[0]?.value !== '-A' || tokens[1]?.value !== chain) return `does not begin -A ${chain}`;
  if (tokens[0].span.start.offset !== rule.textStart || tokens.at(-1)?.span.end.offset !== rule.textEnd)
    return 'tokens do not cover its text';
  let previous: Token | undefined;
  for (const token of tokens) {
    if (text.slice(token.span.start.offset, token.span.end.offset) !== token.raw) return `token ${token.raw} misplaced`;
    if (previous && !/^[ \t]+$/.test(text.slice(previous.span.end.offset, token.span.start.offset)))
      return `no whitespace between ${previous.raw} and ${token.raw}`;
    previous = token;
  }
  return null;
}

/** The property: parse either succeeds and round-trips (with every rule decodable) or throws IptablesSyntaxError. */
function check(text: string): 'parsed' | 'rejected' {
  let dump;
  try {
    dump = parse(text, { file: 'fuzz.txt' });
  } catch (error) {
    if (!(error instanceof IptablesSyntaxError)) throw error;
    // Plain checks, not expect(): thousands of cases, and expect() is slow when called a million times.
    const located =
      error.line >= 1 && error.column >= 1 && error.message.startsWith(`fuzz.txt:${error.line}:${error.column}: `);
    if (!located || !error.codeFrame().includes('^'))
      expect.fail(`badly located error for ${JSON.stringify(text)}: ${error.message}`);
    return 'rejected';
  }
  // print joins the raw lines, so this holds by construction; what can fail is below: the words of each rule.
  if (print(dump) !== text) expect(print(dump)).toBe(text);
  for (const table of dump.tables) {
    for (const chain of table.chains) {
      for (const rule of chain.rules) {
        const fault = tokenFault(text, rule, chain.name);
        if (fault) expect.fail(`rule on line ${rule.line} of ${JSON.stringify(text)}: ${fault}`);
        // Decoding is lazy: read it, so a decoder that throws on what the parser accepted fails here.
        void rule.decoded.target;
      }
    }
  }
  return 'parsed';
}

describe('fuzz: any input parses and round-trips, or throws IptablesSyntaxError', () => {
  it('holds for 3000 seeded mutations of the fixtures', { timeout: 60_000 }, () => {
    const rand = random(0x5eed);
    const outcomes = { parsed: 0, rejected: 0 };
    for (let n = 0; n < 3000; n++) {
      let text = pick(corpus, rand);
      const rounds = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < rounds; k++) text = pick(mutations, rand)(text, rand);
      outcomes[check(text)]++;
    }
    // Both outcomes must actually occur, or the mutations are too weak (or too strong) to test anything.
    expect(outcomes.parsed).toBeGreaterThan(300);
    expect(outcomes.rejected).toBeGreaterThan(300);
  });

  it('holds for 1000 seeded random byte strings', () => {
    const rand = random(0xb17e5);
    const outcomes = { parsed: 0, rejected: 0 };
    for (let n = 0; n < 1000; n++) outcomes[check(randomBytes(rand))]++;
    // Random bytes are almost never iptables-save text: nearly all must take the located-error path.
    expect(outcomes.rejected).toBeGreaterThan(950);
  });

  it('holds for rule lines built from grammar fragments', () => {
    const rand = random(42);
    const words = [
      '!',
      '-s',
      '-d',
      '-p',
      'tcp',
      '--dport',
      '22',
      '-m',
      'mark',
      '--mark',
      '0x1',
      '-j',
      '-g',
      'X',
      '"a b"',
      '""',
      '-c',
      '1',
      '-f',
      '--x',
      'y',
    ];
    const outcomes = { parsed: 0, rejected: 0 };
    for (let n = 0; n < 1000; n++) {
      const length = Math.floor(rand() * 12);
      const line = ['-A X', ...Array.from({ length }, () => pick(words, rand))].join(' ');
      outcomes[check(`*nat\n:X - [0:0]\n${line}\nCOMMIT\n`)]++;
    }
    // The fragments make both valid and invalid rules, so both paths of check() are exercised.
    expect(outcomes.parsed).toBeGreaterThan(50);
    expect(outcomes.rejected).toBeGreaterThan(50);
  });
});
