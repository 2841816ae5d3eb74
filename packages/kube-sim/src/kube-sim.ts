import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { simCertificates } from './certificates.js';
import {
  apiGroupList,
  apiVersions,
  coreV1Resources,
  kubeovnGroup,
  kubeovnResources,
  versionInfo,
  type SimVersion,
} from './discovery.js';
import { admitExec, type ExecAdmission } from './exec-admission.js';
import { negotiateProtocol } from './exec-protocol.js';
import { runExecSession } from './exec-session.js';
import {
  crListable,
  crListKind,
  derivedGateways,
  NAMESPACE_LIST,
  namespaceListable,
  type AssignedMeta,
} from './cluster-listables.js';
import { KUBEOVN_RESOURCES, type KubeOvnResource } from './kubeovn-crds.js';
import { renderKubeconfig } from './kubeconfig.js';
import { listResponse, singleResponse, type Listable } from './list-response.js';
import { ListSnapshots } from './list-snapshots.js';
import { ObjectVersions } from './object-versions.js';
import type { StoredPod } from './pod-object.js';
import { POD_LIST, podListable } from './pod-listable.js';
import { parseTarget, routeOf, type Route } from './route.js';
import {
  badRequest,
  forbidden,
  internalError,
  KubeStatusError,
  methodNotAllowed,
  notFound,
  unauthorized,
  unknownPath,
} from './status.js';
import type { ExecHandler, KubeOvnObject, KubeOvnPlural, SimCrds, SimPod } from './types.js';

/** How to start a sim. Everything is optional; pods and CRs can be changed later. */
export interface KubeSimOptions {
  /** The bearer token the kubeconfig carries and the server requires (random when omitted). */
  token?: string;
  pods?: SimPod[];
  /** kubeovn.io CRs; without `vpc-nat-gateways` the sim derives one per gateway found in its pods. */
  crds?: SimCrds;
  /**
   * kubeovn.io resources the user may not read (no ClusterRole grants them): listing or getting them answers the
   * authorizer's 403. `'all'` or some plurals; default none.
   */
  forbiddenCrds?: 'all' | readonly KubeOvnPlural[];
  /** false: a cluster without Kube-OVN's CRDs (discovery has no kubeovn.io group, its paths answer 404). Default true. */
  crdsInstalled?: boolean;
  /** Answers exec for pods that have no handler of their own. */
  exec?: ExecHandler;
  /** The identity named in Forbidden messages. */
  user?: string;
  /** The version /version reports (default 1.32.0). From 1.35 on, WebSocket exec is authorized as `create`. */
  version?: Partial<SimVersion>;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** How many requests `requests` keeps (oldest dropped first), so a long-running demo does not grow. Default 10000. */
  maxRecordedRequests?: number;
}

/** One request the sim received, for assertions. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  /** The Upgrade header (`websocket`, `SPDY/3.1`) when the client asked for one. */
  upgrade?: string;
}

