import { isIP } from 'node:net';
import type { SecureContext } from 'node:tls';
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import type WebSocket from 'ws';
import { CollectError } from '../collector/collect-error.js';
import { describeCause, statusMessage } from './exec-errors.js';
import { execSession } from './exec-session.js';
import type { ExecRequest, ExecResult, GatewayCluster, KubeOvnPage, PodInfo } from './gateway-cluster.js';
import { listKubeOvnObjects } from './kubeovn-lister.js';
import { SecureContexts } from './secure-contexts.js';
import { WarmConnections } from './warm-connections.js';
import { withTimeout } from './with-timeout.js';

/**
 * The real cluster, through @kubernetes/client-node: CoreV1Api for listing and client-node's Exec for the
 * WebSocket exec. We give client-node's WebSocketHandler a socket factory so that we can read the body of a
 * refused upgrade (403 Forbidden names the missing RBAC; 400 names a missing container) and close the socket
 * ourselves when our timeout fires or the server drops it without a status frame. The factory also hands
 * each exec its connection: one WarmConnections opened ahead when the collector said execs were coming
 * (expectExecs), with the TLS settings client-node's agent would have used; through a proxy, the agent's own.
 */
export class KubeClient implements GatewayCluster {
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;
  private readonly secureContexts = new SecureContexts();
  /** Connections opened ahead for execs, per endpoint and credentials (in practice one). */
  private readonly warm = new Map<string, WarmConnections>();
  /** The latest expectExecs() hint. */
  private expected = 0;

  constructor(private readonly kc: KubeConfig) {
    this.core = kc.makeApiClient(CoreV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
  }

  /** A client for the cluster a kubeconfig (YAML text) names, e.g. the demo's or a test's kube-sim. */
  static fromKubeconfig(yaml: string): KubeClient {
    const kc = new KubeConfig();
    kc.loadFromString(yaml);
    return new KubeClient(kc);
  }

  expectExecs(count: number): void {
    this.expected = count;
    for (const pool of this.warm.values()) pool.keep(count);
  }

  /** Connections opened ahead so far, and those an exec had to open itself (for tests and the benchmark). */
  get connectionStats(): { warm: number; cold: number } {
    let warm = 0;
    let cold = 0;
    for (const pool of this.warm.values()) {
      warm += pool.stats.warm;
      cold += pool.stats.cold;
    }
    return { warm, cold };
  }

  /** Closes the connections opened ahead. */
  close(): void {
    for (const pool of this.warm.values()) pool.close();
    this.warm.clear();
  }

  /**
   * The pool for an exec's endpoint, or null when client-node's agent must make the connection: through a
   * proxy (the agent speaks to it), or without TLS.
   */
  private warmFor(
    uri: string,
    credentials: string,
    opts: WebSocket.ClientOptions & { secureContext: SecureContext; servername?: string },
  ): WarmConnections | null {
    const url = new URL(uri);
    if (url.protocol !== 'wss:' || this.kc.getCurrentCluster()?.proxyUrl) return null;
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const port = Number(url.port || 443);
    // As ws's own tlsConnect: SNI is the host name, none for an IP address, unless the kubeconfig names one.
    const servername = opts.servername ?? (isIP(host) ? '' : host);
    const rejectUnauthorized = opts.rejectUnauthorized !== false;
    const key = `${host}|${port}|${servername}|${rejectUnauthorized}|${credentials}`;
    let pool = this.warm.get(key);
    if (!pool) {
      pool = new WarmConnections({ host, port, servername, secureContext: opts.secureContext, rejectUnauthorized });
      this.warm.set(key, pool);
    }
    return pool;
  }

  /** The API server's URL, for messages. */
  get server(): string {
    return this.kc.getCurrentCluster()?.server ?? '(no cluster)';
  }

  async listPods(opts: { namespaces: string[]; selector: string; timeoutMs: number }): Promise<PodInfo[]> {
    const lists =
      opts.namespaces.length === 0
        ? [this.core.listPodForAllNamespaces({ labelSelector: opts.selector })]
        : opts.namespaces.map((namespace) => this.core.listNamespacedPod({ namespace, labelSelector: opts.selector }));
    const results = await withTimeout(
      Promise.all(lists),
      opts.timeoutMs,
      () =>
        new CollectError(
          'cluster-unreachable',
          `listing pods at ${this.server} took longer than ${opts.timeoutMs / 1000} s`,
        ),
    ).catch((err: unknown) => {
      throw this.listError(err, opts.namespaces);
    });
    return results.flatMap((list) => list.items.map(toPodInfo));
  }

  listKubeOvn(opts: { timeoutMs: number; page: KubeOvnPage }): Promise<void> {
    return listKubeOvnObjects(this.custom, this.server, opts.timeoutMs, opts.page);
  }

  private listError(err: unknown, namespaces: string[]): CollectError {
    if (err instanceof CollectError) return err;
    const where = namespaces.length === 0 ? 'in any namespace' : `in namespace(s) ${namespaces.join(', ')}`;
    if (err instanceof ApiException) {
      const code = err.code as number;
      const message = statusMessage(err.body) ?? `HTTP ${code}`;
      if (code === 401)
        return new CollectError(
          'cluster-unreachable',
          `the API server at ${this.server} rejected natscope's credentials: ${message}`,
        );
      if (code === 403) {
        return new CollectError(
          'cluster-unreachable',
          `not allowed to list pods ${where}: ${message}. natscope's service account needs "get" and "list" on "pods"`,
        );
      }
      return new CollectError('cluster-unreachable', `listing pods ${where} at ${this.server} failed: ${message}`);
    }
    return new CollectError(
      'cluster-unreachable',
      `cannot reach the API server at ${this.server}: ${describeCause(err)}`,
    );
  }

  exec(req: ExecRequest): Promise<ExecResult> {
    return execSession(this.kc, req, (uri, opts) => this.prepareSocket(uri, opts));
  }

  /**
   * The socket factory's part that is ours: the cached TLS context, no compression, and a connection opened
   * ahead when there is one for the endpoint.
   */
  private prepareSocket(uri: string, opts: WebSocket.ClientOptions & { secureContext?: SecureContext }): void {
    // ws hands its options to https.request and so to tls.connect (its typings just do not list this one).
    const { key: credentials, context: secureContext } = this.secureContexts.for(opts);
    opts.secureContext = secureContext;
    // The API server never negotiates compression; not offering it spares ws setting it up per exec.
    opts.perMessageDeflate = false;
    const pool = this.warmFor(uri, credentials, { ...opts, secureContext });
    if (pool) {
      // A connection opened ahead (or a new one), the same TLS settings the agent would have used.
      const socket = pool.take();
      opts.createConnection = () => socket;
      delete opts.agent;
      pool.keep(this.expected);
    }
  }
}

function toPodInfo(pod: V1Pod): PodInfo {
  const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    labels: pod.metadata?.labels ?? {},
    annotations: pod.metadata?.annotations ?? {},
    phase: pod.status?.phase ?? 'Unknown',
    ready,
    containers: (pod.spec?.containers ?? []).map((c) => c.name),
  };
}
