import { describe, expect, it } from 'vitest';
import { inspectFixture } from '../report/fixture-corpus.js';

const initDiagnostics = (file: string) =>
  inspectFixture(file).report.diagnostics.filter((d) => d.code === 'gateway-not-initialized');

describe('gateway-not-initialized', () => {
  it('reports a restarted pod whose nat table is empty, as an error', () => {
    for (const file of ['restarted-empty-legacy.txt', 'restarted-empty-nft.txt']) {
      const [d, ...rest] = initDiagnostics(file);
      expect(rest, file).toEqual([]);
      expect(d).toMatchObject({ severity: 'error', rules: [] });
      expect(d!.message).toMatch(/nat table \(line \d+\) is empty/);
      expect(d!.message).toMatch(/init was not re-run/);
      expect(d!.message).toMatch(/Recreate the gateway pod/);
    }
  });

  it('names every jump that an init which died early left out', () => {
    // init creates all six chains first, then died after two jumps.
    const [d] = initDiagnostics('init-died-early-v114-legacy.txt');
    expect(d!.message).toContain(
      'missing jump nat DNAT_FILTER → SHARED_DNAT, jump nat POSTROUTING → SNAT_FILTER, ' +
        'jump nat SNAT_FILTER → EXCLUSIVE_SNAT, jump nat SNAT_FILTER → SHARED_SNAT.',
    );
    // What exists is not called missing.
    expect(d!.message).not.toContain('PREROUTING → DNAT_FILTER');
    expect(d!.message).not.toContain('chain nat');
    expect(d!.message).toContain('floating IPs and port forwards do not answer');
    expect(d!.message).toContain('VPC traffic leaves without SNAT');
  });

  it('requires the v1.16 hairpin jump and mangle marking only once the dump shows v1.16', () => {
    // init died after the SNAT_FILTER jumps of every generation: the v1.16 hairpin jump and marking are missing.
    const [d] = initDiagnostics('init-died-late-v116-legacy.txt');
    expect(d!.message).toContain('jump nat SNAT_FILTER → HAIRPIN_SNAT');
    expect(d!.message).toContain('jump mangle PREROUTING → VPC_MARK');
    expect(d!.message).toContain('the mangle VPC_MARK rule that marks packets from the VPC');
    expect(d!.message).toContain('cannot reach each other through their EIPs (hairpin)');
    expect(d!.message).not.toContain('SHARED_SNAT');
    expect(d!.message).not.toContain('without SNAT');
    // v1.14 has no HAIRPIN_SNAT: its absence is no error there.
    expect(initDiagnostics('s5-tenant-v114-legacy.txt')).toEqual([]);
    expect(initDiagnostics('s1-fresh-v114-nft.txt')).toEqual([]);
  });

  it('stays quiet on every initialised gateway of every generation', () => {
    for (const file of [
      's1-fresh-v116-legacy.txt',
      's2-egress-v111-nft.txt',
      's5-tenant-master-nft.txt',
      's8-vm-fips-v116-legacy.txt',
      'operator-chains-v116-nft.txt',
    ]) {
      expect(initDiagnostics(file), file).toEqual([]);
    }
  });

  it('points at the legacy tables when iptables-nft warned they exist', () => {
    const [d] = initDiagnostics('nft-view-of-legacy-s5-tenant-v116.txt');
    expect(d!.message).toMatch(/through iptables-nft, the nat table \(line \d+\) is empty/);
    expect(d!.message).toContain('iptables-legacy-save -c');
  });
});
