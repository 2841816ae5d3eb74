import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { isIP } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { ApiException, CoreV1Api, Exec, KubeConfig, type V1Pod, type V1Status } from '@kubernetes/client-node';
// The handler is client-node's own; importing it directly lets us hand it a socket factory (below).
import { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js';
import WebSocket from 'ws';
import { CollectError } from '../collector/collect-error.js';
import { WarmConnections } from './warm-connections.js';

/** What the collector needs to know about a pod. */
export interface PodInfo {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  phase: string;
  ready: boolean;
  containers: string[];
}

/** The finished command: exit code and both streams. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One exec: which pod and container, the argv, and how long it may take. */
export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: readonly string[];
  timeoutMs: number;
}

/** The two calls the collector makes against a cluster: list pods, exec in one. */
export interface GatewayCluster {
  listPods(opts: { namespaces: string[]; selector: string; timeoutMs: number }): Promise<PodInfo[]>;
  exec(req: ExecRequest): Promise<ExecResult>;
  /**
   * A hint: about `count` more execs will start soon (0: none). A client may open connections for them ahead
   * of time, so that each exec's handshake happens while others run rather than in its own critical path.
   */
  expectExecs?(count: number): void;
}

/** A limit on what one exec may print; a gateway's dump is far below it, a runaway command is not. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

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
  private readonly secureContexts = new Map<string, SecureContext>();
  /** Connections opened ahead for execs, per endpoint and credentials (in practice one). */
  private readonly warm = new Map<string, WarmConnections>();
  /** The latest expectExecs() hint. */
  private expected = 0;

  constructor(private readonly kc: KubeConfig) {
    this.core = kc.makeApiClient(CoreV1Api);
  }

  /** A client for the cluster a kubeconfig (YAML text) names, e.g. the demo's or a test's kube-sim. */
  static fromKubeconfig(yaml: string): KubeClient {
    const kc = new KubeConfig();
    kc.loadFromString(yaml);
    return new KubeClient(kc);
  }

  /**
   * One TLS context per set of credentials: without it every exec builds a new one (parsing the CA and the
   * key), which was the largest single cost of an exec in the fleet benchmark.
   */
  private secureContextFor(key: string, opts: WebSocket.ClientOptions): SecureContext {
    let ctx = this.secureContexts.get(key);
    if (!ctx) {
      ctx = createSecureContext({ ca: opts.ca, cert: opts.cert, key: opts.key, pfx: opts.pfx, passphrase: opts.passphrase, ciphers: opts.ciphers });
      this.secureContexts.set(key, ctx);
    }
    return ctx;
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
  private warmFor(uri: string, credentials: string, opts: WebSocket.ClientOptions & { secureContext: SecureContext; servername?: string }): WarmConnections | null {
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
    const results = await withTimeout(Promise.all(lists), opts.timeoutMs, () =>
      new CollectError('cluster-unreachable', `listing pods at ${this.server} took longer than ${opts.timeoutMs / 1000} s`),
    ).catch((err: unknown) => {
      throw this.listError(err, opts.namespaces);
    });
    return results.flatMap((list) => list.items.map(toPodInfo));
  }

  private listError(err: unknown, namespaces: string[]): CollectError {
    if (err instanceof CollectError) return err;
    const where = namespaces.length === 0 ? 'in any namespace' : `in namespace(s) ${namespaces.join(', ')}`;
    if (err instanceof ApiException) {
      const code = err.code as number;
      const message = statusMessage(err.body) ?? `HTTP ${code}`;
      if (code === 401) return new CollectError('cluster-unreachable', `the API server at ${this.server} rejected natscope's credentials: ${message}`);
      if (code === 403) {
        return new CollectError(
          'cluster-unreachable',
          `not allowed to list pods ${where}: ${message}. natscope's service account needs "get" and "list" on "pods"`,
        );
      }
      return new CollectError('cluster-unreachable', `listing pods ${where} at ${this.server} failed: ${message}`);
    }
    return new CollectError('cluster-unreachable', `cannot reach the API server at ${this.server}: ${describeCause(err)}`);
  }

  exec(req: ExecRequest): Promise<ExecResult> {
    const target = `${req.namespace}/${req.pod}`;
    let socket: WebSocket | null = null;
    let refused: { status: number; body: string } | null = null;
    let refusal: Promise<void> | null = null;

    return new Promise<ExecResult>((resolve, reject) => {
      const stdout = collector();
      const stderr = collector();
      let status: V1Status | null = null;
      let failure: unknown = null;
      let done = false;

      const settle = (why: 'status' | 'timeout' | 'closed' | 'error'): void => {
        if (done) return;
        if (why === 'closed' && refusal && !refused) return; // the refusal body is still arriving
        done = true;
        clearTimeout(timer);
        if (why === 'timeout') {
          socket?.terminate();
          reject(new CollectError('exec-timeout', `${target}: the gateway command did not finish within ${req.timeoutMs / 1000} s; the exec was closed`, stderr.text()));
          return;
        }
        if (stdout.overflow || stderr.overflow) {
          socket?.terminate();
          reject(new CollectError('exec-failed', `${target}: the gateway command printed more than ${MAX_OUTPUT_BYTES / 1048576} MiB; the exec was closed`));
          return;
        }
        if (status) {
          const result = statusResult(status, stdout.text(), stderr.text(), target, req.container);
          if (result instanceof CollectError) reject(result);
          else resolve(result);
          return;
        }
        if (refused) {
          reject(refusedError(refused, target, req));
          return;
        }
        if (why === 'closed') {
          reject(new CollectError('exec-failed', `${target}: the API server closed the exec stream before the command reported its exit status`, stderr.text()));
          return;
        }
        reject(new CollectError('exec-failed', `${target}: exec failed: ${describeCause(failure)}`, stderr.text()));
      };

      const factory = (uri: string, protocols: string[], opts: WebSocket.ClientOptions & { secureContext?: SecureContext }): WebSocket => {
        // ws hands its options to https.request and so to tls.connect (its typings just do not list this one).
        const credentials = secureContextKey(opts);
        const secureContext = this.secureContextFor(credentials, opts);
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
        const ws = new WebSocket(uri, protocols, opts);
        ws.on('unexpected-response', (_request, response) => {
          // The API server refused the upgrade; its Status body says why. Read it, then fail the handshake.
          refusal = readBody(response).then((body) => {
            refused = { status: response.statusCode ?? 0, body };
            ws.terminate();
          });
        });
        ws.on('close', () => setImmediate(() => settle('closed')));
        socket = ws;
        return ws;
      };

      const timer = setTimeout(() => settle('timeout'), req.timeoutMs);
      const exec = new Exec(this.kc, new WebSocketHandler(this.kc, factory));
      exec
        .exec(req.namespace, req.pod, req.container, [...req.command], stdout.stream, stderr.stream, null, false, (s) => {
          status = s;
          settle('status');
        })
        .catch((err: unknown) => {
          failure = err;
          // A refused upgrade rejects after its body was read (terminate() runs then); other errors are final.
          if (refusal) void refusal.then(() => settle('error'));
          else settle('error');
        });
    });
  }
}

