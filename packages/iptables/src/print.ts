import type { Dump } from './types.js';

/** Prints a dump back to text from its lines; for a parsed dump, `print(parse(x)) === x`. */
export function print(dump: Pick<Dump, 'lines'>): string {
  const parts = new Array<string>(dump.lines.length * 2);
  let n = 0;
  for (const line of dump.lines) {
    parts[n++] = line.raw;
    parts[n++] = line.eol;
  }
  return parts.join('');
}
