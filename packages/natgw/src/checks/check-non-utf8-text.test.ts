import { describe, expect, it } from 'vitest';
import { hasNonUtf8 } from '@natscope/iptables';
import { contextOf, fixtureDump, inspectFixture } from '../report/fixture-corpus.js';
import { checkNonUtf8Text } from './check-non-utf8-text.js';

describe('non-utf8-text', () => {
  it('names the line, column and part of each line whose bytes are not UTF-8, escaped, as info', () => {
    const found = checkNonUtf8Text(contextOf(fixtureDump('odd-bytes-v116-legacy.txt')));
    expect(found.map((d) => [d.severity, d.message.split(';')[0]])).toEqual([
      ['info', 'Line 12, column 6: chain name is not UTF-8'],
      ['info', 'Line 16, column 64: comment is not UTF-8'],
      ['info', 'Line 19, column 77: comment is not UTF-8'],
      ['info', 'Line 28, column 22: chain name is not UTF-8'],
    ]);
    expect(found[1]!.message).toContain('shown escaped ("caf\\xe9 audit")');
    expect(found[1]!.rules).toEqual([{ table: 'nat', chain: 'PREROUTING', index: 1, line: 16 }]);
    expect(found[0]!.rules).toEqual([]);
  });

  it('leaves a UTF-8 emoji comment and ordinary dumps alone', () => {
    const found = checkNonUtf8Text(contextOf(fixtureDump('odd-bytes-v116-legacy.txt')));
    expect(found.some((d) => d.message.includes('emoji'))).toBe(false);
    expect(checkNonUtf8Text(contextOf(fixtureDump('operator-chains-v116-legacy.txt')))).toEqual([]);
  });
});

describe('a dump whose bytes are not all UTF-8, in the report', () => {
  it('reads every mapping and shows the bytes escaped where people read the rule', () => {
    const { report } = inspectFixture('odd-bytes-v116-legacy.txt');
    const rules = report.tables.flatMap((t) => t.chains.flatMap((c) => c.rules));
    const audit = rules.find((r) => r.line === 16)!;
    expect(audit.text).toBe('-A PREROUTING -i net1 -m comment --comment "caf\\xe9 audit" -j OPS!#%&=+~@^');
    expect(rules.find((r) => r.line === 27)!.text).toContain('"ok \u{1F600} emoji"');
    expect(rules.filter((r) => hasNonUtf8(r.text + r.summary))).toEqual([]);
  });
});
