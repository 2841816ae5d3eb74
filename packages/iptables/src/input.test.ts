import { describe, expect, it } from 'vitest';
import { Input } from './input.js';
import { IptablesSyntaxError } from './iptables-syntax-error.js';

describe('Input', () => {
  it('indexes lines without a phantom line after the final newline', () => {
    expect(Array.from(new Input('a\nbb\n', 'f').lineStarts)).toEqual([0, 2]);
    expect(Array.from(new Input('a\nbb', 'f').lineStarts)).toEqual([0, 2]);
    expect(Array.from(new Input('\n\n', 'f').lineStarts)).toEqual([0, 1]);
    expect(new Input('', 'f').lineCount).toBe(0);
  });

  it('turns offsets into 1-based line and column, in any order', () => {
    const input = new Input('ab\r\ncd\n\nef', 'f');
    const at = (offset: number) => {
      const { line, column } = input.position(offset);
      return [line, column];
    };
    expect([at(9), at(0), at(4), at(3), at(7), at(8), at(1), at(10)]).toEqual([
      [4, 2],
      [1, 1],
      [2, 1],
      [1, 4],
      [3, 1],
      [4, 1],
      [1, 2],
      [4, 3],
    ]);
  });

  it('clamps offsets outside the text', () => {
    const input = new Input('abc', 'f');
    expect(input.position(-5)).toEqual({ offset: 0, line: 1, column: 1 });
    expect(input.position(99)).toEqual({ offset: 3, line: 1, column: 4 });
    expect(new Input('', 'f').position(0)).toEqual({ offset: 0, line: 1, column: 1 });
  });

  it('builds spans whose positions are read on demand and print as plain JSON', () => {
    const input = new Input('x\nhello world\n', 'f');
    const span = input.span(8, 13);
    expect(span.start).toEqual({ offset: 8, line: 2, column: 7 });
    expect(span.end).toEqual({ offset: 13, line: 2, column: 12 });
    expect(JSON.parse(JSON.stringify(span))).toEqual({ start: span.start, end: span.end });
  });

  it('raises errors at an offset with the file name', () => {
    const error = new Input('ok\nbad line\n', 'gw.txt').error('something is wrong', 7);
    expect(error).toBeInstanceOf(IptablesSyntaxError);
    expect(error.message).toBe('gw.txt:2:5: something is wrong');
  });
});
