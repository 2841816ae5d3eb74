import { parse, type Rule } from '@natscope/iptables';
import { describe, expect, it } from 'vitest';
import { matchSpace, spaceCovers } from './match-space.js';

function rule(spec: string): Rule {
  return parse(`*nat\n:X - [0:0]\n-A X ${spec}\nCOMMIT\n`).tables[0]!.chains[0]!.rules[0]!;
}

function covers(outer: string, inner: string): boolean {
  return spaceCovers(matchSpace(rule(outer).decoded), matchSpace(rule(inner).decoded));
}

describe('match space coverage', () => {
  it('compares protocols by number, whichever way each rule writes them', () => {
    expect(covers('-p tcp -j ACCEPT', '-p 6 -j ACCEPT')).toBe(true);
    expect(covers('-p 17 -j ACCEPT', '-p udp -j ACCEPT')).toBe(true);
    expect(covers('! -p tcp -j ACCEPT', '-p 6 -j ACCEPT')).toBe(false);
    expect(covers('! -p tcp -j ACCEPT', '-p udp -j ACCEPT')).toBe(true);
    expect(covers('! -p 6 -j ACCEPT', '! -p tcp -j ACCEPT')).toBe(true);
  });

  it('never proves a protocol outside the table different from another', () => {
    expect(covers('! -p ipencap -j ACCEPT', '-p 4 -j ACCEPT')).toBe(false);
  });

  it('takes -p all and -p 0 as no protocol match, and does not model their negation', () => {
    expect(covers('-p all -j ACCEPT', '-p tcp -j ACCEPT')).toBe(true);
    expect(covers('-p 0 -j ACCEPT', '-j ACCEPT')).toBe(true);
    expect(matchSpace(rule('! -p all -j ACCEPT').decoded).understood).toBe(false);
  });

  it('reads --ctstate case-insensitively, as iptables does', () => {
    expect(covers('-m conntrack --ctstate NEW -j ACCEPT', '-m conntrack --ctstate new -j ACCEPT')).toBe(true);
  });

  it('reads marks in hex or decimal alike', () => {
    expect(covers('-m mark --mark 0x10/0x10 -j ACCEPT', '-m mark --mark 16 -j ACCEPT')).toBe(true);
  });
});
