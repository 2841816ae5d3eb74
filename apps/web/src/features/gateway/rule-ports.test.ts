import type { ReportRule } from '@natscope/api';
import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { describe, expect, it } from 'vitest';
import { rulePorts } from './rule-ports.js';

function ruleOf(spec: string): ReportRule {
  const report = inspect(parse(`*nat\n:X - [0:0]\n-A X ${spec}\nCOMMIT\n`));
  return report.tables[0]!.chains[0]!.rules[0]!;
}

describe('rulePorts', () => {
  it('reads port matches as coverage does, open ranges and lists included', () => {
    expect(rulePorts(ruleOf('-p tcp -m tcp --dport 22 -j ACCEPT'))).toEqual([[22, 22]]);
    expect(rulePorts(ruleOf('-p tcp -m tcp --sport :1024 -j ACCEPT'))).toEqual([[0, 1024]]);
    expect(rulePorts(ruleOf('-p tcp -m multiport --dports 22,8000:8080 -j ACCEPT'))).toEqual([
      [22, 22],
      [8000, 8080],
    ]);
  });

  it('reads the ports a NAT target translates to', () => {
    expect(rulePorts(ruleOf('-p tcp -j DNAT --to-destination 10.0.1.5:8080'))).toEqual([[8080, 8080]]);
    expect(rulePorts(ruleOf('-p tcp -j DNAT --to-destination 10.0.1.5:1000-2000'))).toEqual([[1000, 2000]]);
    expect(rulePorts(ruleOf('-p tcp -j REDIRECT --to-ports 3128'))).toEqual([[3128, 3128]]);
    expect(rulePorts(ruleOf('-j DNAT --to-destination 10.0.1.5'))).toEqual([]);
  });
});
