import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DriftReport, DriftSummary } from '@natscope/api';
import { driftFixture, driftFixturePath } from '@natscope/drift/fixtures';
import { describe, expect, it } from 'vitest';
import { runWithMemoryIo } from '../memory-io.js';
import { runCli } from '../run-cli.js';

/** The dump and objects files of a drift fixture. */
function files(name: string): { dump: string; crs: string; json: string | null } {
  const f = driftFixture(name);
  return {
    dump: driftFixturePath(f.dump),
    crs: driftFixturePath(f.resources),
    json: f.json ? driftFixturePath(f.json) : null,
  };
}

/** Runs `natscope …` against the real files, capturing what it prints. */
function natscope(args: string[], stdin = '') {
  return runWithMemoryIo((io) => runCli(args, io), stdin);
}

describe('natscope drift', () => {
  it('says a gateway in sync is in sync, with what it compared, and exits 0', async () => {
    const { dump, crs } = files('in-sync-v116-legacy');
    const { code, stdout, stderr } = await natscope(['drift', '--crs', crs, dump]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 5)).toEqual([
      `natscope drift ${dump} --crs ${crs}`,
      'gateway      gw1 · dump legacy, 18 rules',
      'health       read · healthy',
      'objects      1 VpcNatGateway, 3 IptablesEIPs, 1 IptablesFIPRule, 2 IptablesDnatRules, 2 IptablesSnatRules',
      "status       IN SYNC: every ready object's rules are in the dump and no Kube-OVN rule is unowned",
    ]);
    expect(stdout).toMatch(
      /\n {2}IptablesFIPRule +fip-vm1 +ready +192\.168\.100\.11 ⇄ 10\.0\.1\.5 +EXCLUSIVE_DNAT #1 line 18, EXCLUSIVE_SNAT #1 line 19\n/,
    );
    expect(stdout).not.toContain('ERRORS');
  });

  it('says beside the drift that a pod that restarted without its rules is broken: the drift is its consequence', async () => {
    const { dump, crs } = files('restarted-empty-v114-nft');
    const { code, stdout } = await natscope(['drift', '--crs', crs, dump]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[2]).toBe('health       read · broken: not initialised');
    expect(stdout).toMatch(/\nstatus {7}DRIFTED: /);
  });

  it('groups the findings by severity, with the object, the EIP and the rules as chain #index line N, and exits 0', async () => {
    const { dump, crs } = files('not-ready-v116-legacy');
    const { code, stdout } = await natscope(['drift', '--crs', crs, dump]);
    expect(code).toBe(0);
    expect(stdout).toContain('status       DRIFTED: 2 warnings (see below)');
    const warnings = stdout.slice(stdout.indexOf('WARNINGS (2)'), stdout.indexOf('OBJECTS'));
    expect(warnings).toContain(
      '  resource-not-ready  IptablesSnatRule snat-vpc2  EIP 192.168.100.10\n           rules: SHARED_SNAT #2 line 26\n',
    );
    expect(warnings).toMatch(/ {11}IptablesDnatRule dnat-ssh-new is not ready: it has no status/);
    expect(stdout).toMatch(
      /\n {2}IptablesDnatRule +dnat-ssh-new +NOT READY +tcp 192\.168\.100\.12:2222 → 10\.0\.2\.21:22 +no rule {2}! resource-not-ready\n/,
    );
  });

  it('puts errors before warnings and shows each object’s notes under its row', async () => {
    const { dump, crs } = files('spellings-readded-v116-legacy');
    const { stdout } = await natscope(['drift', '--crs', crs, dump]);
    expect(stdout).toContain('IN SYNC');
    expect(stdout).toMatch(
      /\n {2}IptablesDnatRule +dnat-ssh .*SHARED_DNAT #1 line 23, SHARED_DNAT #3 line 25\n {11}note: spec\.protocol is 'TCP'/,
    );
    const mixed = files('eip-unresolved-v116-legacy');
    const out = (await natscope(['drift', '--gateway', 'gw1', '--crs', mixed.crs, mixed.dump])).stdout;
    expect(out.indexOf('ERRORS (2)')).toBeGreaterThan(0);
    expect(out.indexOf('  eip-unresolved  IptablesSnatRule snat-lost-eip  EIP 192.168.100.14')).toBeGreaterThan(
      out.indexOf('ERRORS (2)'),
    );
  });

  it('prints, with --json, the drift report the API schema accepts', async () => {
    const { dump, crs } = files('fip-deleted-rules-left-v113-legacy');
    const { code, stdout, stderr } = await natscope(['drift', '--json', '--crs', crs, dump]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const report = DriftReport.parse(JSON.parse(stdout));
    expect(DriftSummary.parse(report)).toMatchObject({ gateway: 'gw1', status: 'drifted' });
    expect(report.drifts.map((d) => [d.code, d.eip, d.rules.map((r) => r.line)])).toEqual([
      ['rule-orphaned', '192.168.100.13', [18, 20]],
    ]);
  });

  it('reads the dump from stdin and the objects as kubectl -o json', async () => {
    const { dump, json } = files('in-sync-v114-nft');
    const { code, stdout } = await natscope(['drift', '--crs', json!, '-'], await readFile(dump, 'utf8'));
    expect(code).toBe(0);
    expect(stdout).toContain('natscope drift <stdin> --crs');
    expect(stdout).toContain('IN SYNC');
  });

  it('reads the objects from stdin when the dump is a file', async () => {
    const { dump, crs } = files('fip-moved-v115-nft');
    const { code, stdout } = await natscope(['drift', '--json', '--crs', '-', dump], await readFile(crs, 'utf8'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'drifted', drifts: [{ code: 'rule-differs' }] });
  });

  it('exits 1 with file:line:column and no stack when FILE is not YAML or does not fit its kind', async () => {
    const { dump } = files('in-sync-v116-legacy');
    const bad = await natscope(
      ['drift', '--crs', '-', dump],
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: kubeovn.io/v1\n  kind: IptablesEIP\n  metadata: {name: e}\n  spec: {natGwDp: [gw1]}\n',
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      '<stdin>:7:19: IptablesEIP e: spec.natGwDp: Invalid input: expected string, received array\n',
    );
    const notYaml = await natscope(['drift', '--crs', '-', dump], 'items: [\n');
    expect(notYaml.code).toBe(1);
    expect(notYaml.stderr).toMatch(/^<stdin>:2:1: not YAML or JSON: /);
    expect(notYaml.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with file:line:column when the dump is not iptables-save output', async () => {
    const { crs } = files('in-sync-v116-legacy');
    const { code, stderr } = await natscope(['drift', '--crs', crs, '-'], '*nat\n-A PREROUTING -j DNAT_FILTER\n');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^<stdin>:2:4: rule for chain PREROUTING, which table nat does not declare/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when FILE holds several gateways and --gateway is missing, listing them', async () => {
    const { dump, crs } = files('eip-unresolved-v116-legacy');
    const { code, stdout, stderr } = await natscope(['drift', '--crs', crs, dump]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'holds objects of several gateways (gw1, gw2); say which one the dump is from with --gateway NAME',
    );
  });

  it('takes the gateway from a dump named after its pod when FILE holds several', async () => {
    const { dump, crs } = files('eip-unresolved-v116-legacy');
    const dir = await mkdtemp(join(tmpdir(), 'natscope-drift-'));
    const named = join(dir, 'vpc-nat-gw-gw1-0.txt');
    await copyFile(dump, named);
    const { code, stdout } = await natscope(['drift', '--json', '--crs', crs, named]);
    expect(code).not.toBe(2);
    expect(DriftReport.parse(JSON.parse(stdout)).gateway).toBe('gw1');
  });

  it('exits 2 for a --gateway that FILE does not describe, a missing --crs, and stdin asked for twice', async () => {
    const { dump, crs } = files('in-sync-v116-legacy');
    const unknown = await natscope(['drift', '--gateway', 'gw9', '--crs', crs, dump]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("has no objects of gateway 'gw9' (gateways in it: gw1)");
    const noCrs = await natscope(['drift', dump]);
    expect(noCrs.code).toBe(2);
    expect(noCrs.stderr).toContain('drift: --crs FILE is required');
    const twice = await natscope(['drift', '--crs', '-', '-']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('cannot both be read from stdin');
    const missing = await natscope(['drift', '--crs', '/nonexistent/crs.yaml', dump]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read /nonexistent/crs.yaml: no such file');
  });

  it('is listed in natscope --help', async () => {
    const { stdout } = await natscope(['--help']);
    expect(stdout).toMatch(/\n {2}drift +compare a gateway dump with its kubeovn\.io objects/);
  });
});
