import { describe, expect, it } from 'vitest';
import { rowMove } from './row-keys.js';

describe('keys on a rule row', () => {
  const drawn = [1, 2, 5, 9];

  it('moves between the drawn rules, stopping at either end', () => {
    expect(rowMove('ArrowDown', drawn, 2, false)).toEqual({ kind: 'row', index: 5 });
    expect(rowMove('ArrowUp', drawn, 5, false)).toEqual({ kind: 'row', index: 2 });
    expect(rowMove('ArrowUp', drawn, 1, false)).toBeNull();
    expect(rowMove('ArrowDown', drawn, 9, false)).toBeNull();
    expect(rowMove('Home', drawn, 5, false)).toEqual({ kind: 'row', index: 1 });
    expect(rowMove('End', drawn, 1, false)).toEqual({ kind: 'row', index: 9 });
  });

  it('follows a jump only from a row that jumps, and always offers the way back', () => {
    expect(rowMove('ArrowRight', drawn, 2, true)).toEqual({ kind: 'jump' });
    expect(rowMove('ArrowRight', drawn, 2, false)).toBeNull();
    expect(rowMove('ArrowLeft', drawn, 2, false)).toEqual({ kind: 'back' });
  });

  it('leaves Tab, Enter and letters to the browser', () => {
    for (const key of ['Tab', 'Enter', ' ', 'a']) expect(rowMove(key, drawn, 2, true)).toBeNull();
  });
});
