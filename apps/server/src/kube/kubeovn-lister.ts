import { ApiException, type CustomObjectsApi } from '@kubernetes/client-node';
import { KUBE_OVN_KINDS, KUBE_OVN_RESOURCES, type KubeOvnKind } from '@natscope/api';
import { describeCause, statusMessage } from './exec-errors.js';
import type { KubeOvnLists } from './gateway-cluster.js';
import { withTimeout } from './with-timeout.js';

/** Why the kubeovn.io objects could not be listed: forbidden (RBAC), not installed (no CRD), or unreachable. */
export class KubeOvnListError extends Error {
  override readonly name = 'KubeOvnListError';
  constructor(
    readonly reason: 'forbidden' | 'not-installed' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

/** The ClusterRole rule natscope needs to compare gateways with their objects (all five kinds are cluster-scoped). */
export const KUBE_OVN_RBAC = [
  'a ClusterRole (the five kinds are cluster-scoped) bound to natscope\'s service account with:',
  '  - apiGroups: ["kubeovn.io"]',
  `    resources: [${KUBE_OVN_KINDS.map((k) => `"${KUBE_OVN_RESOURCES[k]}"`).join(', ')}]`,
  '    verbs: ["get", "list"]',
].join('\n');

/**
 * Lists the five kubeovn.io kinds once each, cluster-wide (one request per kind, all at once), within `timeoutMs`.
 * Throws a KubeOvnListError saying which list failed and why: a 403 quotes the API server and names the RBAC;
 * a 404 means Kube-OVN's CRDs are not installed (or not this version's).
 */
export async function listKubeOvnObjects(api: CustomObjectsApi, server: string, timeoutMs: number): Promise<KubeOvnLists> {
  const one = async (kind: KubeOvnKind): Promise<[KubeOvnKind, unknown[]]> => {
    const plural = KUBE_OVN_RESOURCES[kind];
    try {
      const list = (await api.listClusterCustomObject({ group: 'kubeovn.io', version: 'v1', plural })) as { items?: unknown };
      return [kind, Array.isArray(list.items) ? list.items : []];
    } catch (err) {
      throw listError(err, plural, server);
    }
  };
  const lists = await withTimeout(Promise.all(KUBE_OVN_KINDS.map(one)), timeoutMs, () =>
    new KubeOvnListError('unreachable', `listing the kubeovn.io objects at ${server} took longer than ${timeoutMs / 1000} s`),
  );
  return Object.fromEntries(lists) as KubeOvnLists;
}

function listError(err: unknown, plural: string, server: string): KubeOvnListError {
  if (err instanceof KubeOvnListError) return err;
  if (err instanceof ApiException) {
    const code = err.code as number;
    const said = statusMessage(err.body) ?? `HTTP ${code}`;
    if (code === 403 || code === 401) {
      return new KubeOvnListError('forbidden', `natscope may not list ${plural}.kubeovn.io (${said}). To compare gateways with their kubeovn.io objects it needs ${KUBE_OVN_RBAC}`);
    }
    if (code === 404) {
      return new KubeOvnListError(
        'not-installed',
        `the API server at ${server} does not serve ${plural}.kubeovn.io/v1 (HTTP 404): Kube-OVN's CRDs are not installed in this cluster, so there is nothing to compare the gateways' rules with (kubectl get crd ${plural}.kubeovn.io)`,
      );
    }
    return new KubeOvnListError('unreachable', `listing ${plural}.kubeovn.io at ${server} failed: ${said}`);
  }
  return new KubeOvnListError('unreachable', `cannot list ${plural}.kubeovn.io at ${server}: ${describeCause(err)}`);
}
