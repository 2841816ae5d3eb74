import { describe, expect, it } from 'vitest';
import { lazyProperty } from './lazy-property.js';

describe('lazy property', () => {
  it('builds the value on first read only, keeping the key in its place', () => {
    let builds = 0;
    const object = { a: 1, big: [] as number[], z: 2 };
    lazyProperty(object, 'big', () => {
      builds++;
      return [1, 2, 3];
    });
    expect(builds).toBe(0);
    expect(JSON.stringify(object)).toBe('{"a":1,"big":[1,2,3],"z":2}');
    expect(object.big).toBe(object.big);
    expect({ ...object }).toEqual({ a: 1, big: [1, 2, 3], z: 2 });
    expect(builds).toBe(1);
    expect(Object.getOwnPropertyDescriptor(object, 'big')).toMatchObject({ writable: true, enumerable: true });
  });

  it('takes an assignment before the first read without building', () => {
    let builds = 0;
    const object = { big: [] as number[] };
    lazyProperty(object, 'big', () => {
      builds++;
      return [1];
    });
    object.big = [9];
    expect(object.big).toEqual([9]);
    expect(builds).toBe(0);
  });
});
