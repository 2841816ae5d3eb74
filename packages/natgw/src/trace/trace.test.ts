import { readFileSync } from 'node:fs';
import { TraceResult, type TraceRequest } from '@natscope/api';
import { decodeDump, parse } from '@natscope/iptables';
import { describe, expect, it } from 'vitest';
import { dumpOf, natTable } from './trace-test-kit.js';
import { trace } from './trace.js';

const fixture = (name: string) => {
  const file = new URL(`../../../iptables/fixtures/${name}.txt`, import.meta.url);
  return parse(readFileSync(file, 'utf8'), { file: `${name}.txt` });
};

const inbound = (dst: string, dport?: number, protocol: TraceRequest['protocol'] = 'tcp'): TraceRequest => ({
  inInterface: 'net1',
  protocol,
  src: '203.0.113.7',
  dst,
  sport: 40000,
  dport,
});

const fromVpc = (src: string, dst: string, dport?: number): TraceRequest => ({
  inInterface: 'eth0',
  protocol: 'tcp',
  src,
  dst,
  sport: 40000,
  dport,
});

/** Traces and checks the result against the API schema, as every consumer will read it. */
function run(dump: Parameters<typeof trace>[0], request: TraceRequest): TraceResult {
  const result = trace(dump, request);
  expect(TraceResult.safeParse(result).success).toBe(true);
  return result;
}

