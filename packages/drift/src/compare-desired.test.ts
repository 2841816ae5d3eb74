import { DriftReport, type DriftFinding, type ResourceRow } from '@natscope/api';
import { readFileSync } from 'node:fs';
import { parse } from '@natscope/iptables';
import { inspect } from '@natscope/natgw';
import { describe, expect, it } from 'vitest';
import { driftFixtures } from '../fixtures/index.js';
import { compareDesired } from './compare-desired.js';
import { fixtureCase } from './fixture-case.js';

// Each case in packages/drift/fixtures planted a drift (scripts/fixtures/drift-cases.ts); the expectations below are
// written from what it planted: `severity code Kind/name eip [chain#index …]`.
function brief(d: DriftFinding): string {
  const rules = d.rules.map((r) => `${r.chain}#${r.index}`).join(' ');
  return `${d.severity} ${d.code} ${d.resource ? `${d.resource.kind}/${d.resource.name}` : '-'} ${d.eip ?? '-'}${rules ? ` [${rules}]` : ''}`;
}

function compare(name: string, gateway?: string) {
  const c = fixtureCase(name);
  const report = compareDesired({ ...c, gateway: gateway ?? c.gateway });
  const row = (kind: string, rowName: string): ResourceRow => {
    const found = report.resources.find((r) => r.kind === kind && r.name === rowName);
    if (!found) throw new Error(`no row ${kind}/${rowName}`);
    return found;
  };
  const rules = (r: ResourceRow) => r.rules.map((x) => `${x.chain}#${x.index}`);
  return { ...c, report, row, rules, briefs: report.drifts.map(brief) };
}

