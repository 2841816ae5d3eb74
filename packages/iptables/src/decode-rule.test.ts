import { describe, expect, it } from 'vitest';
import { parse } from './parse.js';
import type { DecodedRule, Rule, RuleOption } from './types.js';

/** Parses one rule line in a table that declares its chain. */
function ruleOf(line: string, chain = /-A (\S+)/.exec(line)?.[1] ?? 'X'): Rule {
  const dump = parse(`*nat\n:${chain} - [0:0]\n${line}\nCOMMIT\n`);
  const rule = dump.tables[0]?.chains[0]?.rules[0];
  if (!rule) throw new Error('no rule parsed');
  return rule;
}

const opt = (o: RuleOption) => `${o.negated ? '! ' : ''}${o.name}${o.args.map((a) => ` ${a}`).join('')}`;

/** A compact picture of a decoded rule: what a reader of the rule would say it does. */
function summary(d: DecodedRule) {
  return {
    source: d.source,
    destination: d.destination,
    protocol: d.protocol,
    inInterface: d.inInterface,
    outInterface: d.outInterface,
    fragment: d.fragment,
    matches: d.matches.map((m) => ({ module: m.module, implicit: m.implicit, options: m.options.map(opt) })),
    target: d.target && { kind: d.target.kind, name: d.target.name, options: d.target.options.map(opt) },
    unknown: d.unknown.map(opt),
  };
}

const none = {
  source: null,
  destination: null,
  protocol: null,
  inInterface: null,
  outInterface: null,
  fragment: null,
  matches: [],
  target: null,
  unknown: [],
};

describe('decoding the Kube-OVN rule shapes (reference §1.13)', () => {
  it('decodes the init jumps', () => {
    expect(summary(ruleOf('[0:0] -A PREROUTING -j DNAT_FILTER').decoded)).toEqual({
      ...none,
      target: { kind: 'jump', name: 'DNAT_FILTER', options: [] },
    });
  });

  it('decodes a floating IP DNAT half', () => {
    const d = ruleOf('-A EXCLUSIVE_DNAT -d 192.168.100.11/32 -j DNAT --to-destination 10.0.1.5').decoded;
    expect(summary(d)).toEqual({
      ...none,
      destination: { value: '192.168.100.11/32', negated: false },
      target: { kind: 'jump', name: 'DNAT', options: ['to-destination 10.0.1.5'] },
    });
  });

  it('decodes a floating IP SNAT half', () => {
    const d = ruleOf('-A EXCLUSIVE_SNAT -s 10.0.1.5/32 -j SNAT --to-source 192.168.100.11').decoded;
    expect(summary(d)).toEqual({
      ...none,
      source: { value: '10.0.1.5/32', negated: false },
      target: { kind: 'jump', name: 'SNAT', options: ['to-source 192.168.100.11'] },
    });
  });

  it('decodes a port forward with its explicit tcp module', () => {
    const d = ruleOf(
      '-A SHARED_DNAT -d 192.168.100.12/32 -p udp -m udp --dport 53 -j DNAT --to-destination 10.0.1.12:53',
    ).decoded;
    expect(summary(d)).toEqual({
      ...none,
      destination: { value: '192.168.100.12/32', negated: false },
      protocol: { value: 'udp', negated: false },
      matches: [{ module: 'udp', implicit: false, options: ['dport 53'] }],
      target: { kind: 'jump', name: 'DNAT', options: ['to-destination 10.0.1.12:53'] },
    });
  });

  it('decodes a shared SNAT with -o net1 and --random-fully', () => {
    const d = ruleOf('-A SHARED_SNAT -s 10.0.1.0/24 -o net1 -j SNAT --to-source 192.168.100.10 --random-fully').decoded;
    expect(summary(d)).toEqual({
      ...none,
      source: { value: '10.0.1.0/24', negated: false },
      outInterface: { value: 'net1', negated: false },
      target: { kind: 'jump', name: 'SNAT', options: ['to-source 192.168.100.10', 'random-fully'] },
    });
  });

  it('decodes the v1.11 shared SNAT without -o and without --random-fully', () => {
    const d = ruleOf('-A SHARED_SNAT -s 10.0.1.0/24 -j SNAT --to-source 192.168.100.10').decoded;
    expect(d.outInterface).toBeNull();
    expect(d.target?.options.map(opt)).toEqual(['to-source 192.168.100.10']);
  });

  it('decodes a hairpin SNAT with mark and conntrack matches', () => {
    const d = ruleOf(
      '-A HAIRPIN_SNAT -o eth0 -m mark --mark 0x1/0x1 -m conntrack --ctstate DNAT --ctorigdst 192.168.100.10 -j SNAT --to-source 192.168.100.10 --random-fully',
    ).decoded;
    expect(summary(d)).toEqual({
      ...none,
      outInterface: { value: 'eth0', negated: false },
      matches: [
        { module: 'mark', implicit: false, options: ['mark 0x1/0x1'] },
        { module: 'conntrack', implicit: false, options: ['ctstate DNAT', 'ctorigdst 192.168.100.10'] },
      ],
      target: { kind: 'jump', name: 'SNAT', options: ['to-source 192.168.100.10', 'random-fully'] },
    });
  });

  it('decodes the mangle VPC_MARK rule', () => {
    const d = ruleOf('-A VPC_MARK -i eth0 -j MARK --set-xmark 0x1/0x1').decoded;
    expect(summary(d)).toEqual({
      ...none,
      inInterface: { value: 'eth0', negated: false },
      target: { kind: 'jump', name: 'MARK', options: ['set-xmark 0x1/0x1'] },
    });
  });

  it('lower-cases an upper-case protocol (issue F3) but keeps the flag as written', () => {
    const d = ruleOf(
      '-A SHARED_DNAT -d 192.168.100.12/32 -p TCP --dport 22 -j DNAT --to-destination 10.0.1.10:22',
    ).decoded;
    expect(d.protocol).toEqual({ value: 'tcp', negated: false });
    expect(d.matches.map((m) => [m.module, m.implicit, m.options.map(opt)])).toEqual([['tcp', true, ['dport 22']]]);
  });
});

