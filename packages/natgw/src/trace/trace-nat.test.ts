import { describe, expect, it } from 'vitest';
import { applyNat } from './trace-nat.js';
import { packet, ruleOf } from './trace-test-kit.js';
import type { Hook, PacketState } from './trace-types.js';

/** Applies the target of `text` to the packet and returns both. */
function nat(text: string, pkt: PacketState = packet(), hook: Hook = 'PREROUTING') {
  const target = ruleOf(text).decoded.target!;
  const outcome = applyNat(target, pkt, hook);
  if ('error' in outcome) throw new Error(outcome.error);
  return { outcome, pkt };
}

describe('applyNat', () => {
  it('rewrites the destination and port of a port forward and marks the connection DNAT', () => {
    const { outcome, pkt } = nat('-A X -j DNAT --to-destination 10.0.1.10:2222');
    expect(outcome.reason).toBe('DNAT destination 192.168.100.12:22 → 10.0.1.10:2222');
    expect(outcome.phrase).toBe('DNAT to 10.0.1.10:2222');
    expect(pkt.ct.dnat).toBe(true);
    expect(outcome.record.after).toEqual({
      src: '203.0.113.7',
      dst: '10.0.1.10',
      protocol: 'tcp',
      sport: 40000,
      dport: 2222,
    });
  });

  it('keeps the destination port when the rule names none (a floating IP)', () => {
    const { outcome } = nat('-A X -j DNAT --to-destination 10.0.1.5');
    expect(outcome.record.after.dport).toBe(22);
    expect(outcome.phrase).toBe('DNAT to 10.0.1.5');
  });

  it('does not flag a DNAT that changes nothing', () => {
    const { outcome, pkt } = nat('-A X -j DNAT --to-destination 192.168.100.12:22');
    expect(outcome.reason).toContain('(unchanged)');
    expect(pkt.ct.dnat).toBe(false);
  });

  it("keeps a destination port that is inside the rule's range", () => {
    expect(nat('-A X -j DNAT --to-destination 10.0.1.10:20-30').pkt.dport).toBe(22);
  });

  it('continues with the first address of a range and says so', () => {
    const { outcome, pkt } = nat('-A X -j DNAT --to-destination 10.0.1.10-10.0.1.12');
    expect(pkt.dst).toBe(0x0a00010a);
    expect(outcome.assumptions).toEqual([
      'DNAT picks one address of 10.0.1.10-10.0.1.12 per connection; the trace continues with 10.0.1.10.',
    ]);
  });

  it('keeps the source port of a plain SNAT', () => {
    const { pkt } = nat('-A X -j SNAT --to-source 192.168.100.10', packet({ src: '10.0.1.5' }), 'POSTROUTING');
    expect(pkt.sport).toBe(40000);
    expect(pkt.ct.snat).toBe(true);
  });

  it('draws the source port at random under --random or --random-fully', () => {
    for (const flag of ['--random', '--random-fully']) {
      const { outcome, pkt } = nat(`-A X -j SNAT --to-source 192.168.100.10 ${flag}`, packet(), 'POSTROUTING');
      expect(pkt.sport).toBeNull();
      expect(outcome.reason).toContain('source port drawn at random from 1024-65535');
    }
  });

  it("moves a source port outside the rule's range into it", () => {
    const { outcome, pkt } = nat('-A X -j SNAT --to-source 192.168.100.10:1000-2000', packet(), 'POSTROUTING');
    expect(pkt.sport).toBe(1000);
    expect(outcome.assumptions[0]).toBe('SNAT picks a source port from 1000-2000; the trace continues with 1000.');
  });

  it('says MASQUERADE takes an address the dump does not show', () => {
    const { outcome, pkt } = nat('-A X -o net1 -j MASQUERADE', packet({ outInterface: 'net1' }), 'POSTROUTING');
    expect(pkt.src).toBeNull();
    expect(outcome.record.after.src).toBe('the address of net1');
    expect(outcome.phrase).toBe('MASQUERADE to the address of net1');
    expect(outcome.assumptions[0]).toMatch(/primary address of net1/);
  });

  it('sends a REDIRECT to the gateway itself', () => {
    const { outcome, pkt } = nat('-A X -p tcp -j REDIRECT --to-ports 8080');
    expect(outcome.local).toBe(true);
    expect(pkt.dport).toBe(8080);
    expect(outcome.phrase).toBe('REDIRECT to the gateway port 8080');
  });

  it('maps a whole prefix with NETMAP, keeping the host part', () => {
    const { pkt } = nat('-A X -j NETMAP --to 10.0.9.0/24', packet({ dst: '192.168.100.12' }));
    expect(pkt.dst).toBe(0x0a00090c);
  });

  it('reports a target it cannot read', () => {
    const target = ruleOf('-A X -j DNAT --to-destination nowhere').decoded.target!;
    expect(applyNat(target, packet(), 'PREROUTING')).toEqual({ error: 'DNAT --to-destination nowhere cannot be read' });
  });
});
