/**
 * The whole path against real iptables: gateway pods whose exec runs the collector's fixed command inside
 * network namespaces that scripts/fixtures/gateway-state.sh programmed the way Kube-OVN's script does, read
 * through kube-sim and the real client-node. Needs root (CI runs as root); skipped with a reason otherwise.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gatewayPod, netnsExec, type ExecHandler, type KubeSim } from '@natscope/kube-sim';
import { GatewaySummary, InspectReport } from '@natscope/api';
import { encodeDump } from '@natscope/iptables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector, GatewayState } from './collector.js';
import { gatewaySummary } from '../views/gateway-summary.js';
import { AnalysedReadings } from '../analysis/analysed-readings.js';
import { collectorFor, startFleet } from '../test-support/fixture-fleet.js';
import { NO_DRIFT_SOURCE } from '../views/drift-source.js';

const readings = new AnalysedReadings();

const run = promisify(execFile);
const STATE_SCRIPT = resolve(import.meta.dirname, '../../../../scripts/fixtures/gateway-state.sh');
const isRoot = process.getuid?.() === 0;
const hasIp = await run('ip', ['netns', 'list']).then(
  () => true,
  () => false,
);
const NS = {
  legacy: `nsrv${process.pid}l`,
  nft: `nsrv${process.pid}n`,
  nftSeenAsLegacy: `nsrv${process.pid}x`,
  oddBytes: `nsrv${process.pid}b`,
};

/**
 * A pod whose image has no iptables-legacy (Kube-OVN ≤ v1.12.21): the gateway command runs in the netns with
 * a PATH that offers bash and the default (nft) iptables-save only, so the backend probe fails the way it
 * does in such an image.
 */