describe('decoding common operator rules', () => {
  it('decodes multiport with a port list', () => {
    const d = ruleOf('-A X -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT').decoded;
    expect(d.matches.map((m) => [m.module, m.options.map(opt)])).toEqual([['multiport', ['dports 80,443,8000:8080']]]);
  });

  it('decodes a negated mark with a mask', () => {
    const d = ruleOf('-A X -m mark ! --mark 0x4000/0x4000 -j RETURN').decoded;
    expect(summary(d).matches).toEqual([{ module: 'mark', implicit: false, options: ['! mark 0x4000/0x4000'] }]);
    expect(d.target?.name).toBe('RETURN');
  });

  it('decodes conntrack --ctstate lists and --ctorigdst', () => {
    const d = ruleOf('-A X -m conntrack --ctstate RELATED,ESTABLISHED --ctorigdst 192.168.100.10/32 -j ACCEPT').decoded;
    expect(summary(d).matches).toEqual([
      { module: 'conntrack', implicit: false, options: ['ctstate RELATED,ESTABLISHED', 'ctorigdst 192.168.100.10/32'] },
    ]);
  });

  it('decodes LOG with a quoted prefix holding spaces', () => {
    const d = ruleOf('-A X -p tcp -m tcp --dport 22 -j LOG --log-prefix "ssh in: " --log-level 4').decoded;
    expect(summary(d).target).toEqual({ kind: 'jump', name: 'LOG', options: ['log-prefix ssh in: ', 'log-level 4'] });
  });

  it('decodes MASQUERADE --to-ports with a range', () => {
    const d = ruleOf(
      '-A POSTROUTING -s 10.0.0.0/8 ! -d 10.0.0.0/8 -j MASQUERADE --to-ports 1024-65535 --random',
    ).decoded;
    expect(summary(d)).toEqual({
      ...none,
      source: { value: '10.0.0.0/8', negated: false },
      destination: { value: '10.0.0.0/8', negated: true },
      target: { kind: 'jump', name: 'MASQUERADE', options: ['to-ports 1024-65535', 'random'] },
    });
  });

  it('decodes a comment with escaped quotes', () => {
    const d = ruleOf('-A X -m comment --comment "audit \\"web\\" ingress" -j ACCEPT').decoded;
    expect(summary(d).matches).toEqual([
      { module: 'comment', implicit: false, options: ['comment audit "web" ingress'] },
    ]);
  });

  it('keeps a comment that looks like a flag as the comment (iptables-save prints it unquoted)', () => {
    const d = ruleOf('-A X -m comment --comment -s -j ACCEPT').decoded;
    expect(summary(d).matches).toEqual([{ module: 'comment', implicit: false, options: ['comment -s'] }]);
    expect(d.source).toBeNull();
  });

  it('decodes DNAT and SNAT address and port ranges', () => {
    const dnat = ruleOf(
      '-A X -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.1.10-10.0.1.20:8080-8090 --persistent',
    ).decoded;
    expect(dnat.target?.options.map(opt)).toEqual(['to-destination 10.0.1.10-10.0.1.20:8080-8090', 'persistent']);
    const snat = ruleOf('-A X -j SNAT --to-source 192.168.100.10-192.168.100.12 --random-fully').decoded;
    expect(snat.target?.options.map(opt)).toEqual(['to-source 192.168.100.10-192.168.100.12', 'random-fully']);
  });

  it('decodes REJECT --reject-with and a goto', () => {
    expect(
      summary(ruleOf('-A X -p icmp -m icmp --icmp-type 8 -j REJECT --reject-with icmp-port-unreachable').decoded)
        .target,
    ).toEqual({
      kind: 'jump',
      name: 'REJECT',
      options: ['reject-with icmp-port-unreachable'],
    });
    expect(summary(ruleOf('-A X -i eth0 -g OTHER').decoded).target).toEqual({
      kind: 'goto',
      name: 'OTHER',
      options: [],
    });
  });

  it('decodes a rule without a target (it only counts)', () => {
    const d = ruleOf('-A X -s 10.0.0.1/32').decoded;
    expect(d.target).toBeNull();
    expect(d.source).toEqual({ value: '10.0.0.1/32', negated: false });
  });

  it('decodes a fragment match and its negation', () => {
    expect(ruleOf('-A X -f -j DROP').decoded.fragment).toEqual({ negated: false });
    expect(ruleOf('-A X ! -f -j DROP').decoded.fragment).toEqual({ negated: true });
  });

  it('decodes tcp flags with two arguments and a negated --syn', () => {
    const d = ruleOf('-A X -p tcp -m tcp ! --syn --tcp-flags SYN,RST SYN -j DROP').decoded;
    expect(summary(d).matches).toEqual([
      { module: 'tcp', implicit: false, options: ['! syn', 'tcp-flags SYN,RST SYN'] },
    ]);
  });

  it('decodes set matches with two arguments', () => {
    const d = ruleOf('-A X -m set --match-set blocked src -j DROP').decoded;
    expect(summary(d).matches).toEqual([{ module: 'set', implicit: false, options: ['match-set blocked src'] }]);
  });
});

