import type { DriftReport } from '@natscope/api';
import { compareDesired } from '@natscope/drift';
import { parse } from '@natscope/iptables';
import { mergeCrds } from '@natscope/kube-sim';
import { inspect } from '@natscope/natgw';
import { describe, expect, it } from 'vitest';
import { crdsAsResources } from '../test-support/crds-as-resources.js';
import { DEMO_GATEWAYS, demoCrds, demoFixture } from './demo-cluster.js';

// The demo's objects as the server lists them: every gateway's at once (the listing is cluster-wide), read with the
// server's own reader; each gateway's dump (and the stderr its pod prints) inspected as the analysis workers do.
const resources = crdsAsResources(mergeCrds(...DEMO_GATEWAYS.map(demoCrds)));
const drift = new Map<string, DriftReport>(
  DEMO_GATEWAYS.map((gw) => {
    const { file, text, stderr } = demoFixture(gw.fixture);
    return [
      gw.name,
      compareDesired({ gateway: gw.name, report: inspect(parse(text, { file }), { stderr }), resources }),
    ];
  }),
);
const of = (gateway: string): DriftReport => {
  const report = drift.get(gateway);
  if (!report) throw new Error(`no demo gateway ${gateway}`);
  return report;
};
/** A finding in one line: its code and the object it is on, or for a rule nothing owns, its EIP. */
const line = (f: DriftReport['drifts'][number]): string =>
  `${f.code} ${f.resource ? `${f.resource.kind}/${f.resource.name}` : `(no object) ${f.eip}`}`;

describe('the demo fleet compared with its kubeovn.io objects', () => {
  it('says per gateway the status and findings its planted drift makes, each on its object', () => {
    const seen = Object.fromEntries(
      [...drift].map(([name, d]) => [name, { status: d.status, findings: d.drifts.map(line) }]),
    );
    expect(seen).toEqual({
      'tenant-a': { status: 'in-sync', findings: [] },
      'vm-farm': { status: 'drifted', findings: ['rule-differs IptablesFIPRule/vm-farm-fip01'] },
      'edge-ha': { status: 'in-sync', findings: [] },
      rebooted: {
        status: 'drifted',
        findings: [
          'rule-missing IptablesFIPRule/rebooted-fip01',
          'rule-missing IptablesDnatRule/rebooted-dnat01',
          'rule-missing IptablesDnatRule/rebooted-dnat02',
          'rule-missing IptablesSnatRule/rebooted-snat01',
          'rule-missing IptablesSnatRule/rebooted-snat02',
        ],
      },
      busy: {
        status: 'drifted',
        findings: ['resource-not-ready IptablesDnatRule/busy-dnat-https', 'rule-orphaned (no object) 192.168.100.109'],
      },
      overlap: { status: 'in-sync', findings: [] },
      'half-fip': { status: 'drifted', findings: ['rule-missing IptablesFIPRule/half-fip-fip01'] },
      // Its pod prints the nft view of legacy rules: the comparison cannot say what the gateway holds.
      'split-brain': { status: 'unknown', findings: [] },
      'ops-custom': { status: 'in-sync', findings: [] },
      'odd-bytes': { status: 'in-sync', findings: [] },
      // In its first phase; the others drift from it (demo-timeline.test.ts).
      churn: { status: 'in-sync', findings: [] },
      // Their pods cannot be read (exec hangs, exec forbidden), so the server says unknown; their objects agree with their dumps.
      stuck: { status: 'in-sync', findings: [] },
      locked: { status: 'in-sync', findings: [] },
    });
  });

  it('gives every gateway its VpcNatGateway, and a tenant an EIP per address and an object per mapping', () => {
    for (const gw of DEMO_GATEWAYS.filter((g) => g.name !== 'split-brain')) {
      expect(
        of(gw.name)
          .resources.filter((r) => r.kind === 'VpcNatGateway')
          .map((r) => r.name),
      ).toEqual([gw.name]);
    }
    expect(of('tenant-a').resources.map((r) => `${r.kind} ${r.name}`)).toEqual([
      'VpcNatGateway tenant-a',
      'IptablesEIP tenant-a-eip01',
      'IptablesEIP tenant-a-eip02',
      'IptablesEIP tenant-a-eip03',
      'IptablesFIPRule tenant-a-fip01',
      'IptablesDnatRule tenant-a-dnat01',
      'IptablesDnatRule tenant-a-dnat02',
      'IptablesSnatRule tenant-a-snat01',
      'IptablesSnatRule tenant-a-snat02',
    ]);
    expect(of('busy').resources.length).toBeGreaterThan(100);
  });

  it('has rebooted lose every rule of its ready objects in a restart', () => {
    const d = of('rebooted');
    expect(d.resources.every((r) => r.ready)).toBe(true);
    expect(d.drifts.every((f) => f.rules.length === 0)).toBe(true);
    expect(d.drifts[0]?.message).toContain('the pod restarted and was not initialised again');
  });

  it("has vm-farm's moved floating IP still map the old VM in the pod, its status saying the new one was programmed", () => {
    const [differs] = of('vm-farm').drifts;
    expect(differs?.message).toMatch(
      /wants 192\.168\.100\.40 ⇄ 10\.0\.1\.16, but the gateway maps 192\.168\.100\.40 ⇄ 10\.0\.1\.11/,
    );
    expect(differs?.message).toContain('(F5)');
    expect(differs?.rules.map((r) => r.chain)).toEqual(['EXCLUSIVE_DNAT', 'EXCLUSIVE_SNAT']);
  });

  it("has busy keep a deleted floating IP's rules, and a port forward whose move stopped with no rule in the pod", () => {
    const [stalled, orphan] = of('busy').drifts;
    expect(stalled?.rules).toEqual([]);
    expect(stalled?.message).toContain('status.ready is false');
    expect(stalled?.message).toContain('Spec and status differ (internalIp: spec 10.0.4.11, status 10.0.4.10)');
    expect(orphan?.message).toContain('no IptablesFIPRule of busy wants it');
    expect(orphan?.rules.map((r) => r.chain)).toEqual(['EXCLUSIVE_DNAT', 'EXCLUSIVE_SNAT']);
  });

  it("notes ops-custom's hand-written spellings on their rows without calling them drift", () => {
    const notes = of('ops-custom').resources.flatMap((r) => r.notes.map((n) => `${r.kind} ${r.name}: ${n}`));
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^IptablesSnatRule ops-custom-snat\d+: spec\.internalCIDR is '10\.0\.1\.5\/24'; iptables stores it as 10\.0\.1\.0\/24/,
        ),
        expect.stringMatching(
          /^IptablesDnatRule ops-custom-dnat\d+: spec\.protocol is 'TCP'; iptables stores it as 'tcp'/,
        ),
      ]),
    );
    const spelled = of('ops-custom').resources.filter((r) => r.notes.some((n) => n.includes('iptables stores it as')));
    expect(spelled.every((r) => r.ready && r.rules.length > 0)).toBe(true);
  });
});
