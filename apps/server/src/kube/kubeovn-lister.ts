import { ApiException, type CustomObjectsApi } from '@kubernetes/client-node';
import { KUBE_OVN_KINDS, KUBE_OVN_RESOURCES, type KubeOvnKind } from '@natscope/api';
import { describeCause, statusMessage } from './exec-errors.js';
import type { KubeOvnPage } from './gateway-cluster.js';
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
const KUBE_OVN_RBAC = [
  "a ClusterRole (the five kinds are cluster-scoped) bound to natscope's service account with:",
  '  - apiGroups: ["kubeovn.io"]',
  `    resources: [${KUBE_OVN_KINDS.map((k) => `"${KUBE_OVN_RESOURCES[k]}"`).join(', ')}]`,
  '    verbs: ["get", "list"]',
].join('\n');

/**
 * How many objects one list request asks for. kubectl asks for 500; a fleet's listing is tens of thousands of
 * objects, so pages of this size keep the requests few while the raw objects held at once stay a few MB (a whole
 * listing parsed at once was ~150 MB of garbage per pass, and blocked the event loop for its JSON.parse).
 */
const KUBE_OVN_PAGE = 2000;

/**
 * Lists the five kubeovn.io kinds once each, cluster-wide (the kinds at once, each in pages of `KUBE_OVN_PAGE`,
 * handed to `page` as they come), within `timeoutMs`. Throws a KubeOvnListError saying which list failed and why:
 * a 403 quotes the API server and names the RBAC; a 404 means Kube-OVN's CRDs are not installed (or not this
 * version's). After a failure or the timeout no further page is asked for or handed on.
 */
export async function listKubeOvnObjects(
  api: CustomObjectsApi,
  server: string,
  timeoutMs: number,
  page: KubeOvnPage,
  pageSize = KUBE_OVN_PAGE,
): Promise<void> {
  let stopped = false;
  const one = async (kind: KubeOvnKind): Promise<void> => {
    const plural = KUBE_OVN_RESOURCES[kind];
    let next: string | undefined;
    try {
      do {
        const list = (await api.listClusterCustomObject({
          group: 'kubeovn.io',
          version: 'v1',
          plural,
          limit: pageSize,
          ...(next ? { _continue: next } : {}),
        })) as {
          items?: unknown;
          metadata?: { continue?: unknown };
        };
        if (stopped) return;
        page(kind, Array.isArray(list.items) ? list.items : []);
        next =
          typeof list.metadata?.continue === 'string' && list.metadata.continue ? list.metadata.continue : undefined;
      } while (next);
    } catch (err) {
      throw listError(err, plural, server);
    }
  };
  try {
    await withTimeout(
      Promise.all(KUBE_OVN_KINDS.map(one)),
      timeoutMs,
      () =>
        new KubeOvnListError(
          'unreachable',
          `listing the kubeovn.io objects at ${server} took longer than ${timeoutMs / 1000} s`,
        ),
    );
  } finally {
    stopped = true;
  }
}

function listError(err: unknown, plural: string, server: string): KubeOvnListError {
  if (err instanceof KubeOvnListError) return err;
  if (err instanceof ApiException) {
    const code = err.code as number;
    const said = statusMessage(err.body) ?? `HTTP ${code}`;
    if (code === 403 || code === 401) {
      return new KubeOvnListError(
        'forbidden',
        `natscope may not list ${plural}.kubeovn.io (${said}). To compare gateways with their kubeovn.io objects it needs ${KUBE_OVN_RBAC}`,
      );
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