function nftOnlyImageExec(ns: string, bin: string): ExecHandler {
  return (req) =>
    new Promise((done, fail) => {
      const child = spawn('/usr/bin/ip', ['netns', 'exec', ns, ...req.command], {
        env: { PATH: bin },
        signal: req.signal,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      child.on('error', fail);
      child.on('close', (code) =>
        done({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), exitCode: code ?? 1 }),
      );
    });
}

/** Sends `n` UDP datagrams from fresh sockets (so `n` new conntrack flows) from the outside peer to `ip:port`. */
async function sendUdp(ns: string, ip: string, port: number, n: number): Promise<void> {
  const script = `const d=require('dgram');let left=${n};for(let i=0;i<${n};i++){const s=d.createSocket('udp4');s.send('x',${port},'${ip}',()=>{s.close();if(--left===0)process.exit(0)})}`;
  await run('ip', ['netns', 'exec', `${ns}-ext`, process.execPath, '-e', script]);
}

const state = (...args: string[]) =>
  run('bash', [STATE_SCRIPT, ...args], { env: { ...process.env, GATEWAY_STATE_QUIET: '1' } });

describe.skipIf(!isRoot || !hasIp)('reading gateways whose rules are real iptables in network namespaces', () => {
  let sim: KubeSim;
  let collector: Collector;
  let bin: string;
  let now = 1_900_000_000_000;

  beforeAll(async () => {
    bin = mkdtempSync(join(tmpdir(), 'natscope-nft-image-'));
    for (const tool of ['bash', 'iptables-save'])
      symlinkSync(tool === 'bash' ? '/usr/bin/bash' : '/usr/sbin/xtables-nft-multi', join(bin, tool));
    for (const ns of Object.values(NS)) await state('setup', ns);
    await state('apply', NS.legacy, 'legacy', 'v1.16', 'tenant');
    await state('counters', NS.legacy, 'legacy', '7');
    await state('apply', NS.nft, 'nft', 'master', 'tenant');
    await state('apply', NS.nftSeenAsLegacy, 'nft', 'master', 'tenant');
    await state('apply', NS.oddBytes, 'legacy', 'v1.16', 'odd-bytes');
    const fleet = await startFleet({
      pods: [
        gatewayPod({ gateway: 'real-legacy', exec: netnsExec(NS.legacy) }),
        gatewayPod({ gateway: 'real-nft', namespace: 'tenant-b', exec: nftOnlyImageExec(NS.nft, bin) }),
        gatewayPod({ gateway: 'real-5159', namespace: 'tenant-b', exec: netnsExec(NS.nftSeenAsLegacy) }),
        gatewayPod({ gateway: 'real-odd-bytes', exec: netnsExec(NS.oddBytes) }),
      ],
    });
    sim = fleet.sim;
    collector = collectorFor(fleet.client, { execTimeoutMs: 10_000, now: () => now });
    await collector.refresh();
  }, 60_000);

  afterAll(async () => {
    await collector?.stop();
    await sim?.close();
    for (const ns of Object.values(NS)) await state('teardown', ns).catch(() => undefined);
    if (bin) rmSync(bin, { recursive: true, force: true });
  });

  const gw = (namespace: string, name: string): GatewayState => {
    const g = collector.get(namespace, name);
    if (!g) throw new Error(`no gateway ${namespace}/${name}`);
    return g;
  };
  const summary = (namespace: string, name: string) =>
    GatewaySummary.parse(gatewaySummary(gw(namespace, name), now, NO_DRIFT_SOURCE));
  const report = async (namespace: string, name: string): Promise<InspectReport> => {
    const pod = gw(namespace, name).pods[0];
    if (!pod?.good) throw new Error(`no reading of ${namespace}/${name}`);
    return InspectReport.parse(JSON.parse(await readings.detailJson(`${namespace}/${pod.info.name}`, pod.good)));
  };

  it('reads a legacy gateway with iptables-legacy-save, as the gateway script would choose', async () => {
    const s = summary('kube-system', 'real-legacy');
    expect(s.error).toBeUndefined();
    expect(s).toMatchObject({ status: 'ok', backend: 'legacy', counts: { fip: 1, dnat: 2, snat: 2, hairpin: 3 } });
    const r = await report('kube-system', 'real-legacy');
    expect(r.backend).toBe('legacy'); // iptables-legacy-save's header has no "(nf_tables)"
    expect(gw('kube-system', 'real-legacy').pods[0]?.good?.raw).toMatch(/^# Generated by iptables-save v[\d.]+ on /);
    expect(r.tables.map((t) => t.name)).toEqual(['nat', 'mangle']);
    expect(r.diagnostics).toEqual([]);
    expect(r.mappings.some((m) => m.counters.packets > 0)).toBe(true); // the counters loaded with restore -c
  });

  it('reads an nft gateway with iptables-save when the image has no iptables-legacy', async () => {
    const s = summary('tenant-b', 'real-nft');
    expect(s.error).toBeUndefined();
    expect(s).toMatchObject({ status: 'ok', backend: 'nft', counts: { fip: 1, dnat: 2, snat: 2, hairpin: 3 } });
    expect((await report('tenant-b', 'real-nft')).backend).toBe('nft');
    expect(gw('tenant-b', 'real-nft').pods[0]?.good?.raw).toMatch(
      /^# Generated by iptables-save v[\d.]+ \(nf_tables\) on /,
    );
  });

  it('mirrors the gateway script on a kernel with legacy tables: nft rules stay invisible and the gateway looks uninitialised (#5159)', async () => {
    const s = summary('tenant-b', 'real-5159');
    expect(s).toMatchObject({ status: 'ok', backend: 'legacy', counts: { fip: 0, dnat: 0, snat: 0, hairpin: 0 } });
    expect((await report('tenant-b', 'real-5159')).diagnostics.map((d) => d.code)).toContain('gateway-not-initialized');
  });

  it('keeps the bytes iptables keeps: a Latin-1 comment and chain name intact in raw, escaped in the report (issue 19)', async () => {
    const raw = gw('kube-system', 'real-odd-bytes').pods[0]?.good?.raw ?? '';
    // What the kernel holds, straight from iptables in the namespace, against raw encoded back to bytes.
    const saved = (
      await run('ip', ['netns', 'exec', NS.oddBytes, 'iptables-legacy-save', '-t', 'nat'], { encoding: 'buffer' })
    ).stdout;
    const ruleLines = (bytes: Buffer) =>
      bytes
        .toString('latin1')
        .split('\n')
        .map((l) => l.replace(/^\[\d+:\d+\] /, '').replace(/ \[\d+:\d+\]$/, ''))
        .filter((l) => /^[-:]/.test(l));
    expect(ruleLines(Buffer.from(encodeDump(raw))).slice(0, ruleLines(saved).length)).toEqual(ruleLines(saved));
    expect(Buffer.from(encodeDump(raw)).includes(Buffer.from('"caf\xe9 audit"', 'latin1'))).toBe(true);
    expect(raw).toContain('"ok \u{1F600} emoji"');
    expect(raw).not.toContain('\ufffd');
    // JSON (the API's raw) carries each such byte as \udcXX and gives the same text back.
    expect(JSON.parse(JSON.stringify({ raw })).raw).toBe(raw);
    expect(summary('kube-system', 'real-odd-bytes')).toMatchObject({
      status: 'ok',
      counts: { fip: 1, dnat: 2, snat: 2, hairpin: 3 },
    });
    const r = await report('kube-system', 'real-odd-bytes');
    expect(r.diagnostics.filter((d) => d.code === 'non-utf8-text').map((d) => d.message.split(';')[0])).toEqual([
      'Line 12, column 6: chain name is not UTF-8',
      'Line 16, column 54: comment is not UTF-8', // after '[0:0] ': the gateway command reads with -c
      'Line 19, column 69: comment is not UTF-8',
      'Line 28, column 14: chain name is not UTF-8',
    ]);
    const audit = r.tables[0]!.chains.find((c) => c.name === 'PREROUTING')!.rules[0]!;
    expect(audit.text).toBe('-A PREROUTING -i net1 -m comment --comment "caf\\xe9 audit" -j OPS!#%&=+~@^');
  });

  it('sees real traffic move the counters, as rates per second', async () => {
    // Five new UDP flows from outside to the floating IP: the nat table counts the first packet of each.
    await sendUdp(NS.legacy, '192.168.100.11', 5353, 5);
    now += 10_000;
    await collector.refresh();
    const r = await report('kube-system', 'real-legacy');
    const dnat = r.tables.find((t) => t.name === 'nat')?.chains.find((c) => c.name === 'EXCLUSIVE_DNAT')?.rules[0];
    expect(dnat?.text).toBe('-A EXCLUSIVE_DNAT -d 192.168.100.11/32 -j DNAT --to-destination 10.0.1.5');
    expect(dnat?.rate?.packetsPerSecond).toBeCloseTo(0.5, 6);
    const untouched = r.tables.find((t) => t.name === 'nat')?.chains.find((c) => c.name === 'SHARED_DNAT')?.rules[0];
    expect(untouched?.rate?.packetsPerSecond).toBe(0);
  });
});
