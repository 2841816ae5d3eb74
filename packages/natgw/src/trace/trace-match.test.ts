import { describe, expect, it } from 'vitest';
import { ipToInt } from '../packet-sets/ipv4.js';
import { evaluateRule } from './trace-match.js';
import { packet, ruleOf } from './trace-test-kit.js';
import type { Hook, PacketState } from './trace-types.js';

const check = (text: string, pkt: PacketState = packet(), hook: Hook = 'FORWARD') =>
  evaluateRule(ruleOf(text), pkt, hook);

describe('evaluateRule', () => {
  it('matches every packet when a rule has no conditions', () => {
    expect(check('-A FORWARD -j ACCEPT')).toMatchObject({
      status: 'matched',
      reason: 'no conditions: matches every packet',
    });
  });

  it('compares addresses as prefixes, not strings', () => {
    expect(check('-A FORWARD -d 192.168.100.0/24', packet({ dst: '192.168.100.120' })).status).toBe('matched');
    expect(check('-A FORWARD -d 192.168.100.12/32', packet({ dst: '192.168.100.120' }))).toMatchObject({
      status: 'skipped',
      reason: '-d 192.168.100.12/32 does not contain 192.168.100.120',
    });
  });

  it('inverts a negated address match', () => {
    expect(check('-A FORWARD ! -s 10.0.0.0/8', packet({ src: '10.0.1.5' }))).toMatchObject({
      status: 'skipped',
      reason: '! -s 10.0.0.0/8 contains 10.0.1.5',
    });
    expect(check('-A FORWARD ! -s 10.0.0.0/8', packet({ src: '8.8.8.8' })).status).toBe('matched');
  });

  it('lists every failing match of a skipped rule', () => {
    expect(check('-A FORWARD -s 10.0.1.0/24 -o net1', packet({ outInterface: 'eth0' })).reason).toBe(
      '-s 10.0.1.0/24 does not contain 203.0.113.7; -o net1 does not match eth0',
    );
  });

  it('treats a trailing + on an interface as a prefix', () => {
    expect(check('-A FORWARD -i eth+', packet({ inInterface: 'eth0' })).status).toBe('matched');
    expect(check('-A FORWARD -i eth+', packet({ inInterface: 'net1' })).status).toBe('skipped');
    expect(check('-A FORWARD ! -o net1', packet({ outInterface: 'eth0' })).status).toBe('matched');
  });

  it('sees no out-interface before routing, as the kernel does', () => {
    expect(check('-A PREROUTING -o eth0', packet({ outInterface: 'eth0' }), 'PREROUTING')).toMatchObject({
      status: 'skipped',
      reason: '-o eth0 does not match no out-interface at PREROUTING',
    });
  });

  it('reads protocols by name and number, and negated', () => {
    expect(check('-A FORWARD -p 17', packet({ protocol: 'udp' })).status).toBe('matched');
    expect(check('-A FORWARD ! -p tcp', packet({ protocol: 'udp' })).status).toBe('matched');
    expect(check('-A FORWARD -p udp').reason).toBe('-p udp is not tcp');
    expect(check('-A FORWARD -p all', packet({ protocol: 'icmp', sport: null, dport: null })).status).toBe('matched');
  });

  it('matches ports, ranges and multiport lists', () => {
    expect(check('-A FORWARD -p tcp -m tcp --dport 20:25').status).toBe('matched');
    expect(check('-A FORWARD -p tcp -m tcp ! --dport 22').reason).toBe('! --dport 22 takes 22');
    expect(check('-A FORWARD -p tcp -m multiport --dports 80,443,8000:8080', packet({ dport: 8008 })).status).toBe(
      'matched',
    );
    expect(check('-A FORWARD -p tcp -m multiport --dports 80,443', packet({ dport: 22 })).status).toBe('skipped');
    expect(check('-A FORWARD -p tcp -m multiport --ports 40000', packet({ dport: 22 })).status).toBe('matched');
  });

  it('does not apply a tcp port match to a udp packet', () => {
    expect(check('-A FORWARD -m tcp --dport 22', packet({ protocol: 'udp' })).reason).toBe(
      '--dport 22: -m tcp does not see udp packets',
    );
  });

  it('calls a port match undecidable when the packet has no port given', () => {
    const outcome = check('-A FORWARD -p tcp -m tcp --dport 22', packet({ dport: null }));
    expect(outcome.status).toBe('undecidable');
    expect(outcome.undecided).toEqual(["--dport 22: the packet's destination port was not given"]);
  });

  it('evaluates TCP flags for the SYN that opens a connection, and says so', () => {
    const syn = check('-A FORWARD -p tcp -m tcp --syn');
    expect(syn.status).toBe('matched');
    expect(syn.assumptions[0]).toMatch(/first packet of a TCP connection is a SYN/);
    expect(check('-A FORWARD -p tcp -m tcp --tcp-flags SYN,ACK SYN,ACK').status).toBe('skipped');
  });

  it('matches an ICMP echo-request and no other type', () => {
    const icmp = packet({ protocol: 'icmp', sport: null, dport: null });
    expect(check('-A FORWARD -p icmp -m icmp --icmp-type 8', icmp).status).toBe('matched');
    expect(check('-A FORWARD -p icmp -m icmp --icmp-type 0', icmp).status).toBe('skipped');
  });

  it('matches the packet mark under a mask', () => {
    expect(check('-A FORWARD -m mark --mark 0x1/0x1', packet({ mark: 0x3 })).status).toBe('matched');
    expect(check('-A FORWARD -m mark --mark 0x1/0x1', packet({ mark: 0x2 })).reason).toBe(
      '--mark 0x1/0x1 does not match packet mark 0x2',
    );
    expect(check('-A FORWARD -m mark ! --mark 0x1/0x1', packet({ mark: 0x2 })).status).toBe('matched');
    expect(check('-A FORWARD -m connmark --mark 0x8', packet({ ct: { mark: 0x8 } as PacketState['ct'] })).status).toBe(
      'matched',
    );
  });

  it('knows the conntrack state of a first packet before and after DNAT', () => {
    const rule = '-A POSTROUTING -m conntrack --ctstate DNAT --ctorigdst 192.168.100.10';
    const fresh = packet({ dst: '192.168.100.10' });
    expect(check(rule, fresh, 'POSTROUTING').reason).toBe('--ctstate DNAT does not match state NEW');
    const dnated = packet({
      dst: '10.0.1.30',
      ct: { dnat: true, origDst: ipToInt('192.168.100.10')! } as PacketState['ct'],
    });
    expect(check(rule, dnated, 'POSTROUTING')).toMatchObject({
      status: 'matched',
      reason:
        '--ctstate DNAT matches state NEW,DNAT; --ctorigdst 192.168.100.10 matches the original destination 192.168.100.10',
    });
    expect(check('-A FORWARD -m conntrack --ctreplsrc 10.0.1.30', dnated).status).toBe('matched');
    expect(check('-A FORWARD -m state --state ESTABLISHED,RELATED').status).toBe('skipped');
    expect(check('-A FORWARD -m conntrack --ctstatus ASSURED').status).toBe('skipped');
  });

  it('matches only the state option for an untracked packet', () => {
    const untracked = packet({ ct: { tracked: false } as PacketState['ct'] });
    expect(check('-A FORWARD -m conntrack --ctstate UNTRACKED', untracked).status).toBe('matched');
    expect(check('-A FORWARD -m conntrack ! --ctorigdst 10.0.0.1', untracked).reason).toBe(
      '! --ctorigdst 10.0.0.1: the packet is untracked',
    );
  });

  it('matches address ranges', () => {
    expect(check('-A FORWARD -m iprange --dst-range 192.168.100.10-192.168.100.20').status).toBe('matched');
    expect(check('-A FORWARD -m iprange --src-range 10.0.0.1-10.0.0.9').status).toBe('skipped');
  });

  it('knows the first packet is never a later fragment', () => {
    expect(check('-A FORWARD -f').status).toBe('skipped');
    expect(check('-A FORWARD ! -f').status).toBe('matched');
  });

  it('calls an unknown module undecidable, and a decidable mismatch still wins', () => {
    const limit = check('-A FORWARD -m limit --limit 5/sec');
    expect(limit.status).toBe('undecidable');
    expect(limit.undecided).toEqual(['-m limit --limit 5/sec cannot be evaluated offline']);
    expect(check('-A FORWARD -d 10.9.9.9/32 -m limit --limit 5/sec').status).toBe('skipped');
  });

  it('ignores comments', () => {
    expect(check('-A FORWARD -m comment --comment "audit web"').status).toBe('matched');
  });
});

describe('the shared vocabulary', () => {
  it('reads -p by number as coverage does', () => {
    expect(check('-A FORWARD -p 6', packet({ protocol: 'tcp' })).status).toBe('matched');
    expect(check('-A FORWARD ! -p 6', packet({ protocol: 'tcp' })).status).toBe('skipped');
    expect(check('-A FORWARD -p 0', packet({ protocol: 'udp' })).status).toBe('matched');
  });

  it('reads --ctstate case-insensitively, as iptables does', () => {
    expect(check('-A FORWARD -m conntrack --ctstate new').status).toBe('matched');
  });
});
