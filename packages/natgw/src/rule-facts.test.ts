import { parse } from '@natscope/iptables';
import { describe, expect, it } from 'vitest';
import { corpusFiles, fixtureDump } from './fixture-corpus.js';
import { ipToInt } from './ipv4.js';
import { matchSpace } from './match-space.js';
import { DESTINATION, DumpFacts, NO_PORT, ORIGINAL_DESTINATION, PORT_SET, SOURCE } from './rule-facts.js';

const text = [
  '*nat',
  ':EXCLUSIVE_DNAT - [0:0]',
  ':HAIRPIN_SNAT - [0:0]',
  ':OPS - [0:0]',
  '-A EXCLUSIVE_DNAT -d 192.168.100.11/32 -j DNAT --to-destination 10.0.1.5',
  '-A HAIRPIN_SNAT -o eth0 -m mark --mark 0x1/0x1 -m conntrack --ctstate DNAT --ctorigdst 192.168.100.11 -j SNAT --to-source 192.168.100.11 --random-fully',
  '-A OPS ! -s 10.0.0.0/8 -p tcp -m multiport --dports 80,443 -j RETURN',
  '-A OPS -p ! udp -m limit --limit 5/sec',
  'COMMIT',
  '',
].join('\n');

describe('dump facts', () => {
  it('numbers rules in input order and finds each one’s id', () => {
    const dump = parse(text);
    const facts = new DumpFacts(dump.tables);
    const rules = dump.tables[0]!.chains.flatMap((c) => c.rules);
    expect(facts.rules).toEqual(rules);
    expect(rules.map((r) => facts.idOf(r))).toEqual([0, 1, 2, 3]);
    expect(() => facts.idOf(parse(text).tables[0]!.chains[0]!.rules[0]!)).toThrow('not a rule of this dump');
  });

  it('keeps shapes, targets and the numbers the cover index keys on', () => {
    const facts = new DumpFacts(parse(text).tables);
    expect(facts.shapes.map((s) => s?.kind ?? null)).toEqual(['fip-dnat', 'hairpin', null, null]);
    expect(facts.targets.map((t) => t && `${t.kind} ${t.name}`)).toEqual(['jump DNAT', 'jump SNAT', 'jump RETURN', null]);
    expect([facts.base(0, DESTINATION) >>> 0, facts.length(0, DESTINATION), facts.length(0, SOURCE)]).toEqual([ipToInt('192.168.100.11'), 32, 0]);
    expect([facts.base(1, ORIGINAL_DESTINATION) >>> 0, facts.length(1, ORIGINAL_DESTINATION)]).toEqual([ipToInt('192.168.100.11'), 32]);
    expect([facts.testsMark(0), facts.testsMark(1)]).toEqual([false, true]);
    expect([facts.negated(2, SOURCE), facts.length(2, SOURCE), facts.port(2), facts.port(0)]).toEqual([true, 8, PORT_SET, NO_PORT]);
    expect(facts.protocol(2)).toBeGreaterThan(0);
    expect([facts.protocol(0), facts.protocolNegated(2), facts.protocolNegated(3)]).toEqual([0, false, true]);
    expect([0, 1, 2, 3].map((id) => facts.understood(id))).toEqual([true, true, true, false]);
  });

  it('makes each rule’s match space on demand, the same as its decoded view gives, on every fixture', () => {
    for (const file of [...corpusFiles, 'match-cases-legacy.txt']) {
      const facts = new DumpFacts(fixtureDump(file).tables);
      facts.rules.forEach((rule, id) => {
        expect(facts.space(id), `${file}: ${rule.text}`).toEqual(matchSpace(rule.decoded));
        expect(facts.space(id)).toBe(facts.space(id));
      });
    }
  });
});
