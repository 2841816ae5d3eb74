import { type Dump, parse } from '@natscope/iptables';
import { describe, expect, it } from 'vitest';
import { generateDump, withProblems } from '../../../../bench/generate-dump.js';
import { corpusFiles, fixtureDump } from '../report/fixture-corpus.js';
import { ipToInt } from '../packet-sets/ipv4.js';
import { DESTINATION, matchSpace, ORIGINAL_DESTINATION, SOURCE } from '../packet-sets/match-space.js';
import { singlePort } from '../packet-sets/port-set.js';
import { DumpFacts, NO_PORT, PORT_SET } from './dump-facts.js';

/** Checks that every rule's numbers are those of its decoded match space, whichever path read it. */
function expectRowsOfDecodedSpaces(dump: Dump): void {
  const facts = new DumpFacts(dump);
  const codes = new Map<string, number>([['', 0]]);
  facts.rules.forEach((rule, id) => {
    const space = matchSpace(rule.decoded);
    const addresses = [space.source, space.destination, space.origDestination].map(
      (a) => a && [a.base | 0, a.length, a.negated],
    );
    const protocol = space.protocol?.value ?? '';
    if (!codes.has(protocol)) codes.set(protocol, facts.protocol(id));
    const ports = space.destinationPorts;
    expect(
      {
        addresses: [SOURCE, DESTINATION, ORIGINAL_DESTINATION].map((d) =>
          facts.length(id, d) === 0 && !facts.negated(id, d) && addresses[d] === null
            ? null
            : [facts.base(id, d), facts.length(id, d), facts.negated(id, d)],
        ),
        protocol: [facts.protocol(id), facts.protocolNegated(id)],
        port: facts.port(id),
        flags: [facts.understood(id), facts.testsMark(id)],
      },
      `${dump.file}: ${rule.text}`,
    ).toEqual({
      addresses: addresses.map((a) => (a && a[1] === 0 && a[0] === 0 && !a[2] ? null : a)),
      protocol: [codes.get(protocol), space.protocol?.negated ?? false],
      port: ports === null ? NO_PORT : (singlePort(ports) ?? PORT_SET),
      flags: [space.understood, space.mark !== null],
    });
  });
}

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
    const facts = new DumpFacts(dump);
    const rules = dump.tables[0]!.chains.flatMap((c) => c.rules);
    expect(facts.rules).toEqual(rules);
    expect(rules.map((r) => facts.idOf(r))).toEqual([0, 1, 2, 3]);
    expect(() => facts.idOf(parse(text).tables[0]!.chains[0]!.rules[0]!)).toThrow('not a rule of this dump');
  });

  it('keeps shapes, targets and the numbers the cover index keys on', () => {
    const facts = new DumpFacts(parse(text));
    expect(facts.shapes.map((s) => s?.kind ?? null)).toEqual(['fip-dnat', 'hairpin', null, null]);
    expect(facts.targets.map((t) => t && `${t.kind} ${t.name}`)).toEqual([
      'jump DNAT',
      'jump SNAT',
      'jump RETURN',
      null,
    ]);
    expect([facts.base(0, DESTINATION) >>> 0, facts.length(0, DESTINATION), facts.length(0, SOURCE)]).toEqual([
      ipToInt('192.168.100.11'),
      32,
      0,
    ]);
    expect([facts.base(1, ORIGINAL_DESTINATION) >>> 0, facts.length(1, ORIGINAL_DESTINATION)]).toEqual([
      ipToInt('192.168.100.11'),
      32,
    ]);
    expect([facts.testsMark(0), facts.testsMark(1)]).toEqual([false, true]);
    expect([facts.negated(2, SOURCE), facts.length(2, SOURCE), facts.port(2), facts.port(0)]).toEqual([
      true,
      8,
      PORT_SET,
      NO_PORT,
    ]);
    expect(facts.protocol(2)).toBeGreaterThan(0);
    expect([facts.protocol(0), facts.protocolNegated(2), facts.protocolNegated(3)]).toEqual([0, false, true]);
    expect([0, 1, 2, 3].map((id) => facts.understood(id))).toEqual([true, true, true, false]);
  });

  it('keeps the numbers of each rule’s decoded match space, on every fixture and on generated dumps', () => {
    for (const file of [...corpusFiles, 'match-cases-legacy.txt']) expectRowsOfDecodedSpaces(fixtureDump(file));
    expectRowsOfDecodedSpaces(parse(generateDump({ rules: 3_000, seed: 21 }), { file: 'generated' }));
    expectRowsOfDecodedSpaces(parse(withProblems(generateDump({ rules: 10_000, seed: 22 }), 22), { file: 'problems' }));
  });

  it('makes each rule’s match space on demand, the same as its decoded view gives, on every fixture', () => {
    for (const file of [...corpusFiles, 'match-cases-legacy.txt']) {
      const facts = new DumpFacts(fixtureDump(file));
      facts.rules.forEach((rule, id) => {
        expect(facts.space(id), `${file}: ${rule.text}`).toEqual(matchSpace(rule.decoded));
        expect(facts.space(id)).toBe(facts.space(id));
      });
    }
  });
});
