import { readFileSync } from 'node:fs';
import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import type { InspectReport, ReportRule } from '@natscope/api';
import { describe, expect, it } from 'vitest';
import { counterSnapshot, fillRates, fillRatesByLine } from './rates.js';
import { scanCounters } from '../collector/scan-counters.js';

const BEFORE = readFileSync(
  new URL('../../../../packages/iptables/fixtures/s5-tenant-v116-legacy.txt', import.meta.url),
  'utf8',
);
/** Ten seconds later: every counter that moved grew by 20 packets and 2000 bytes. */
const AFTER = BEFORE.replace(/^\[(\d+):(\d+)\]/gm, (m, p: string, b: string) =>
  p === '0' ? m : `[${Number(p) + 20}:${Number(b) + 2000}]`,
);

const rules = (r: InspectReport): ReportRule[] => r.tables.flatMap((t) => t.chains.flatMap((c) => c.rules));
const report = (text: string): InspectReport => inspect(parse(text, { file: 't' }));

describe('fillRates (by rule text)', () => {
  it('gives packets and bytes per second since the previous reading', () => {
    const r = report(AFTER);
    fillRates(r, 10_000, counterSnapshot(parse(BEFORE), 0));
    const moving = rules(r).filter((x) => (x.counters?.packets ?? 0) > 0);
    expect(moving.length).toBeGreaterThan(3);
    for (const x of moving) expect(x.rate).toEqual({ packetsPerSecond: 2, bytesPerSecond: 200 });
    for (const x of rules(r).filter((y) => y.counters?.packets === 0))
      expect(x.rate).toEqual({ packetsPerSecond: 0, bytesPerSecond: 0 });
  });

  it('matches rules by text, so a rule inserted above does not shift the others', () => {
    const inserted = AFTER.replace(
      /^(\[\d+:\d+\] -A SHARED_DNAT .*)$/m,
      '[5:500] -A SHARED_DNAT -d 192.168.100.99/32 -p tcp -m tcp --dport 1 -j DNAT --to-destination 10.0.9.9:1\n$1',
    );
    const r = report(inserted);
    fillRates(r, 10_000, counterSnapshot(parse(BEFORE), 0));
    const dnat = r.tables.find((t) => t.name === 'nat')?.chains.find((c) => c.name === 'SHARED_DNAT')?.rules ?? [];
    expect(dnat[0]?.rate).toBeNull(); // new: nothing to compare with
    expect(dnat[1]?.rate?.packetsPerSecond).toBe(2);
  });

  it('gives null on a first reading and when counters went down (a restart)', () => {
    const first = report(AFTER);
    fillRates(first, 10_000, null);
    expect(rules(first).every((x) => x.rate === null)).toBe(true);
    const reset = report(BEFORE);
    fillRates(reset, 10_000, counterSnapshot(parse(AFTER), 0));
    const moving = rules(reset).filter((x) => (x.counters?.packets ?? 0) > 0);
    expect(moving.every((x) => x.rate === null)).toBe(true);
  });
});

describe('fillRatesByLine (same shape)', () => {
  it('agrees with matching by text when only counters changed', () => {
    const byText = report(AFTER);
    fillRates(byText, 10_000, counterSnapshot(parse(BEFORE), 0));
    const byLine = report(AFTER);
    const before = scanCounters(BEFORE, '');
    fillRatesByLine(byLine, 10_000, { at: 0, counters: before.counters }, before.lines);
    expect(rules(byLine).map((x) => x.rate)).toEqual(rules(byText).map((x) => x.rate));
  });
});
