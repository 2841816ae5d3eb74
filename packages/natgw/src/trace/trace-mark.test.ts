import { describe, expect, it } from 'vitest';
import { applyMark } from './trace-mark.js';
import { packet, ruleOf } from './trace-test-kit.js';
import type { PacketState } from './trace-types.js';

function mark(text: string, pkt: PacketState) {
  const outcome = applyMark(ruleOf(text).decoded.target!, pkt);
  if ('error' in outcome) throw new Error(outcome.error);
  return outcome.reason;
}

describe('applyMark', () => {
  it('XORs the masked bits with --set-xmark (what VPC_MARK does)', () => {
    const pkt = packet({ mark: 0x2 });
    expect(mark('-A VPC_MARK -i eth0 -j MARK --set-xmark 0x1/0x1', pkt)).toBe('MARK packet mark 0x2 → 0x3');
    expect(pkt.mark).toBe(0x3);
  });

  it('clears then ORs with --set-mark, and knows and/or/xor', () => {
    const pkt = packet({ mark: 0xff });
    mark('-A X -j MARK --set-mark 0x1/0xf', pkt);
    expect(pkt.mark).toBe(0xf1);
    mark('-A X -j MARK --and-mark 0xf0', pkt);
    expect(pkt.mark).toBe(0xf0);
    mark('-A X -j MARK --or-mark 0x3', pkt);
    expect(pkt.mark).toBe(0xf3);
    mark('-A X -j MARK --xor-mark 0x1', pkt);
    expect(pkt.mark).toBe(0xf2);
  });

  it('saves the packet mark to the connection and restores it', () => {
    const pkt = packet({ mark: 0x5 });
    mark('-A X -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff', pkt);
    expect(pkt.ct.mark).toBe(0x5);
    pkt.mark = 0;
    expect(mark('-A X -j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff', pkt)).toBe(
      'CONNMARK restore: packet mark 0x0 → 0x5',
    );
    expect(pkt.mark).toBe(0x5);
  });

  it('reports a mark it cannot read', () => {
    expect(applyMark(ruleOf('-A X -j MARK --set-xmark blue').decoded.target!, packet())).toEqual({
      error: 'MARK --set-xmark blue cannot be evaluated',
    });
  });
});
