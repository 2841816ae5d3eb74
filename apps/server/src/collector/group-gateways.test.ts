import { describe, expect, it } from 'vitest';
import { gatewayNameOf, groupGateways } from './group-gateways.js';
import type { PodInfo } from '../kube/gateway-cluster.js';

function pod(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): PodInfo {
  return { namespace, name, labels, annotations, phase: 'Running', ready: true, containers: ['vpc-nat-gw'] };
}

describe('gatewayNameOf', () => {
  it('takes the gateway name from the vpc_nat_gw annotation first', () => {
    expect(
      gatewayNameOf(pod('kube-system', 'x-0', { app: 'vpc-nat-gw-other' }, { 'ovn.kubernetes.io/vpc_nat_gw': 'gw1' })),
    ).toBe('gw1');
  });

  it('falls back to the app=vpc-nat-gw-<name> label', () => {
    expect(gatewayNameOf(pod('kube-system', 'vpc-nat-gw-gw2-0', { app: 'vpc-nat-gw-gw2' }))).toBe('gw2');
  });

  it('uses the pod name when neither says which gateway it is', () => {
    expect(gatewayNameOf(pod('kube-system', 'odd-pod', { app: 'nginx' }))).toBe('odd-pod');
  });
});

describe('groupGateways', () => {
  it('puts every pod of an HA gateway under one gateway, pods by name, gateways by namespace and name', () => {
    const a = { 'ovn.kubernetes.io/vpc_nat_gw': 'ha' };
    const groups = groupGateways([
      pod('tenant-b', 'vpc-nat-gw-z-0', { app: 'vpc-nat-gw-z' }),
      pod('kube-system', 'vpc-nat-gw-ha-abc-2', {}, a),
      pod('kube-system', 'vpc-nat-gw-ha-abc-1', {}, a),
      pod('tenant-b', 'vpc-nat-gw-ha-0', {}, a),
    ]);
    expect(groups.map((g) => [g.namespace, g.name, g.pods.map((p) => p.name)])).toEqual([
      ['kube-system', 'ha', ['vpc-nat-gw-ha-abc-1', 'vpc-nat-gw-ha-abc-2']],
      ['tenant-b', 'ha', ['vpc-nat-gw-ha-0']],
      ['tenant-b', 'z', ['vpc-nat-gw-z-0']],
    ]);
  });
});
