import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanCounters } from './scan-counters.js';

const DUMP = readFileSync(
  new URL('../../../../packages/iptables/fixtures/s5-tenant-v116-legacy.txt', import.meta.url),
  'utf8',
);
const ruleLines = DUMP.split('\n').flatMap((l, i) => (l.startsWith('[') ? [i + 1] : []));

/** The same dump taken later: every counter and timestamp moved, nothing else. */
const later = DUMP.replace(
  /\[(\d+):(\d+)\]/g,
  (_m, p: string, b: string) => `[${Number(p) + 7}:${Number(b) + 700}]`,
).replace(/ on \w{3} \w{3} +\d+ [\d:]+ \d{4}$/gm, ' on Sun Nov 29 01:02:03 2026');

describe('scanCounters', () => {
  it('collects every rule counter with its line, in input order', () => {
    const scan = scanCounters(DUMP, '');
    expect(Array.from(scan.lines)).toEqual(ruleLines);
    const first = /^\[(\d+):(\d+)\]/.exec(DUMP.split('\n')[(ruleLines[0] ?? 1) - 1] ?? '');
    expect([scan.counters[0], scan.counters[1]]).toEqual([Number(first?.[1]), Number(first?.[2])]);
    expect(scan.counters.length).toBe(2 * ruleLines.length);
  });

  it('gives the same shape when only counters and header timestamps changed', () => {
    expect(later).not.toBe(DUMP);
    expect(scanCounters(later, '').shape).toBe(scanCounters(DUMP, '').shape);
    expect(scanCounters(later, '').counters[0]).toBe((scanCounters(DUMP, '').counters[0] ?? 0) + 7);
  });

  it('gives another shape when a rule changes, one is added, or the context differs', () => {
    const base = scanCounters(DUMP, '').shape;
    expect(scanCounters(DUMP.replace('--to-destination 10.0.1.5', '--to-destination 10.0.1.6'), '').shape).not.toBe(
      base,
    );
    expect(
      scanCounters(
        DUMP.replace('COMMIT', '[1:2] -A SHARED_SNAT -s 10.9.0.0/16 -j SNAT --to-source 1.2.3.4\nCOMMIT'),
        '',
      ).shape,
    ).not.toBe(base);
    expect(scanCounters(DUMP, '# Warning: iptables-legacy tables present').shape).not.toBe(base);
  });

  it('tells apart comments that differ only in a byte that is not UTF-8 (carried as U+DC00 + byte)', () => {
    const comment = (byte: string) =>
      DUMP.replace('COMMIT', `[1:2] -A SHARED_SNAT -m comment --comment "caf${byte}" -j RETURN\nCOMMIT`);
    expect(scanCounters(comment('\udce9'), '').shape).not.toBe(scanCounters(comment('\udce8'), '').shape);
  });

  it('reads counters past 2^53 as Number() reads their digits', () => {
    const huge = DUMP.replace(/^\[\d+:\d+\]/m, '[18446744073709551615:9007199254740993]');
    const scan = scanCounters(huge, '');
    expect([scan.counters[0], scan.counters[1]]).toEqual([Number('18446744073709551615'), Number('9007199254740993')]);
  });

  it.each(['[x:1]', '[:1]', '[1:]', '[1:2', '[1-2]'])(
    'keeps a line whose counters look like %s in the shape, so the full parse sees it',
    (bad) => {
      const broken = DUMP.replace(/^\[\d+:\d+\]/m, bad);
      expect(scanCounters(broken, '').shape).not.toBe(scanCounters(DUMP, '').shape);
      expect(scanCounters(broken, '').lines.length).toBe(ruleLines.length - 1);
    },
  );

  it('keeps a line whose counters are not numbers in the shape, so the full parse sees it', () => {
    const broken = DUMP.replace(/^\[\d+:\d+\]/m, '[x:1]');
    expect(scanCounters(broken, '').shape).not.toBe(scanCounters(DUMP, '').shape);
    expect(scanCounters(broken, '').lines.length).toBe(ruleLines.length - 1);
  });
});
