import { describe, expect, it } from 'vitest';
import { gatewayAddresses, inferRoute } from './trace-route.js';
import { dumpOf, natTable, packet } from './trace-test-kit.js';

const gateway = dumpOf(
  ...natTable(
    '-A PREROUTING -d 192.168.100.11/32 -j DNAT --to-destination 10.0.1.5',
    '-A PREROUTING -d 192.168.100.12/32 -p tcp -m tcp --dport 2222 -j DNAT --to-destination 10.0.2.20:22',
    '-A POSTROUTING -s 10.0.0.0/16 -o ext0 -j SNAT --to-source 192.168.100.10 --random-fully',
    '-A POSTROUTING -s 10.0.1.0/24 -o ext0 -j SNAT --to-source 192.168.100.13',
    '-A POSTROUTING -o vpc0 -m conntrack --ctstate DNAT --ctorigdst 192.168.100.14 -j SNAT --to-source 192.168.100.14',
  ),
);

const route = (dst: string) => inferRoute(packet({ dst }), gatewayAddresses(gateway));

describe('inferRoute', () => {
  it("delivers a packet for one of the gateway's EIPs locally", () => {
    for (const eip of ['192.168.100.10', '192.168.100.11', '192.168.100.12', '192.168.100.14']) {
      expect(route(eip)).toMatchObject({ local: true, outInterface: 'lo' });
    }
    expect(route('127.0.0.1').local).toBe(true);
  });

  it('sends VPC destinations to the VPC side, citing the longest prefix that says so', () => {
    expect(route('10.0.1.77')).toEqual({
      local: false,
      outInterface: 'vpc0',
      reason: '10.0.1.77 is in the VPC (SNAT source 10.0.1.0/24 in POSTROUTING rule 2): leaves by vpc0',
    });
    expect(route('10.0.3.3').reason).toContain('SNAT source 10.0.0.0/16');
    expect(route('10.0.2.20').reason).toContain('DNAT target 10.0.2.20 in PREROUTING rule 2');
  });

  it('sends everything else out of the external interface, even private addresses', () => {
    expect(route('192.168.100.1')).toMatchObject({ local: false, outInterface: 'ext0' });
    expect(route('172.16.0.1').outInterface).toBe('ext0');
  });

  it('takes interface names from the rules and defaults to net1 and eth0', () => {
    const named = gatewayAddresses(
      dumpOf(
        '*mangle',
        ':PREROUTING ACCEPT [0:0]',
        ':VPC_MARK - [0:0]',
        '-A VPC_MARK -i lan7 -j MARK --set-xmark 0x1/0x1',
        'COMMIT',
      ),
    );
    expect(named.internalInterface).toBe('lan7');
    expect(named.externalInterface).toBe('net1');
  });
});