describe('generic flags in long and short form', () => {
  it.each([
    ['-s 10.0.0.0/8', '--source 10.0.0.0/8', 'source'],
    ['-d 10.0.0.0/8', '--destination 10.0.0.0/8', 'destination'],
    ['-i eth0', '--in-interface eth0', 'inInterface'],
    ['-o net1', '--out-interface net1', 'outInterface'],
    ['-p udp', '--protocol udp', 'protocol'],
  ] as const)('reads %s the same as %s', (short, long, field) => {
    const a = ruleOf(`-A X ${short} -j ACCEPT`).decoded;
    const b = ruleOf(`-A X ${long} -j ACCEPT`).decoded;
    expect(a[field]).not.toBeNull();
    expect(b[field]).toEqual(a[field]);
  });

  it('reads --jump, --goto and --match like -j, -g and -m', () => {
    expect(summary(ruleOf('-A X --match mark --mark 1 --jump ACCEPT').decoded)).toEqual(
      summary(ruleOf('-A X -m mark --mark 1 -j ACCEPT').decoded),
    );
    expect(ruleOf('-A X --goto Y').decoded.target).toMatchObject({ kind: 'goto', name: 'Y' });
    expect(ruleOf('-A X --fragment -j DROP').decoded.fragment).toEqual({ negated: false });
  });

  it('names generic options by their long form and keeps the flag as written', () => {
    const d = ruleOf('-A X -p tcp ! --dport 22 -j ACCEPT').decoded;
    const option = d.matches[0]?.options[0];
    expect(option).toMatchObject({ name: 'dport', flag: '--dport', negated: true, args: ['22'] });
  });
});