/** A running fake kube-apiserver. */
export interface KubeSim {
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** A kubeconfig (YAML) with the CA, the server and a token user. */
  kubeconfig: string;
  token: string;
  /** The CA certificate (PEM) that signed the serving certificate. */
  caCert: string;
  writeKubeconfig(path: string): Promise<void>;
  /** Adds or replaces a pod (matched by namespace and name). */
  setPod(pod: SimPod): void;
  /** Removes a pod; true when it existed. */
  deletePod(namespace: string, name: string): boolean;
  getPod(namespace: string, name: string): SimPod | undefined;
  listPods(): SimPod[];
  /** Sets the exec handler of one pod, or the sim-wide fallback when no pod is named. */
  setExecHandler(handler: ExecHandler, pod?: { namespace: string; name: string }): void;
  /** Replaces the kubeovn.io CRs (lists not given keep their current contents). */
  setCrds(crds: SimCrds): void;
  /** Which kubeovn.io resources answer 403 from now on: `'all'`, some plurals, or `[]` for none. */
  setForbiddenCrds(forbidden: 'all' | readonly KubeOvnPlural[]): void;
  /** Installs or removes Kube-OVN's CRDs (the objects are kept, and served again once installed). */
  setCrdsInstalled(installed: boolean): void;
  /** The requests so far, oldest first (the latest `maxRecordedRequests`). */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const DEFAULT_USER = 'system:serviceaccount:natscope:natscope';
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);
const BASE_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const podKey = (namespace: string, name: string): string => `${namespace}/${name}`;
const nowStamp = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** Starts a fake kube-apiserver over https on 127.0.0.1. */
export async function startKubeSim(opts: KubeSimOptions = {}): Promise<KubeSim> {
  const certs = await simCertificates();
  const token = opts.token ?? randomBytes(24).toString('hex');
  const user = opts.user ?? DEFAULT_USER;
  const version: SimVersion = { major: 1, minor: 32, patch: 0, ...opts.version };
  const pods = new Map<string, StoredPod>();
  const crds: SimCrds = {};
  let forbiddenCrds: 'all' | readonly KubeOvnPlural[] = opts.forbiddenCrds ?? [];
  let crdsInstalled = opts.crdsInstalled ?? true;
  let defaultExec: ExecHandler = defaultExecHandler;
  let revision = 1;
  const requests: RecordedRequest[] = [];
  const maxRecorded = Math.max(1, opts.maxRecordedRequests ?? 10_000);
  const sockets = new Set<WebSocket>();

  const setPod = (pod: SimPod): void => {
    const key = podKey(pod.namespace, pod.name);
    const existing = pods.get(key);
    revision++;
    pods.set(key, {
      pod: { ...pod },
      uid: existing?.uid ?? randomUUID(),
      creationTimestamp: existing?.creationTimestamp ?? nowStamp(),
      resourceVersion: String(revision),
    });
  };
  for (const pod of opts.pods ?? []) setPod(pod);
  if (opts.exec) defaultExec = opts.exec;

  const assigned = new Map<string, AssignedMeta>();
  const assignedMeta = (key: string): AssignedMeta => {
    let meta = assigned.get(key);
    if (!meta) {
      meta = { uid: randomUUID(), creationTimestamp: nowStamp() };
      assigned.set(key, meta);
    }
    return meta;
  };

  const namespaceNames = (): string[] =>
    [...new Set([...BASE_NAMESPACES, ...[...pods.values()].map((p) => p.pod.namespace)])].sort();

  const versions = new ObjectVersions(() => ++revision, nowStamp);
  const snapshots = new ListSnapshots<Listable>();

  // Without explicit VpcNatGateway CRs, each gateway named by a pod annotation gets one that matches it.
  const crObjects = (resource: KubeOvnResource): KubeOvnObject[] =>
    crds[resource.plural] ??
    (resource.plural === 'vpc-nat-gateways' ? derivedGateways([...pods.values()].map((p) => p.pod)) : []);

  const crKey = (plural: KubeOvnPlural, name: string): string => `${plural}/${name}`;
  const crItem = (resource: KubeOvnResource, cr: KubeOvnObject): Listable =>
    crListable(resource, cr, versions.of(crKey(resource.plural, cr.metadata.name), cr));

  /** Versions every object of the resource now (a list sees them all, so one that is gone was deleted). */
  const crItems = (resource: KubeOvnResource): Listable[] => {
    const items = crObjects(resource).map((cr) => crItem(resource, cr));
    versions.retain(`${resource.plural}/`, new Set(items.map((i) => crKey(resource.plural, i.key))));
    return items;
  };

  const setCrds = (next: SimCrds): void => {
    Object.assign(crds, next);
    for (const resource of KUBEOVN_RESOURCES) if (next[resource.plural]) crItems(resource);
  };
  if (opts.crds) setCrds(opts.crds);

  /** RBAC, checked before the resource is looked up (a forbidden user learns nothing of what exists). */
  const authorizeCr = (resource: KubeOvnResource, verb: 'list' | 'get', name?: string): void => {
    if (forbiddenCrds === 'all' || forbiddenCrds.includes(resource.plural)) {
      throw forbidden({
        user,
        verb,
        resource: resource.plural,
        group: 'kubeovn.io',
        ...(name !== undefined ? { name } : {}),
      });
    }
  };

  const discovery = (path: Extract<Route, { kind: 'discovery' }>['path']): unknown => {
    switch (path) {
      case '/version':
        return versionInfo(version);
      case '/api':
        return apiVersions(`127.0.0.1:${port}`);
      case '/api/v1':
        return coreV1Resources();
      case '/apis':
        return apiGroupList(crdsInstalled);
      case '/apis/kubeovn.io':
        return kubeovnGroup();
      case '/apis/kubeovn.io/v1':
        return kubeovnResources();
    }
  };

  const authenticate = (req: IncomingMessage, path: string): void => {
    const header = req.headers.authorization;
    if (header === undefined && PUBLIC_PATHS.has(path)) return;
    const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!m || m[1]?.trim() !== token) throw unauthorized();
  };

  const admitExecFor = (method: string, r: Extract<Route, { kind: 'exec' }>, query: URLSearchParams): ExecAdmission =>
    admitExec({
      method,
      namespace: r.namespace,
      name: r.name,
      stored: pods.get(podKey(r.namespace, r.name)),
      query,
      user,
      minor: version.minor,
    });

  const sendJson = (res: ServerResponse, code: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(code, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-cache, private',
    });
    res.end(text);
  };

  /** Records the request, then parses, authenticates and routes it (throwing the Status to answer with). */
  const admit = (req: IncomingMessage, upgrade?: string) => {
    const method = req.method ?? 'GET';
    const recorded: RecordedRequest = {
      method,
      path: req.url ?? '',
      query: '',
      ...(upgrade !== undefined ? { upgrade } : {}),
    };
    requests.push(recorded);
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
    const target = parseTarget(req.url ?? '/');
    recorded.path = target.path;
    recorded.query = target.rawQuery;
    authenticate(req, target.path);
    const r = routeOf(target.segments);
    if (!r) throw unknownPath();
    return { method, target, r };
  };

  const handleRequest = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      const { method, target, r } = admit(req);
      if (r.kind === 'exec') {
        if (method !== 'GET' && method !== 'POST') throw methodNotAllowed();
        admitExecFor(method, r, target.query);
        throw badRequest('Upgrade request required');
      }
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed();
      if (r.kind === 'health') {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('ok');
        return;
      }
      if (r.kind === 'crList') authorizeCr(r.resource, 'list');
      if (r.kind === 'cr') authorizeCr(r.resource, 'get', r.name);
      if (!crdsInstalled && servesKubeOvn(r)) {
        sendNotFoundPage(res);
        return;
      }
      const accept = req.headers.accept;
      const now = Date.now();
      let body: unknown;
      // Versioning the CRs may advance the revision, so the list's resourceVersion is read after the items.
      const rv = (): string => String(revision);
      switch (r.kind) {
        case 'discovery':
          body = discovery(r.path);
          break;
        case 'podList': {
          const items = () =>
            [...pods.values()]
              .filter((p) => r.namespace === undefined || p.pod.namespace === r.namespace)
              .map((p) => podListable(p, now));
          body = listResponse(
            () => ({ items: items(), resourceVersion: rv() }),
            POD_LIST,
            target.query,
            accept,
            target.path,
            snapshots,
          );
          break;
        }
        case 'pod': {
          const stored = pods.get(podKey(r.namespace, r.name));
          if (!stored) throw notFound('pods', r.name);
          body = singleResponse(podListable(stored, now), POD_LIST, target.query, accept, rv());
          break;
        }
        case 'namespaceList':
          body = listResponse(
            () => ({
              items: namespaceNames().map((n) => namespaceListable(n, assignedMeta(`ns/${n}`), now)),
              resourceVersion: rv(),
            }),
            NAMESPACE_LIST,
            target.query,
            accept,
            target.path,
            snapshots,
          );
          break;
        case 'namespace':
          if (!namespaceNames().includes(r.name)) throw notFound('namespaces', r.name);
          body = singleResponse(
            namespaceListable(r.name, assignedMeta(`ns/${r.name}`), now),
            NAMESPACE_LIST,
            target.query,
            accept,
            rv(),
          );
          break;
        case 'crList': {
          const resource = r.resource;
          body = listResponse(
            () => ({ items: crItems(resource), resourceVersion: rv() }),
            crListKind(resource),
            target.query,
            accept,
            target.path,
            snapshots,
          );
          break;
        }
        case 'cr': {
          const cr = crObjects(r.resource).find((o) => o.metadata.name === r.name);
          if (!cr) throw notFound(r.resource.plural, r.name, 'kubeovn.io');
          const item = crItem(r.resource, cr);
          body = singleResponse(item, crListKind(r.resource), target.query, accept, rv());
          break;
        }
      }
      sendJson(res, 200, body);
    } catch (err) {
      const status = asStatusError(err);
      sendJson(res, status.status.code, status.status);
    }
  };

  const rejectUpgrade = (socket: Duplex, status: KubeStatusError): void => {
    const text = JSON.stringify(status.status);
    const reason =
      { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed' }[
        status.status.code as 400
      ] ?? 'Internal Server Error';
    socket.end(
      `HTTP/1.1 ${status.status.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  };

  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => negotiateProtocol(offered) ?? false,
  });

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => undefined);
    const upgrade = String(req.headers.upgrade ?? '');
    try {
      const { method, target, r } = admit(req, upgrade);
      if (r.kind !== 'exec') throw unknownPath();
      if (method !== 'GET' && method !== 'POST') throw methodNotAllowed();
      const exec = admitExecFor(method, r, target.query);
      if (upgrade.toLowerCase() !== 'websocket' || method !== 'GET') {
        throw badRequest(
          `kube-sim serves exec over WebSocket only (v5.channel.k8s.io, v4.channel.k8s.io), not ${upgrade || 'a plain request'}`,
        );
      }
      const offered = String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const protocol = negotiateProtocol(offered);
      if (!protocol) {
        throw badRequest(
          `requested protocol(s) are not supported by kube-sim: [${offered.join(' ')}]; supported: [v5.channel.k8s.io v4.channel.k8s.io]`,
        );
      }
      const { pod } = exec.stored;
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        ws.on('error', () => undefined);
        const current = pods.get(podKey(pod.namespace, pod.name))?.pod ?? pod;
        runExecSession({
          ws,
          protocol,
          request: {
            namespace: pod.namespace,
            pod: pod.name,
            container: exec.container,
            command: exec.command,
            tty: exec.tty,
          },
          streams: exec.streams,
          handler: current.exec ?? defaultExec,
          ...(current.fault ? { fault: current.fault } : {}),
          containerNotRunning: current.phase !== 'Running',
        }).catch(() => ws.terminate());
      });
    } catch (err) {
      rejectUpgrade(socket, asStatusError(err));
    }
  };

  const server: Server = createServer({ cert: certs.serverCert, key: certs.serverKey }, handleRequest);
  server.on('upgrade', handleUpgrade);
  server.on('clientError', (_err, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;
  const kubeconfig = renderKubeconfig({ server: url, caCert: certs.caCert, token });

  return {
    url,
    kubeconfig,
    token,
    caCert: certs.caCert,
    writeKubeconfig: (path) => writeFile(path, kubeconfig, { mode: 0o600 }),
    setPod,
    deletePod: (namespace, name) => {
      const removed = pods.delete(podKey(namespace, name));
      if (removed) revision++;
      return removed;
    },
    getPod: (namespace, name) => {
      const stored = pods.get(podKey(namespace, name));
      return stored ? { ...stored.pod } : undefined;
    },
    listPods: () => [...pods.values()].map((p) => ({ ...p.pod })),
    setExecHandler: (handler, pod) => {
      if (!pod) {
        defaultExec = handler;
        return;
      }
      const stored = pods.get(podKey(pod.namespace, pod.name));
      if (!stored) throw new Error(`kube-sim: no pod ${pod.namespace}/${pod.name} to set an exec handler on`);
      stored.pod = { ...stored.pod, exec: handler };
    },
    setCrds,
    setForbiddenCrds: (next) => {
      forbiddenCrds = next === 'all' ? 'all' : [...next];
    },
    setCrdsInstalled: (installed) => {
      crdsInstalled = installed;
    },
    requests,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Whether the route belongs to the kubeovn.io group: its discovery documents and its resources. */
function servesKubeOvn(r: Route): boolean {
  return r.kind === 'crList' || r.kind === 'cr' || (r.kind === 'discovery' && r.path.startsWith('/apis/kubeovn.io'));
}

/**
 * What the real kube-apiserver answers for a path no handler serves, such as a group whose CRDs are not installed:
 * Go's http.NotFound (plain text, not a Status), once its paths are all installed (apiserver's notfoundhandler).
 */
function sendNotFoundPage(res: ServerResponse): void {
  const text = '404 page not found\n';
  res.writeHead(404, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

// Anything unexpected is a 500 Status, never a stack trace or a crash.
function asStatusError(err: unknown): KubeStatusError {
  return err instanceof KubeStatusError ? err : internalError(err instanceof Error ? err.message : String(err));
}

/** What a container says when asked to run a binary it lacks (containerd's wording, exit 126). */
const defaultExecHandler: ExecHandler = (req) => ({
  stdout: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${req.command[0] ?? ''}": executable file not found in $PATH: unknown\r\n`,
  exitCode: 126,
});
