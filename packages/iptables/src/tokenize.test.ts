import { describe, expect, it } from 'vitest';
import { Input } from './input.js';
import { IptablesSyntaxError } from './iptables-syntax-error.js';
import { tokenize } from './tokenize.js';

function words(line: string) {
  const input = new Input(line, 'rule.txt');
  return tokenize(input, 0, line.length).map((t) => ({ value: t.value, raw: t.raw, quoted: t.quoted }));
}

const plain = (value: string) => ({ value, raw: value, quoted: false });

describe('tokenize', () => {
  it.each([
    ['-A X -j ACCEPT', [plain('-A'), plain('X'), plain('-j'), plain('ACCEPT')]],
    ['  -A\tX   -j  ACCEPT  ', [plain('-A'), plain('X'), plain('-j'), plain('ACCEPT')]],
    ['--comment "a b"', [plain('--comment'), { value: 'a b', raw: '"a b"', quoted: true }]],
    [
      '--comment "audit \\"web\\" ingress"',
      [plain('--comment'), { value: 'audit "web" ingress', raw: '"audit \\"web\\" ingress"', quoted: true }],
    ],
    ['"back\\\\slash"', [{ value: 'back\\slash', raw: '"back\\\\slash"', quoted: true }]],
    ['"it\\\'s"', [{ value: "it's", raw: '"it\\\'s"', quoted: true }]],
    ['""', [{ value: '', raw: '""', quoted: true }]],
    ['a"b c"', [{ value: 'ab c', raw: 'a"b c"', quoted: true }]],
    // iptables-restore ends a word at its closing quote.
    ['"a"b', [{ value: 'a', raw: '"a"', quoted: true }, plain('b')]],
    // Outside quotes a backslash is an ordinary character, and single quotes are not quotes.
    ['a\\b', [plain('a\\b')]],
    ["'a b'", [plain("'a"), plain("b'")]],
    ['! -s 10.0.0.1', [plain('!'), plain('-s'), plain('10.0.0.1')]],
    ['-s ! 10.0.0.1', [plain('-s'), plain('!'), plain('10.0.0.1')]],
    ['--log-prefix "in: "', [plain('--log-prefix'), { value: 'in: ', raw: '"in: "', quoted: true }]],
    ['"tab\tinside"', [{ value: 'tab\tinside', raw: '"tab\tinside"', quoted: true }]],
    ['"☕ naïve"', [{ value: '☕ naïve', raw: '"☕ naïve"', quoted: true }]],
    ['', []],
    ['   ', []],
  ])('splits %j', (line, expected) => {
    expect(words(line)).toEqual(expected);
  });

  it('gives each token the span of its raw text', () => {
    const line = '-A X -m comment --comment "a \\"b\\"" -j ACCEPT';
    const input = new Input(line, 'rule.txt');
    for (const token of tokenize(input, 0, line.length)) {
      expect(line.slice(token.span.start.offset, token.span.end.offset)).toBe(token.raw);
      expect(token.span.start.column).toBe(token.span.start.offset + 1);
    }
  });

  it.each([
    ['--comment "open', 11, 'unterminated quote'],
    ['--comment "escaped end\\"', 11, 'unterminated quote'],
    ['--comment "ends in a backslash\\', 11, 'unterminated quote'],
    ['-A X\u0000', 5, 'control character U+0000'],
    ['-A X "a\u0007b"', 8, 'control character U+0007'],
    ['-A \u001b[31mX', 4, 'control character U+001B'],
    ['-A X\u007f', 5, 'control character U+007F'],
    ['-A X\r-j', 5, 'stray carriage return'],
  ])('rejects %j at column %i', (line, column, reason) => {
    const input = new Input(line, 'rule.txt');
    let error: unknown;
    try {
      tokenize(input, 0, line.length);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IptablesSyntaxError);
    expect((error as IptablesSyntaxError).column).toBe(column);
    expect((error as IptablesSyntaxError).reason).toContain(reason);
  });
});