describe('negation', () => {
  it.each([
    ['! -s 10.0.0.1/32', 'source', { value: '10.0.0.1/32', negated: true }],
    ['-s ! 10.0.0.1/32', 'source', { value: '10.0.0.1/32', negated: true }],
    ['! -d 10.0.0.0/8', 'destination', { value: '10.0.0.0/8', negated: true }],
    ['-d ! 10.0.0.0/8', 'destination', { value: '10.0.0.0/8', negated: true }],
    ['! -i eth0', 'inInterface', { value: 'eth0', negated: true }],
    ['-o ! net1', 'outInterface', { value: 'net1', negated: true }],
    ['! -p tcp', 'protocol', { value: 'tcp', negated: true }],
    ['-p ! udp', 'protocol', { value: 'udp', negated: true }],
  ] as const)('reads %s as a negated match', (words, field, expected) => {
    expect(ruleOf(`-A X ${words} -j ACCEPT`).decoded[field]).toEqual(expected);
  });

  it('reads the old form on module options too: --dport ! 22', () => {
    const d = ruleOf('-A X -p tcp -m tcp --dport ! 22 -j ACCEPT').decoded;
    expect(d.matches[0]?.options.map(opt)).toEqual(['! dport 22']);
  });

  it('gives a ! before a flag to that flag, not to the option before it', () => {
    const d = ruleOf('-A X -m conntrack --ctstate DNAT ! --ctorigdst 10.0.0.1 -j ACCEPT').decoded;
    expect(d.matches[0]?.options.map(opt)).toEqual(['ctstate DNAT', '! ctorigdst 10.0.0.1']);
  });

  it('keeps a ! that iptables would refuse (before -j) instead of dropping it', () => {
    const d = ruleOf('-A X ! -j ACCEPT').decoded;
    expect(d.target?.name).toBe('ACCEPT');
    expect(d.unknown.map(opt)).toEqual(['!']);
  });
});

describe('implicit protocol modules', () => {
  it('reports -p tcp --dport 22 without -m tcp as an implicit tcp module', () => {
    const d = ruleOf('-A X -p tcp --dport 22 -j ACCEPT').decoded;
    expect(summary(d).matches).toEqual([{ module: 'tcp', implicit: true, options: ['dport 22'] }]);
  });

  it('routes a port option past a module that has no such option', () => {
    const d = ruleOf('-A X -p udp -m comment --comment dns --dport 53 -j ACCEPT').decoded;
    expect(summary(d).matches).toEqual([
      { module: 'comment', implicit: false, options: ['comment dns'] },
      { module: 'udp', implicit: true, options: ['dport 53'] },
    ]);
  });

  it('adds a port option to an explicit protocol module seen earlier', () => {
    const d = ruleOf('-A X -p tcp -m tcp --sport 1024 -m mark --mark 0x1 --dport 22 -j ACCEPT').decoded;
    expect(summary(d).matches).toEqual([
      { module: 'tcp', implicit: false, options: ['sport 1024', 'dport 22'] },
      { module: 'mark', implicit: false, options: ['mark 0x1'] },
    ]);
  });

  it('leaves an option with a module it knows nothing about', () => {
    const d = ruleOf('-A X -p tcp -m mystery --dport 22 -j ACCEPT').decoded;
    expect(summary(d).matches).toEqual([{ module: 'mystery', implicit: false, options: ['dport 22'] }]);
  });
});

