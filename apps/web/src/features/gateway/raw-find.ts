/** One occurrence of the find text in the dump: line (0-based index into the lines) and its [start, end) columns. */
export interface RawMatch {
  line: number;
  start: number;
  end: number;
}

/** More than this many occurrences are not marked (a one-letter search of a big dump); the count says so. */
export const MAX_MATCHES = 5000;

/**
 * Every occurrence of `query` in the lines, case-insensitive, in reading order, at most MAX_MATCHES. Matched with a
 * regular expression on the line as printed (not a lower-cased copy), so columns stay right for any character.
 */
export function findMatches(lines: readonly string[], query: string): RawMatch[] {
  if (query === '') return [];
  const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  const found: RawMatch[] = [];
  for (let line = 0; line < lines.length; line += 1) {
    const text = lines[line] ?? '';
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      found.push({ line, start: m.index, end: m.index + m[0].length });
      if (found.length >= MAX_MATCHES) return found;
    }
  }
  return found;
}
