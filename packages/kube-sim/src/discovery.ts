import { KUBEOVN_RESOURCES } from './kubeovn-crds.js';

/** The Kubernetes version the sim reports; minor ≥ 30 keeps kubectl on WebSocket exec. */
export interface SimVersion {
  major: number;
  minor: number;
  patch: number;
}

/** `GET /version`, shaped like the real server's version.Info. */
export function versionInfo(v: SimVersion): Record<string, string> {
  return {
    major: String(v.major),
    minor: String(v.minor),
    gitVersion: `v${v.major}.${v.minor}.${v.patch}`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `GET /api`: the legacy core group's versions. */
export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

const KUBEOVN_VERSION = { groupVersion: 'kubeovn.io/v1', version: 'v1' };

/** `GET /apis/kubeovn.io`: one group, one version. */
export function kubeovnGroup(): Record<string, unknown> {
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: 'kubeovn.io',
    versions: [KUBEOVN_VERSION],
    preferredVersion: KUBEOVN_VERSION,
  };
}

/** `GET /apis`: the named groups the sim serves: kubeovn.io, unless Kube-OVN's CRDs are not installed. */
export function apiGroupList(kubeovnInstalled = true): Record<string, unknown> {
  const { kind: _kind, apiVersion: _apiVersion, ...group } = kubeovnGroup();
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: kubeovnInstalled ? [group] : [] };
}

/** `GET /api/v1`: the core resources the sim serves, with only the verbs it implements. */
export function coreV1Resources(): Record<string, unknown> {
  return {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      {
        name: 'namespaces',
        singularName: 'namespace',
        namespaced: false,
        kind: 'Namespace',
        verbs: ['get', 'list'],
        shortNames: ['ns'],
      },
      {
        name: 'pods',
        singularName: 'pod',
        namespaced: true,
        kind: 'Pod',
        verbs: ['get', 'list'],
        shortNames: ['po'],
        categories: ['all'],
      },
      { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
    ],
  };
}

/** `GET /apis/kubeovn.io/v1`: the five NAT gateway CRDs, cluster-scoped, read-only here. */
export function kubeovnResources(): Record<string, unknown> {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'kubeovn.io/v1',
    resources: KUBEOVN_RESOURCES.map((r) => ({
      name: r.plural,
      singularName: r.singular,
      namespaced: false,
      kind: r.kind,
      verbs: ['get', 'list'],
      shortNames: r.shortNames,
    })),
  };
}