describe('compareDesired on real dumps', () => {
  it('finds a v1.16 tenant in sync, every rule owned by exactly one object', () => {
    const { report, row, rules } = compare('in-sync-v116-legacy');
    expect(report.status).toBe('in-sync');
    expect(report.drifts).toEqual([]);
    expect(rules(row('IptablesFIPRule', 'fip-vm1'))).toEqual(['EXCLUSIVE_DNAT#1', 'EXCLUSIVE_SNAT#1']);
    expect(rules(row('IptablesEIP', 'eip-dnat'))).toEqual(['HAIRPIN_SNAT#3']);
    expect(rules(row('IptablesDnatRule', 'dnat-web'))).toEqual(['SHARED_DNAT#2']);
    expect(rules(row('IptablesSnatRule', 'snat-vpc2'))).toEqual(['SHARED_SNAT#2']);
    const owned = report.resources.flatMap((r) => r.rules.map((x) => x.line)).sort((a, b) => a - b);
    const mapped = fixtureCase('in-sync-v116-legacy')
      .report.mappings.flatMap((m) => m.rules.map((x) => x.line))
      .sort((a, b) => a - b);
    expect(owned).toEqual(mapped);
    expect(row('IptablesDnatRule', 'dnat-ssh').fields).toEqual({
      gateway: 'gw1',
      eipName: 'eip-dnat',
      eip: '192.168.100.12',
      protocol: 'tcp',
      externalPort: 2222,
      internalIp: '10.0.2.20',
      internalPort: 22,
    });
    expect(DriftReport.parse(report)).toEqual(report);
  });

  it('expects no hairpin rule before v1.16 (no HAIRPIN_SNAT chain)', () => {
    const { report, row } = compare('in-sync-v114-nft');
    expect(report.status).toBe('in-sync');
    expect(row('IptablesEIP', 'eip-snat').rules).toEqual([]);
  });

  it('leaves a share DNAT to nftables with a note, on master', () => {
    const { report, row } = compare('in-sync-master-nft');
    expect(report.status).toBe('in-sync');
    const pool = row('IptablesDnatRule', 'dnat-web-pool');
    expect(pool.rules).toEqual([]);
    expect(pool.notes.join(' ')).toMatch(/type is share: .*nftables \(table ip kube-ovn/);
  });

  it('reports every ready object of a pod that restarted and was never initialised', () => {
    const { report, briefs } = compare('restarted-empty-v114-nft');
    expect(report.status).toBe('drifted');
    expect(briefs).toEqual([
      'error rule-missing IptablesFIPRule/fip-vm1 192.168.100.11',
      'error rule-missing IptablesDnatRule/dnat-ssh 192.168.100.12',
      'error rule-missing IptablesDnatRule/dnat-web 192.168.100.10',
      'error rule-missing IptablesSnatRule/snat-vpc1 192.168.100.10',
      'error rule-missing IptablesSnatRule/snat-vpc2 192.168.100.10',
    ]);
    for (const d of report.drifts) {
      expect(d.message).toContain('was not initialised again (#3241, #4987)');
      expect(d.message).toContain('kubectl -n kube-system delete pod vpc-nat-gw-gw1-0');
      expect(d.message).toContain('kubectl -n kube-system exec vpc-nat-gw-gw1-0 -c vpc-nat-gw -- iptables-save -t nat');
    }
  });

  it('reports the hairpin rules too when a v1.16 pod was initialised but nothing was replayed', () => {
    const { briefs, report } = compare('restarted-init-only-v116-legacy');
    expect(briefs).toEqual([
      'error rule-missing IptablesEIP/eip-snat 192.168.100.10',
      'error rule-missing IptablesEIP/eip-fip 192.168.100.11',
      'error rule-missing IptablesEIP/eip-dnat 192.168.100.12',
      'error rule-missing IptablesFIPRule/fip-vm1 192.168.100.11',
      'error rule-missing IptablesDnatRule/dnat-ssh 192.168.100.12',
      'error rule-missing IptablesDnatRule/dnat-web 192.168.100.10',
      'error rule-missing IptablesSnatRule/snat-vpc1 192.168.100.10',
      'error rule-missing IptablesSnatRule/snat-vpc2 192.168.100.10',
    ]);
    expect(report.drifts[0]?.message).toMatch(/HAIRPIN_SNAT has no rule for it: VPC clients .* get no reply/);
    expect(report.drifts[0]?.message).not.toContain('not initialised again'); // init did run
    expect(report.drifts[0]?.message).toContain('iptables-legacy-save -t nat');
  });

  it('reports the rules a deleted floating IP left behind (#5115) as orphaned, and nothing else', () => {
    const { report, briefs } = compare('fip-deleted-rules-left-v113-legacy');
    expect(briefs).toEqual(['warning rule-orphaned - 192.168.100.13 [EXCLUSIVE_DNAT#2 EXCLUSIVE_SNAT#2]']);
    expect(report.drifts[0]?.message).toMatch(
      /^EXCLUSIVE_DNAT #2 line 18 and EXCLUSIVE_SNAT #2 line 20 map 192\.168\.100\.13 ⇄ 10\.0\.1\.6, but no IptablesFIPRule of gw1 wants it/,
    );
    expect(report.drifts[0]?.message).toContain('#5115');
  });

  it('reports a floating IP moved in its object only (F5: spec and status new, rule old) as differing', () => {
    const { report, briefs, row, rules } = compare('fip-moved-v115-nft');
    expect(briefs).toEqual([
      'error rule-differs IptablesFIPRule/fip-vm1 192.168.100.11 [EXCLUSIVE_DNAT#1 EXCLUSIVE_SNAT#1]',
    ]);
    expect(report.drifts[0]?.message).toMatch(
      /wants 192\.168\.100\.11 ⇄ 10\.0\.1\.5, but the gateway maps 192\.168\.100\.11 ⇄ 10\.0\.1\.4/,
    );
    expect(report.drifts[0]?.message).toContain('(F5)');
    expect(rules(row('IptablesFIPRule', 'fip-vm1'))).toEqual(['EXCLUSIVE_DNAT#1', 'EXCLUSIVE_SNAT#1']);
    expect(row('IptablesFIPRule', 'fip-vm1').findings).toEqual([0]);
  });

  it('takes an update that stopped half-way (ready false, old status) as not ready, its old rule not orphaned', () => {
    const { report, briefs } = compare('fip-update-failed-v116-legacy');
    expect(briefs).toEqual([
      'warning resource-not-ready IptablesFIPRule/fip-vm1 192.168.100.11 [EXCLUSIVE_DNAT#1 EXCLUSIVE_SNAT#1]',
    ]);
    expect(report.drifts[0]?.message).toContain('internalIp: spec 10.0.1.5, status 10.0.1.4');
    expect(report.drifts[0]?.message).toContain(
      'kubectl -n kube-system logs deploy/kube-ovn-controller | grep fip-vm1',
    );
  });

  it('reports a floating IP with only its inbound half as missing a rule', () => {
    const { report, briefs } = compare('fip-half-v115-legacy');
    expect(briefs).toEqual(['error rule-missing IptablesFIPRule/fip-vm1 192.168.100.11 [EXCLUSIVE_DNAT#1]']);
    expect(report.drifts[0]?.message).toContain('EXCLUSIVE_SNAT -s 10.0.1.5 → 192.168.100.11 is missing');
  });

  it('reports edits the pod never got: a port forward to another backend, an SNAT translating elsewhere', () => {
    const { report, briefs } = compare('updates-not-applied-v114-legacy');
    expect(briefs).toEqual([
      'error rule-differs IptablesDnatRule/dnat-ssh 192.168.100.12 [SHARED_DNAT#1]',
      'error rule-differs IptablesSnatRule/snat-vpc2 192.168.100.12 [SHARED_SNAT#2]',
    ]);
    expect(report.drifts[0]?.message).toMatch(
      /wants tcp 192\.168\.100\.12:2222 → 10\.0\.2\.21:22, but SHARED_DNAT #1 line \d+ sends .* to 10\.0\.2\.20:22.*status still says 10\.0\.2\.20:22/,
    );
    expect(report.drifts[1]?.message).toMatch(
      /wants 10\.0\.2\.0\/24 to leave as 192\.168\.100\.12, but SHARED_SNAT #2 line \d+ translates it to 192\.168\.100\.10.*status still says 192\.168\.100\.10/,
    );
  });

  it('reports objects that are not ready, without expecting their rules or orphaning the ones there', () => {
    const { report, briefs, row, rules } = compare('not-ready-v116-legacy');
    expect(briefs).toEqual([
      'warning resource-not-ready IptablesDnatRule/dnat-ssh-new 192.168.100.12',
      'warning resource-not-ready IptablesSnatRule/snat-vpc2 192.168.100.10 [SHARED_SNAT#2]',
    ]);
    expect(report.drifts[0]?.message).toContain('it has no status: the controller has never programmed it');
    expect(report.drifts[1]?.message).toContain('status.redo is 2026-12-01T09:14:03');
    expect(rules(row('IptablesDnatRule', 'dnat-ssh'))).toEqual(['SHARED_DNAT#1']); // the rule dnat-ssh-new wanted belongs to dnat-ssh
    expect(row('IptablesDnatRule', 'dnat-ssh-new').ready).toBe(false);
  });

  it('finds spellings the kernel normalises in sync, with a note that re-adds will duplicate them (F3, F4)', () => {
    const { report, row } = compare('spellings-v116-legacy');
    expect(report.status).toBe('in-sync');
    const ssh = row('IptablesDnatRule', 'dnat-ssh');
    expect(ssh.fields.protocol).toBe('tcp');
    expect(ssh.notes.join(' ')).toMatch(
      /spec\.protocol is 'TCP'; iptables stores it as 'tcp'\. .*appends another copy .*\(F3\)/,
    );
    expect(ssh.notes.join(' ')).not.toContain('copies:');
    const vpc1 = row('IptablesSnatRule', 'snat-vpc1');
    expect(vpc1.fields.internalCidr).toBe('10.0.1.0/24');
    expect(vpc1.notes.join(' ')).toMatch(
      /spec\.internalCIDR is '10\.0\.1\.5\/24'; iptables stores it as 10\.0\.1\.0\/24\. .*\(F4\)/,
    );
  });

  it('names the duplicates a replay already added for those spellings', () => {
    const { report, row, rules } = compare('spellings-readded-v116-legacy');
    expect(report.status).toBe('in-sync');
    expect(rules(row('IptablesDnatRule', 'dnat-ssh'))).toEqual(['SHARED_DNAT#1', 'SHARED_DNAT#3']);
    expect(row('IptablesDnatRule', 'dnat-ssh').notes.join(' ')).toMatch(
      /already holds 2 copies: SHARED_DNAT #1 line \d+ and SHARED_DNAT #3 line \d+/,
    );
    expect(row('IptablesSnatRule', 'snat-vpc1').notes.join(' ')).toMatch(
      /already holds 2 copies: SHARED_SNAT #1 line \d+ and SHARED_SNAT #3 line \d+/,
    );
  });

  it("reports an object whose EIP is another gateway's, and one whose EIP is gone, with the rule it left", () => {
    const { report, briefs } = compare('eip-unresolved-v116-legacy');
    expect(briefs).toEqual([
      'error eip-unresolved IptablesFIPRule/fip-stale -',
      'error eip-unresolved IptablesSnatRule/snat-lost-eip 192.168.100.14 [SHARED_SNAT#2]',
    ]);
    expect(report.drifts[0]?.message).toContain(
      'its EIP eip-gw2 belongs to gw2 (spec.natGwDp): the controller programs it on gw2',
    );
    expect(report.drifts[1]?.message).toMatch(
      /names EIP eip-old, which does not exist.*still in the pod \(SHARED_SNAT #2 line \d+\)/,
    );
  });

  it('keeps every report within its schema and its rows pointing at their findings', () => {
    for (const fixture of driftFixtures) {
      const { report } = compare(fixture.name);
      expect(DriftReport.safeParse(report).success, fixture.name).toBe(true);
      const pointed = report.resources.flatMap((r) => r.findings.map((i) => ({ i, name: r.name })));
      for (const { i, name } of pointed) expect(report.drifts[i]?.resource?.name, fixture.name).toBe(name);
      expect(report.status, fixture.name).toBe(
        report.drifts.some((d) => d.severity !== 'info') ? 'drifted' : 'in-sync',
      );
    }
  });
});

describe('compareDesired on a reading of the wrong tables', () => {
  it('says unknown instead of calling every rule missing when the dump is the nft view of legacy rules', () => {
    const objects = fixtureCase('in-sync-v116-legacy').resources;
    const dump = readFileSync(
      new URL('../../iptables/fixtures/nft-view-of-legacy-s5-tenant-v116.txt', import.meta.url),
      'utf8',
    );
    const stderr = readFileSync(
      new URL('../../iptables/fixtures/nft-view-of-legacy-s5-tenant-v116.stderr.txt', import.meta.url),
      'utf8',
    );
    const report = compareDesired({ gateway: 'gw1', report: inspect(parse(dump), { stderr }), resources: objects });
    expect(report.status).toBe('unknown');
    expect(report.drifts).toEqual([]);
    expect(report.reason).toMatch(/^this reading is not of the tables the kernel applies.*legacy/);
  });
});

describe('compareDesired on edited objects', () => {
  // The in-sync v1.16 dump, and its objects changed one at a time.
  const base = fixtureCase('in-sync-v116-legacy');
  const edit = (change: (r: typeof base.resources) => void) => {
    const resources = structuredClone(base.resources);
    change(resources);
    return compareDesired({ gateway: 'gw1', report: base.report, resources });
  };

  it('quotes a Ready condition when one explains why an object is not ready', () => {
    const report = edit((r) => {
      const fip = r.fips[0]!;
      fip.status = {
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'ExecFailed',
            message: 'eip 192.168.100.11 already bindTo rule',
            lastUpdateTime: null,
            lastTransitionTime: null,
          },
        ],
      };
    });
    expect(report.drifts.map(brief)).toEqual([
      'warning resource-not-ready IptablesFIPRule/fip-vm1 192.168.100.11 [EXCLUSIVE_DNAT#1 EXCLUSIVE_SNAT#1]',
    ]);
    expect(report.drifts[0]?.message).toContain(
      'its Ready condition is False (ExecFailed: eip 192.168.100.11 already bindTo rule)',
    );
    expect(report.resources.find((row) => row.name === 'fip-vm1')?.conditions).toHaveLength(1);
  });

  it('works with object and EIP names that are Object.prototype keys', () => {
    const report = edit((r) => {
      r.eips[1]!.metadata.name = '__proto__';
      r.fips[0]!.spec.eip = '__proto__';
      r.fips[0]!.metadata.name = 'constructor';
    });
    expect(report.status).toBe('in-sync');
    expect(report.resources.find((row) => row.name === 'constructor')?.fields.eipName).toBe('__proto__');
  });

  it('says when an object of this gateway carries another gateway’s label', () => {
    const report = edit((r) => {
      r.snats[0]!.metadata.labels = { 'ovn.kubernetes.io/vpc-nat-gw-name': 'gw9' };
    });
    expect(report.status).toBe('in-sync');
    expect(report.resources.find((row) => row.name === 'snat-vpc1')?.notes.join(' ')).toMatch(
      /names gw9, but its EIP belongs to gw1: .*would not replay this one/,
    );
  });

  it('reports an EIP with no address, and the objects on it as unresolved', () => {
    const report = edit((r) => {
      const e = r.eips[2]!; // eip-dnat
      delete e.status;
      e.spec = { natGwDp: 'gw1' };
    });
    expect(report.drifts.map(brief)).toEqual([
      // dnat-ssh's status still names its programmed rule, so the rule is its own, not an orphan.
      'error eip-unresolved IptablesDnatRule/dnat-ssh 192.168.100.12 [SHARED_DNAT#1]',
      'warning resource-not-ready IptablesEIP/eip-dnat -',
      'warning rule-orphaned - 192.168.100.12 [HAIRPIN_SNAT#3]',
    ]);
    expect(report.drifts[0]?.message).toContain('which has no address yet (status.ip is empty)');
    expect(report.drifts[0]?.message).toContain('Its last programmed rule is still in the pod (SHARED_DNAT #1 line');
  });

  it('takes an object naming a missing EIP as this gateway’s only when the objects name no other gateway', () => {
    const typo = (r: typeof base.resources) => {
      const dnat = structuredClone(r.dnats[0]!);
      dnat.metadata = { name: 'dnat-typo' };
      dnat.spec.eip = 'eip-dnta';
      delete dnat.status;
      r.dnats.push(dnat);
    };
    expect(edit(typo).drifts.map(brief)).toEqual(['error eip-unresolved IptablesDnatRule/dnat-typo -']);
    const withGw2 = edit((r) => {
      typo(r);
      r.eips.push({ ...structuredClone(r.eips[0]!), metadata: { name: 'eip-gw2' }, spec: { natGwDp: 'gw2' } });
    });
    expect(withGw2.drifts).toEqual([]);
  });

  it('names the pods of an HA gateway (replicas > 1) by their label, not as vpc-nat-gw-NAME-0', () => {
    const report = edit((r) => {
      r.gateways[0]!.spec.replicas = 2;
      r.fips[0]!.spec.internalIp = '10.0.1.99';
    });
    expect(report.drifts[0]?.message).toContain(
      'kubectl -n kube-system exec POD -c vpc-nat-gw -- iptables-legacy-save -t nat (POD: each of kubectl -n kube-system get pods -l app=vpc-nat-gw-gw1)',
    );
    expect(report.drifts[0]?.message).not.toContain('vpc-nat-gw-gw1-0');
  });

  it('puts the YAML of each object in its row when asked', () => {
    const report = compareDesired({ ...base, yaml: true });
    expect(report.resources.find((row) => row.name === 'fip-vm1')?.yaml).toMatch(
      /^apiVersion: kubeovn\.io\/v1\nkind: IptablesFIPRule\n/,
    );
    expect(compareDesired(base).resources[0]?.yaml).toBeUndefined();
  });
});
