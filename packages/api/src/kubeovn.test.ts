import { describe, expect, it } from 'vitest';
import { DriftReport, DriftSummary } from './drift.js';
import { IptablesDnatRule, IptablesEIP, KubeOvnObject } from './kubeovn.js';

const meta = { name: 'dnat01', labels: { 'ovn.kubernetes.io/vpc_dnat_eport': '8888' } };

describe('kubeovn.io schemas', () => {
  it('keep fields they do not declare, at every level', () => {
    const parsed = IptablesDnatRule.parse({
      apiVersion: 'kubeovn.io/v1',
      kind: 'IptablesDnatRule',
      metadata: { ...meta, managedFields: [{ manager: 'kubectl' }] },
      spec: { eip: 'eip-dnat', externalPort: '8888', futureField: true },
      status: { ready: true, somethingNew: { a: 1 } },
      extra: 'kept',
    });
    expect(parsed).toMatchObject({
      extra: 'kept',
      metadata: { managedFields: [{ manager: 'kubectl' }] },
      spec: { futureField: true },
      status: { somethingNew: { a: 1 } },
    });
  });

  it('read a hand-written number as the string Kubernetes stores', () => {
    const parsed = IptablesDnatRule.parse({
      apiVersion: 'kubeovn.io/v1',
      kind: 'IptablesDnatRule',
      metadata: { name: 'd', labels: { port: 8888 } },
      spec: { externalPort: 8888 },
    });
    expect(parsed.spec.externalPort).toBe('8888');
    expect(parsed.metadata.labels).toEqual({ port: '8888' });
  });

  it('give an object without spec an empty one, and leave status absent', () => {
    const parsed = IptablesEIP.parse({ apiVersion: 'kubeovn.io/v1', kind: 'IptablesEIP', metadata: { name: 'e' } });
    expect(parsed.spec).toEqual({});
    expect(parsed.status).toBeUndefined();
  });

  it('name the path of a field of the wrong type', () => {
    const result = KubeOvnObject.safeParse({
      apiVersion: 'kubeovn.io/v1',
      kind: 'IptablesFIPRule',
      metadata: { name: 'f' },
      spec: { eip: 5 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['spec', 'eip']);
  });

  it('take a Contract 5 summary with a finding code it does not know', () => {
    const summary = {
      gateway: 'gw1',
      status: 'drifted',
      drifts: [{ code: 'rule-from-the-future', severity: 'info', message: 'm', resource: null, eip: null, rules: [] }],
    };
    expect(DriftSummary.parse(summary).drifts[0]?.code).toBe('rule-from-the-future');
    expect(DriftReport.safeParse(summary).success).toBe(false); // the full report also has its rows
  });
});