describe('trace', () => {
  it('names a chain whose bytes are not UTF-8 escaped, in its steps and sentences as in the report', () => {
    // odd-bytes: POSTROUTING sends 10.9.0.0/16 out net1 to a chain named OPS_ + 0xe9 T 0xe9 (Latin-1), to MASQUERADE.
    const file = new URL('../../../iptables/fixtures/odd-bytes-v116-legacy.txt', import.meta.url);
    const { text } = decodeDump(readFileSync(file), 'odd-bytes-v116-legacy.txt');
    const result = run(parse(text, { file: 'odd-bytes-v116-legacy.txt' }), {
      ...fromVpc('10.9.0.5', '198.51.100.9', 443),
      outInterface: 'net1',
    });
    const chain = 'OPS_\\xe9T\\xe9'; // as the report names it
    expect(result.verdict).toContain('OPS_\\xe9T\\xe9 rule 1');
    expect(result.nat).toEqual([expect.objectContaining({ chain, kind: 'MASQUERADE', index: 1 })]);
    expect(result.steps.some((s) => s.chain === chain && s.result === 'nat')).toBe(true);
    const sentences = [result.verdict, ...result.assumptions, ...result.steps.map((s) => s.reason)];
    expect(sentences.filter((t) => /[\udc80-\udcff]/.test(t))).toEqual([]);
  });

  it('follows a port forward to its VPC target and says where it leaves', () => {
    const result = run(fixture('s4-port-forwards-v114-legacy'), inbound('192.168.100.12', 80));
    expect(result.verdict).toBe('DNAT to 10.0.1.11:8080 in SHARED_DNAT rule 2; no SNAT; leaves by eth0');
    expect(result.fate).toBe('forwarded');
    expect(result.final).toEqual({
      src: '203.0.113.7',
      dst: '10.0.1.11',
      protocol: 'tcp',
      sport: 40000,
      dport: 8080,
      outInterface: 'eth0',
    });
    expect(result.outInterfaceInferred).toBe(true);
    expect(result.nat).toEqual([
      {
        table: 'nat',
        chain: 'SHARED_DNAT',
        index: 2,
        line: 18,
        kind: 'DNAT',
        before: { src: '203.0.113.7', dst: '192.168.100.12', protocol: 'tcp', sport: 40000, dport: 80 },
        after: { src: '203.0.113.7', dst: '10.0.1.11', protocol: 'tcp', sport: 40000, dport: 8080 },
      },
    ]);
  });

  it('records every rule it passes with the reason it matched or was skipped', () => {
    const result = run(fixture('s4-port-forwards-v114-legacy'), inbound('192.168.100.12', 80));
    const dnat = result.steps.filter((s) => s.chain === 'SHARED_DNAT');
    expect(dnat.map((s) => [s.index, s.line, s.result])).toEqual([
      [1, 17, 'skipped'],
      [2, 18, 'nat'],
    ]);
    expect(dnat[0]!.reason).toBe('--dport 22 does not take 80');
    expect(dnat[1]!.reason).toContain(
      '-d 192.168.100.12/32 contains 192.168.100.12; -p tcp is tcp; --dport 80 takes 80',
    );
    // The first NAT match ends the hook: rules 3 and 4 are never visited.
    expect(result.steps.some((s) => s.chain === 'SHARED_DNAT' && (s.index ?? 0) > 2)).toBe(false);
    expect(result.steps.find((s) => s.chain === 'DNAT_FILTER' && s.index === 1)!.result).toBe('jump');
    expect(result.steps.find((s) => s.chain === 'EXCLUSIVE_DNAT' && s.index === null)!.result).toBe('return');
  });

  it('names the address that a destination match does not contain', () => {
    const result = run(fixture('s4-port-forwards-v114-legacy'), inbound('192.168.100.99', 22));
    const first = result.steps.find((s) => s.chain === 'SHARED_DNAT' && s.index === 1)!;
    expect(first.reason).toBe('-d 192.168.100.12/32 does not contain 192.168.100.99');
    expect(result.verdict).toBe('no DNAT; no SNAT; leaves by net1');
  });

  it('sends a packet for an EIP that no rule forwards to the gateway itself', () => {
    const result = run(fixture('s4-port-forwards-v114-legacy'), inbound('192.168.100.12', 9999));
    expect(result.fate).toBe('local');
    expect(result.final.outInterface).toBe('lo');
    expect(result.verdict).toBe('no DNAT; delivered to the gateway itself, not forwarded');
    // A locally delivered packet never reaches POSTROUTING.
    expect(result.steps.some((s) => s.chain === 'POSTROUTING' || s.chain === 'SNAT_FILTER')).toBe(false);
    expect(result.steps.find((s) => s.table === 'routing')!.reason).toContain(
      "192.168.100.12 is the gateway's own address",
    );
  });

  it('translates a floating IP inbound without touching the port', () => {
    const result = run(fixture('s3-fip-v114-nft'), inbound('192.168.100.11', 3306));
    expect(result.verdict).toBe('DNAT to 10.0.1.5 in EXCLUSIVE_DNAT rule 1; no SNAT; leaves by eth0');
    expect(result.final).toMatchObject({ dst: '10.0.1.5', dport: 3306 });
  });

  it('translates a floating IP outbound, keeping the source port', () => {
    const result = run(fixture('s3-fip-v114-nft'), fromVpc('10.0.1.5', '8.8.8.8', 53));
    expect(result.verdict).toBe('no DNAT; SNAT to 192.168.100.11 in EXCLUSIVE_SNAT rule 1; leaves by net1');
    expect(result.final).toMatchObject({ src: '192.168.100.11', sport: 40000, dst: '8.8.8.8' });
  });

  it('says the source port becomes random under --random-fully', () => {
    const result = run(fixture('s5-tenant-v116-legacy'), fromVpc('10.0.1.7', '1.1.1.1', 443));
    expect(result.verdict).toBe('no DNAT; SNAT to 192.168.100.10 in SHARED_SNAT rule 1; leaves by net1');
    expect(result.final.sport).toBeNull();
    expect(result.nat[0]!.after.sport).toBeNull();
    expect(result.assumptions.join('\n')).toMatch(/random source port/);
  });

  it('takes the broad SNAT rule that shadows the specific ones', () => {
    const result = run(fixture('s6-overlapping-snat-v116-legacy'), fromVpc('10.0.1.5', '8.8.8.8', 80));
    expect(result.verdict).toBe('no DNAT; SNAT to 192.168.100.20 in SHARED_SNAT rule 1; leaves by net1');
    expect(result.steps.filter((s) => s.chain === 'SHARED_SNAT').map((s) => s.index)).toEqual([1]);
  });

  it('lets the VPC reach an EIP through the hairpin rules (v1.16)', () => {
    const result = run(fixture('s5-tenant-v116-legacy'), fromVpc('10.0.1.7', '192.168.100.10', 8080));
    expect(result.verdict).toBe(
      'DNAT to 10.0.1.30:80 in SHARED_DNAT rule 2; SNAT to 192.168.100.10 in HAIRPIN_SNAT rule 1; leaves by eth0',
    );
    const mark = result.steps.find((s) => s.chain === 'VPC_MARK')!;
    expect(mark.result).toBe('mark');
    expect(mark.reason).toContain('0x0 → 0x1');
    const hairpin = result.steps.find((s) => s.chain === 'HAIRPIN_SNAT' && s.index === 1)!;
    expect(hairpin.reason).toContain('--ctstate DNAT matches state NEW,DNAT');
    expect(hairpin.reason).toContain('--ctorigdst 192.168.100.10 matches the original destination 192.168.100.10');
    expect(result.assumptions.join('\n')).toContain('NEW,DNAT with original destination 192.168.100.10');
  });

  it('shows why hairpin fails on a gateway without HAIRPIN_SNAT (v1.14)', () => {
    const result = run(fixture('s3-fip-v114-nft'), fromVpc('10.0.1.7', '192.168.100.11', 22));
    expect(result.verdict).toBe('DNAT to 10.0.1.5 in EXCLUSIVE_DNAT rule 1; no SNAT; leaves by eth0');
    expect(result.final.src).toBe('10.0.1.7');
  });

  it('does not SNAT traffic from an address no rule covers', () => {
    const result = run(fixture('s5-tenant-v116-legacy'), fromVpc('10.0.3.5', '8.8.8.8', 80));
    expect(result.verdict).toBe('no DNAT; no SNAT; leaves by net1');
  });

  it('uses the out-interface it is given instead of inferring one', () => {
    const result = run(fixture('s5-tenant-v116-legacy'), {
      ...fromVpc('10.0.1.7', '10.0.2.9', 80),
      outInterface: 'net1',
    });
    expect(result.outInterfaceInferred).toBe(false);
    expect(result.verdict).toBe('no DNAT; SNAT to 192.168.100.10 in SHARED_SNAT rule 1; leaves by net1');
  });

  it('starts from the mark it is given', () => {
    const dump = fixture('s5-tenant-v116-legacy');
    // From outside, only a packet that already carries 0x1 can match the hairpin rule's mark.
    const marked = run(dump, { ...inbound('192.168.100.12', 2222), mark: '0x1' });
    expect(marked.verdict).toContain('SNAT to 192.168.100.12 in HAIRPIN_SNAT rule 3');
    const plain = run(dump, inbound('192.168.100.12', 2222));
    expect(plain.verdict).toContain('no SNAT');
  });

  it('passes a packet through a gateway that lost its rules', () => {
    const result = run(fixture('restarted-empty-legacy'), inbound('192.168.100.12', 22));
    expect(result.verdict).toBe('no DNAT; no SNAT; leaves by net1');
    expect(result.steps.filter((s) => s.result === 'policy').map((s) => `${s.table} ${s.chain}`)).toEqual([
      'nat PREROUTING',
      'nat POSTROUTING',
    ]);
    expect(result.assumptions.join('\n')).toContain('no mangle or filter table');
  });

  it('says it assumed the connection is new and the nat table sees only its first packet', () => {
    const result = run(fixture('s4-port-forwards-v114-legacy'), inbound('192.168.100.12', 53, 'udp'));
    expect(result.assumptions[0]).toMatch(/first of a new connection \(conntrack state NEW\)/);
    expect(result.verdict).toBe('DNAT to 10.0.1.12:53 in SHARED_DNAT rule 4; no SNAT; leaves by eth0');
  });

  it('reports a match it cannot decide and what it assumed', () => {
    const dump = dumpOf(
      ...natTable(
        '-A PREROUTING -d 192.168.100.12/32 -m set --match-set blocked src -j RETURN',
        '-A PREROUTING -d 192.168.100.12/32 -j DNAT --to-destination 10.0.1.10',
      ),
    );
    const result = run(dump, inbound('192.168.100.12', 22));
    const step = result.steps.find((s) => s.index === 1)!;
    expect(step.result).toBe('undecidable');
    expect(step.reason).toContain('-m set --match-set blocked src cannot be evaluated offline');
    expect(result.assumptions.join('\n')).toContain(
      'nat PREROUTING rule 1 (line 4): -m set --match-set blocked src cannot be evaluated offline; assumed it matches.',
    );
    // Assumed to match, the RETURN ends PREROUTING before the DNAT: the packet stays addressed to the EIP.
    expect(result.verdict).toBe('no DNAT; delivered to the gateway itself, not forwarded');
  });

  it('treats a port match as undecidable when the request gives no port', () => {
    const result = run(fixture('s4-port-forwards-v114-legacy'), inbound('192.168.100.12'));
    const step = result.steps.find((s) => s.chain === 'SHARED_DNAT' && s.index === 1)!;
    expect(step.result).toBe('undecidable');
    expect(step.reason).toContain("the packet's destination port was not given");
    expect(result.assumptions.join('\n')).toContain('The destination port was not given');
  });

  it('reports a drop in the filter table', () => {
    const dump = dumpOf(
      ...['*filter', ':FORWARD ACCEPT [0:0]', '-A FORWARD -d 10.0.1.10/32 -p tcp -m tcp --dport 22 -j DROP', 'COMMIT'],
      ...natTable('-A PREROUTING -d 192.168.100.12/32 -p tcp -m tcp --dport 22 -j DNAT --to-destination 10.0.1.10:22'),
    );
    const result = run(dump, inbound('192.168.100.12', 22));
    expect(result.fate).toBe('dropped');
    expect(result.verdict).toBe('DNAT to 10.0.1.10:22 in PREROUTING rule 1; dropped by filter FORWARD rule 1');
  });

  it('skips the nat table for a connection the raw table leaves untracked', () => {
    const dump = dumpOf(
      ...['*raw', ':PREROUTING ACCEPT [0:0]', '-A PREROUTING -i net1 -j CT --notrack', 'COMMIT'],
      ...natTable('-A PREROUTING -d 192.168.100.12/32 -j DNAT --to-destination 10.0.1.10'),
    );
    const result = run(dump, inbound('192.168.100.12', 22));
    expect(result.nat).toEqual([]);
    expect(result.verdict).toBe('untracked, so not NATed; delivered to the gateway itself, not forwarded');
  });

  it('traces an inspect-shaped input the same as a parsed dump', () => {
    const dump = fixture('s5-tenant-v116-legacy');
    // What an InspectReport carries: plain JSON, decoded rules without positions.
    const tables = dump.tables.map((t) => ({
      name: t.name,
      chains: t.chains.map((c) => ({
        name: c.name,
        policy: c.policy,
        rules: c.rules.map((r) => ({ index: r.index, line: r.line, text: r.text, decoded: r.decoded })),
      })),
    }));
    const reportLike = JSON.parse(JSON.stringify({ tables }, (k, v) => (k === 'span' ? undefined : v)));
    const request = fromVpc('10.0.1.7', '192.168.100.10', 8080);
    expect(run(reportLike, request)).toEqual(run(dump, request));
  });
});