describe('what the decoder does not know is kept', () => {
  it('keeps unknown modules and targets with all their options', () => {
    const d = ruleOf('-A X -m frobnicate --level 3 --verbose --names a b c -j WIBBLE --with "x y" --flag').decoded;
    expect(summary(d)).toEqual({
      ...none,
      matches: [{ module: 'frobnicate', implicit: false, options: ['level 3', 'verbose', 'names a b c'] }],
      target: { kind: 'jump', name: 'WIBBLE', options: ['with x y', 'flag'] },
    });
  });

  it('keeps stray words, options before any module, and repeated generic flags in unknown', () => {
    const d = ruleOf('-A X stray --orphan 1 -s 10.0.0.1 -s 10.0.0.2 -j ACCEPT -j DROP').decoded;
    expect(d.source).toEqual({ value: '10.0.0.1', negated: false });
    expect(d.target?.name).toBe('ACCEPT');
    expect(d.unknown.map((o) => [o.name, o.flag, o.args])).toEqual([
      ['', '', ['stray']],
      ['orphan', '--orphan', ['1']],
      ['source', '-s', ['10.0.0.2']],
      ['jump', '-j', ['DROP']],
    ]);
  });

  it('keeps a flag that lacks its argument', () => {
    const d = ruleOf('-A X -j ACCEPT -s').decoded;
    expect(d.source).toBeNull();
    expect(d.unknown.map((o) => [o.name, o.args])).toEqual([['source', []]]);
  });

  it('treats old in-rule counters as counters, not as a match', () => {
    const rule = ruleOf('-A X -s 10.0.0.1/32 -c 12 3400 -j ACCEPT');
    expect(rule.counters).toEqual({ packets: 12, bytes: 3400 });
    expect(rule.decoded.unknown).toEqual([]);
    expect(rule.decoded.target?.name).toBe('ACCEPT');
  });

  it('accounts for every word after the generic flags in some decoded node', () => {
    const rule = ruleOf(
      '-A X -m tcp --dport 22 -m comment --comment "a b" stray -m x ! --y 1 2 -j LOG --log-prefix "p " extra',
    );
    const d = rule.decoded;
    const spans = [
      ...d.matches.flatMap((m) => [m.span, ...m.options.map((o) => o.span)]),
      ...(d.target ? [d.target.span, ...d.target.options.map((o) => o.span)] : []),
      ...d.unknown.map((o) => o.span),
    ];
    for (const token of rule.tokens.slice(2)) {
      const inside = spans.some(
        (s) => s.start.offset <= token.span.start.offset && token.span.end.offset <= s.end.offset,
      );
      expect(inside, `${token.raw} is in a decoded node`).toBe(true);
    }
  });
});

describe('the decoded view', () => {
  it('is computed once and then kept', () => {
    const rule = ruleOf('-A X -j ACCEPT');
    expect(rule.decoded).toBe(rule.decoded);
    expect(rule.tokens).toBe(rule.tokens);
  });

  it('shows up in JSON', () => {
    const json = JSON.parse(JSON.stringify(ruleOf('-A X -p tcp --dport 22 -j ACCEPT')));
    expect(json.decoded.matches[0].options[0]).toMatchObject({
      name: 'dport',
      args: ['22'],
      span: { start: { line: 3, column: 13 } },
    });
    expect(json.tokens).toHaveLength(8);
  });
});
