import { describe, expect, it } from 'vitest';
import { intToIp, ipToInt } from '../packet-sets/ipv4.js';
import { chainIndexOf, INDEX_THRESHOLD } from './trace-index.js';
import { evaluateRule } from './trace-match.js';
import { dumpOf, natTable, packet } from './trace-test-kit.js';
import { trace } from './trace.js';

/** A deterministic pseudo-random sequence (xorshift), so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('chainIndexOf', () => {
  it('leaves short chains to the rule-by-rule walk', () => {
    const rules = Array.from(
      { length: INDEX_THRESHOLD },
      (_, i) => `-A PREROUTING -d 192.168.1.${i}/32 -j DNAT --to-destination 10.0.0.1`,
    );
    const chain = dumpOf(...natTable(...rules)).tables[0]!.chains.find((c) => c.name === 'PREROUTING')!;
    expect(chainIndexOf(chain)).toBeNull();
  });

  it('never leaves out a rule that could match (random rules and packets)', () => {
    const next = random(7);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
    const addr = () => `10.${pick([0, 1])}.${pick([0, 1, 2])}.${pick([1, 2, 3, 200])}`;
    const shapes = [
      () => `-A POSTROUTING -d ${addr()}/${pick([32, 24, 16, 8])} -j ACCEPT`,
      () => `-A POSTROUTING ! -d ${addr()}/32 -s ${addr()}/${pick([32, 24, 16])} -j ACCEPT`,
      () => `-A POSTROUTING -s ${addr()}/${pick([32, 24, 30])} -o net1 -j SNAT --to-source 192.168.100.9`,
      () => `-A POSTROUTING -o eth0 -m conntrack --ctstate DNAT --ctorigdst ${addr()} -j ACCEPT`,
      () => `-A POSTROUTING -p tcp -m tcp --dport ${pick([22, 80])} -j ACCEPT`,
      () => `-A POSTROUTING ! -s ${addr()}/8 -j ACCEPT`,
    ];
    const rules = Array.from({ length: 300 }, () => pick(shapes)());
    const chain = dumpOf(...natTable(...rules)).tables[0]!.chains.find((c) => c.name === 'POSTROUTING')!;
    const index = chainIndexOf(chain)!;
    for (let n = 0; n < 200; n++) {
      const pkt = packet({
        src: addr(),
        dst: addr(),
        outInterface: pick(['eth0', 'net1']),
        dport: pick([22, 80]),
        ct: { origDst: ipToInt(addr())!, dnat: true } as never,
      });
      const candidates = new Set(index.candidates(pkt));
      chain.rules.forEach((rule, position) => {
        if (evaluateRule(rule, pkt, 'POSTROUTING').status !== 'skipped') {
          expect(candidates.has(position), `${rule.text} for ${intToIp(pkt.src!)} → ${intToIp(pkt.dst!)}`).toBe(true);
        }
      });
    }
  });

  it('reports the rules it passes over as one step, and the near misses one by one', () => {
    const rules = Array.from(
      { length: 100 },
      (_, i) =>
        `-A PREROUTING -d 192.168.1.${i + 1}/32 -p tcp -m tcp --dport 22 -j DNAT --to-destination 10.0.1.${i + 1}:22`,
    );
    rules.splice(
      70,
      0,
      '-A PREROUTING -d 192.168.1.71/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.2.71:8080',
    );
    const result = trace(dumpOf(...natTable(...rules)), {
      inInterface: 'net1',
      protocol: 'tcp',
      src: '203.0.113.7',
      dst: '192.168.1.71',
      sport: 1,
      dport: 80,
    });
    const steps = result.steps.filter((s) => s.chain === 'PREROUTING').map((s) => [s.index, s.result, s.reason]);
    expect(steps[0]).toEqual([
      1,
      'skipped',
      "rules 1-70 skipped (70 of them, found by the chain's address index): 70 by -d, which does not contain 192.168.1.71",
    ]);
    expect(steps[1]).toEqual([71, 'nat', expect.stringContaining('--dport 80 takes 80')]);
    expect(result.verdict).toBe('DNAT to 10.0.2.71:8080 in PREROUTING rule 71; no SNAT; leaves by eth0');
    const miss = trace(dumpOf(...natTable(...rules)), {
      inInterface: 'net1',
      protocol: 'tcp',
      src: '203.0.113.7',
      dst: '192.168.1.71',
      sport: 1,
      dport: 22,
    });
    expect(miss.steps.filter((s) => s.chain === 'PREROUTING').map((s) => [s.index, s.result])).toEqual([
      [1, 'skipped'],
      [71, 'skipped'],
      [72, 'nat'],
    ]);
    expect(miss.steps.find((s) => s.index === 71)!.reason).toBe('--dport 80 does not take 22');
  });
});