/** Identifies a set of TLS credentials (CA, client certificate and key). */
function secureContextKey(o: WebSocket.ClientOptions): string {
  return createHash('sha256')
    .update(JSON.stringify([o.ca, o.cert, o.key, o.pfx, o.passphrase, o.ciphers].map((v) => (v === undefined ? null : String(v)))))
    .digest('base64');
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

/** Turns the exec status frame into a result, or an error when the command never ran. */
function statusResult(status: V1Status, stdout: string, stderr: string, target: string, container: string): ExecResult | CollectError {
  if (status.status === 'Success') return { stdout, stderr, exitCode: 0 };
  if (status.reason === 'NonZeroExitCode') {
    const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
    const exitCode = Number.parseInt(cause?.message ?? '', 10);
    return { stdout, stderr, exitCode: Number.isFinite(exitCode) ? exitCode : 1 };
  }
  const message = status.message ?? status.reason ?? 'unknown failure';
  if (/container .*(not found|not valid)|no container/i.test(message)) {
    return new CollectError('container-missing', `${target} has no running container "${container}": ${message}`, stderr);
  }
  return new CollectError('exec-failed', `${target}: exec failed: ${message}`, stderr);
}

/** Maps a refused exec upgrade (403, 400, 404, …) to an error naming the pod, the cause and, for 403, the RBAC. */
function refusedError(refused: { status: number; body: string }, target: string, req: ExecRequest): CollectError {
  const message = statusMessage(safeJson(refused.body)) ?? (refused.body.trim().slice(0, 300) || `HTTP ${refused.status}`);
  if (refused.status === 403 || refused.status === 401) {
    return new CollectError(
      'exec-forbidden',
      `${target}: exec forbidden (${message}). natscope's service account needs "get" and "create" on "pods/exec" in namespace ${req.namespace}`,
    );
  }
  if (/container .*(not found|not valid)|container name must be specified/i.test(message)) {
    return new CollectError('container-missing', `${target} has no container "${req.container}": ${message}`);
  }
  if (refused.status === 404) return new CollectError('exec-failed', `${target}: pod not found (deleted since the last listing?): ${message}`);
  return new CollectError('exec-failed', `${target}: exec refused with HTTP ${refused.status}: ${message}`);
}

interface Collector {
  stream: Writable;
  text(): string;
  overflow: boolean;
}

/** A Writable that keeps what it is given, up to MAX_OUTPUT_BYTES. */
function collector(): Collector {
  const chunks: Buffer[] = [];
  let size = 0;
  const c: Collector = {
    overflow: false,
    stream: new Writable({
      write(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > MAX_OUTPUT_BYTES) c.overflow = true;
        else chunks.push(chunk);
        cb();
      },
    }),
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
  return c;
}

function readBody(res: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 65536) chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The `message` of a Kubernetes Status object, if that is what `body` is. */
function statusMessage(body: unknown): string | null {
  const b = typeof body === 'string' ? safeJson(body) : body;
  if (b && typeof b === 'object' && 'message' in b && typeof b.message === 'string') return b.message;
  return null;
}

/** A short description of a low-level error (ECONNREFUSED, a TLS failure, a ws ErrorEvent). */
function describeCause(err: unknown): string {
  if (err && typeof err === 'object') {
    const inner = 'error' in err && err.error instanceof Error ? err.error : err;
    const e = inner as { code?: unknown; message?: unknown; cause?: unknown };
    const cause = e.cause as { code?: unknown; message?: unknown } | undefined;
    const code = typeof e.code === 'string' ? e.code : typeof cause?.code === 'string' ? cause.code : null;
    const message = typeof cause?.message === 'string' ? cause.message : typeof e.message === 'string' ? e.message : String(err);
    return code && !message.includes(code) ? `${code}: ${message}` : message;
  }
  return String(err);
}

/** Races `p` against a timer; the timer's error wins when it fires first. */
function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(onTimeout()), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
