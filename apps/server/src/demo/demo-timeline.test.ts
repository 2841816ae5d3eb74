import { parse } from '@natscope/iptables';
import { diff, diffPhrases, inspect } from '@natscope/natgw';
import { describe, expect, it } from 'vitest';
import { GATEWAY_COMMAND, GATEWAY_CONTAINER, splitGatewayOutput } from '../collector/gateway-command.js';
import { DEMO_GATEWAYS, demoPods } from './demo-cluster.js';

// The churn gateway's pod, asked at each minute of its cycle: what the history of a demo shows within minutes.
const churn = DEMO_GATEWAYS.find((g) => g.name === 'churn');

function dumpAt(seconds: number, startedAt: number): string {
  const pod = churn ? demoPods(churn, startedAt, () => startedAt + seconds * 1000)[0] : undefined;
  const exec = pod?.exec;
  if (!exec) throw new Error('churn has no exec handler');
  const answer = exec({
    namespace: 'tenant-b',
    pod: 'p',
    container: GATEWAY_CONTAINER,
    command: [...GATEWAY_COMMAND],
    tty: false,
    signal: new AbortController().signal,
  });
  if (answer instanceof Promise) throw new Error('expected a plain answer');
  return splitGatewayOutput(Buffer.from(answer.stdout).toString('latin1')).dump;
}

function changes(from: string, to: string): string[] {
  const reading = (text: string) => {
    const dump = parse(text);
    const report = inspect(dump);
    return { mappings: report.mappings, diagnostics: report.diagnostics, tables: dump.tables };
  };
  return diffPhrases(diff(reading(from), reading(to)));
}

describe('the demo gateway whose rules change', () => {
  it('removes its floating IP, adds it back with a port forward, loses every rule, and starts over, a minute each', () => {
    const start = Date.UTC(2026, 11, 1, 9, 0, 0);
    const [a, b, c, d, again] = [30, 90, 150, 210, 270].map((s) => dumpAt(s, start)) as [
      string,
      string,
      string,
      string,
      string,
    ];
    expect(changes(a, b)).toEqual(['floating IP 192.168.100.11 ⇄ 10.0.1.5 removed']);
    expect(changes(b, c)).toEqual([
      'floating IP 192.168.100.11 ⇄ 10.0.1.5 added',
      'port forward tcp 192.168.100.12:8443 → 10.0.2.21:443 added',
    ]);
    expect(changes(c, d)).toContain('error appeared: not initialised');
    expect(changes(a, again)).toEqual([]);
  });
});
