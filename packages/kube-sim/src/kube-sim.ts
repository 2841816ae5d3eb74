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
import { negotiateProtocol } from './exec-protocol.js';
import { runExecSession } from './exec-session.js';
import { fieldsMatch, FieldSelectorError, parseFieldSelector } from './field-selector.js';
import { humanDuration } from './human-duration.js';
import { KUBEOVN_RESOURCES, readJsonPath, type KubeOvnResource } from './kubeovn-crds.js';
import { renderKubeconfig } from './kubeconfig.js';
import { LabelSelectorError, parseLabelSelector } from './label-selector.js';
import { encodeContinue, parseListOptions, type ListOptions } from './list-options.js';
import { podNodeName, podObject, podStatusReason, type StoredPod } from './pod-object.js';
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
import { toTable, wantsTable, type TableColumn } from './table.js';
import type { ExecHandler, KubeOvnObject, SimCrds, SimPod } from './types.js';

/** How to start a sim. Everything is optional; pods and CRs can be changed later. */
export interface KubeSimOptions {
  /** The bearer token the kubeconfig carries and the server requires (random when omitted). */
  token?: string;
  pods?: SimPod[];
  /** kubeovn.io CRs; without `vpc-nat-gateways` the sim derives one per gateway found in its pods. */
  crds?: SimCrds;
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
  /** The requests so far, oldest first (the latest `maxRecordedRequests`). */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const DEFAULT_USER = 'system:serviceaccount:natscope:natscope';
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);
const POD_FIELDS = ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName'];
const META_FIELDS = ['metadata.name', 'metadata.namespace'];
const BASE_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const POD_COLUMNS: TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.' },
  { name: 'Ready', type: 'string', description: 'The aggregate readiness state of this pod for accepting traffic.' },
  { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.' },
  { name: 'Restarts', type: 'string', description: 'The number of times the containers in this pod have been restarted.' },
  { name: 'Age', type: 'string', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' },
  { name: 'IP', type: 'string', priority: 1, description: 'IP address allocated to the pod.' },
  { name: 'Node', type: 'string', priority: 1, description: 'Name of the Node this pod is scheduled on.' },
  { name: 'Nominated Node', type: 'string', priority: 1, description: 'Node nominated for preemption.' },
  { name: 'Readiness Gates', type: 'string', priority: 1, description: 'Readiness gates of the pod.' },
];

const NAMESPACE_COLUMNS: TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name' },
  { name: 'Status', type: 'string', description: 'The status of the namespace' },
  { name: 'Age', type: 'string' },
];

interface Listable {
  key: string;
  object: Record<string, unknown>;
  labels: Record<string, string> | undefined;
  fields: Record<string, string>;
  cells: unknown[];
}

type Route =
  | { kind: 'json'; body: () => unknown }
  | { kind: 'text'; body: string }
  | { kind: 'podList'; namespace?: string }
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'exec'; namespace: string; name: string }
  | { kind: 'namespaceList' }
  | { kind: 'namespace'; name: string }
  | { kind: 'crList'; resource: KubeOvnResource }
  | { kind: 'cr'; resource: KubeOvnResource; name: string };

const podKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/** Go's strconv.ParseBool, which the server uses for exec's boolean query parameters. */
function parseBool(name: string, raw: string | null, fallback: boolean): boolean {
  if (raw === null) return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False', ''].includes(raw)) return false;
  throw badRequest(`${name}: Invalid value: "${raw}": strconv.ParseBool: parsing "${raw}": invalid syntax`);
}

/** Starts a fake kube-apiserver over https on 127.0.0.1. */
export async function startKubeSim(opts: KubeSimOptions = {}): Promise<KubeSim> {
  const certs = await simCertificates();
  const token = opts.token ?? randomBytes(24).toString('hex');
  const user = opts.user ?? DEFAULT_USER;
  const version: SimVersion = { major: 1, minor: 32, patch: 0, ...opts.version };
  const pods = new Map<string, StoredPod>();
  const crds: SimCrds = { ...opts.crds };
  const crMeta = new Map<string, { uid: string; creationTimestamp: string }>();
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
      creationTimestamp: existing?.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      resourceVersion: String(revision),
    });
  };
  for (const pod of opts.pods ?? []) setPod(pod);
  if (opts.exec) defaultExec = opts.exec;

  // ---- objects ---------------------------------------------------------------------------------

  const podListable = (stored: StoredPod, now: number): Listable => {
    const { pod } = stored;
    const object = podObject(stored);
    const ready = pod.phase === 'Running' && pod.ready ? pod.containers.length : 0;
    const created = Date.parse(pod.creationTimestamp ?? stored.creationTimestamp);
    return {
      key: podKey(pod.namespace, pod.name),
      object,
      labels: pod.labels,
      fields: {
        'metadata.name': pod.name,
        'metadata.namespace': pod.namespace,
        'spec.nodeName': podNodeName(pod) ?? '',
        'spec.restartPolicy': 'Always',
        'spec.schedulerName': 'default-scheduler',
        'spec.serviceAccountName': 'default',
        'status.phase': pod.phase,
        'status.podIP': pod.phase === 'Running' ? (pod.podIP ?? '10.0.1.254') : '',
        'status.nominatedNodeName': '',
      },
      cells: [
        pod.name,
        `${ready}/${pod.containers.length}`,
        podStatusReason(pod),
        String(pod.restartCount ?? 0),
        humanDuration(now - created),
        pod.phase === 'Running' ? (pod.podIP ?? '10.0.1.254') : '<none>',
        podNodeName(pod) ?? '<none>',
        '<none>',
        '<none>',
      ],
    };
  };

  const namespaceNames = (): string[] =>
    [...new Set([...BASE_NAMESPACES, ...[...pods.values()].map((p) => p.pod.namespace)])].sort();

  const namespaceListable = (name: string): Listable => {
    const object = {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: {
        name,
        uid: crMetaFor(`ns/${name}`).uid,
        resourceVersion: '1',
        creationTimestamp: crMetaFor(`ns/${name}`).creationTimestamp,
        labels: { 'kubernetes.io/metadata.name': name },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
    return {
      key: name,
      object,
      labels: object.metadata.labels,
      fields: { 'metadata.name': name, 'metadata.namespace': '' },
      cells: [name, 'Active', humanDuration(Date.now() - Date.parse(object.metadata.creationTimestamp))],
    };
  };

  function crMetaFor(key: string): { uid: string; creationTimestamp: string } {
    let meta = crMeta.get(key);
    if (!meta) {
      meta = { uid: randomUUID(), creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
      crMeta.set(key, meta);
    }
    return meta;
  }

  // Without explicit VpcNatGateway CRs, each gateway named by a pod annotation gets one that matches it.
  const derivedGateways = (): KubeOvnObject[] => {
    const byName = new Map<string, SimPod[]>();
    for (const { pod } of pods.values()) {
      const gw = pod.annotations?.['ovn.kubernetes.io/vpc_nat_gw'];
      if (gw) byName.set(gw, [...(byName.get(gw) ?? []), pod]);
    }
    return [...byName].map(([name, gwPods]) => {
      const first = gwPods[0] as SimPod;
      const a = first.annotations ?? {};
      return {
        metadata: { name },
        spec: {
          vpc: a['ovn.kubernetes.io/logical_router'] ?? 'vpc1',
          subnet: a['ovn.kubernetes.io/logical_switch'] ?? 'net1',
          lanIp: a['ovn.kubernetes.io/ip_address'] ?? first.podIP ?? '10.0.1.254',
          selector: ['kubernetes.io/os: linux'],
          externalSubnets: ['ovn-vpc-external-network'],
          namespace: first.namespace,
          ...(gwPods.length > 1 ? { replicas: gwPods.length } : {}),
        },
        status: { ready: gwPods.every((p) => p.phase === 'Running' && p.ready), replicas: gwPods.length },
      };
    });
  };

  const crObjects = (resource: KubeOvnResource): KubeOvnObject[] =>
    crds[resource.plural] ?? (resource.plural === 'vpc-nat-gateways' ? derivedGateways() : []);

  const crListable = (resource: KubeOvnResource, cr: KubeOvnObject): Listable => {
    const meta = crMetaFor(`${resource.plural}/${cr.metadata.name}`);
    const object = {
      apiVersion: 'kubeovn.io/v1',
      kind: resource.kind,
      metadata: {
        name: cr.metadata.name,
        uid: cr.metadata.uid ?? meta.uid,
        resourceVersion: String(revision),
        generation: 1,
        creationTimestamp: cr.metadata.creationTimestamp ?? meta.creationTimestamp,
        ...(cr.metadata.labels ? { labels: cr.metadata.labels } : {}),
        ...(cr.metadata.annotations ? { annotations: cr.metadata.annotations } : {}),
      },
      spec: cr.spec,
      ...(cr.status ? { status: cr.status } : {}),
    };
    return {
      key: cr.metadata.name,
      object,
      labels: cr.metadata.labels,
      fields: { 'metadata.name': cr.metadata.name, 'metadata.namespace': '' },
      cells: [cr.metadata.name, ...resource.columns.map((c) => readJsonPath(object, c.jsonPath) ?? null)],
    };
  };

  // ---- lists -----------------------------------------------------------------------------------

  const list = (
    req: IncomingMessage,
    query: URLSearchParams,
    all: Listable[],
    listKind: string,
    apiVersion: string,
    columns: TableColumn[],
    supportedFields: string[],
    itemsCarryType: boolean,
  ): unknown => {
    const options: ListOptions = parseListOptions(query);
    let selector;
    try {
      selector = parseLabelSelector(options.labelSelector);
    } catch (err) {
      if (err instanceof LabelSelectorError) throw badRequest(err.message);
      throw err;
    }
    let fieldReqs;
    try {
      fieldReqs = parseFieldSelector(options.fieldSelector, supportedFields);
    } catch (err) {
      if (err instanceof FieldSelectorError) throw badRequest(err.message);
      throw err;
    }
    const matching = all
      .filter((item) => selector.matches(item.labels) && fieldsMatch(fieldReqs, item.fields))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .filter((item) => options.continueAfter === '' || item.key > options.continueAfter);
    const page = options.limit > 0 ? matching.slice(0, options.limit) : matching;
    const more = page.length < matching.length;
    const continueToken = more ? encodeContinue((page[page.length - 1] as Listable).key) : undefined;
    const resourceVersion = String(revision);
    if (wantsTable(req.headers.accept)) {
      return toTable(columns, page, { includeObject: options.includeObject, resourceVersion, ...(continueToken ? { continueToken } : {}) });
    }
    return {
      kind: listKind,
      apiVersion,
      metadata: {
        resourceVersion,
        ...(continueToken ? { continue: continueToken, remainingItemCount: matching.length - page.length } : {}),
      },
      // Typed lists (core) omit kind/apiVersion on items; unstructured CR lists keep them.
      items: page.map((item) => {
        if (itemsCarryType) return item.object;
        const { kind: _k, apiVersion: _a, ...rest } = item.object;
        return rest;
      }),
    };
  };

  const single = (req: IncomingMessage, item: Listable, columns: TableColumn[]): unknown => {
    if (wantsTable(req.headers.accept)) {
      const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
      const include = parseListOptions(query).includeObject;
      return toTable(columns, [item], { includeObject: include, resourceVersion: String(revision) });
    }
    return item.object;
  };

  // ---- routing ---------------------------------------------------------------------------------

  const route = (segments: string[]): Route | undefined => {
    const path = '/' + segments.join('/');
    switch (path) {
      case '/version':
        return { kind: 'json', body: () => versionInfo(version) };
      case '/healthz':
      case '/livez':
      case '/readyz':
        return { kind: 'text', body: 'ok' };
      case '/api':
        return { kind: 'json', body: () => apiVersions(`127.0.0.1:${port}`) };
      case '/api/v1':
        return { kind: 'json', body: coreV1Resources };
      case '/apis':
        return { kind: 'json', body: apiGroupList };
      case '/apis/kubeovn.io':
        return { kind: 'json', body: kubeovnGroup };
      case '/apis/kubeovn.io/v1':
        return { kind: 'json', body: kubeovnResources };
      case '/api/v1/pods':
        return { kind: 'podList' };
      case '/api/v1/namespaces':
        return { kind: 'namespaceList' };
    }
    const [a, b, c, d, e, f, g, h] = segments;
    if (a === 'api' && b === 'v1' && c === 'namespaces' && d !== undefined) {
      if (segments.length === 4) return { kind: 'namespace', name: d };
      if (e === 'pods' && segments.length === 5) return { kind: 'podList', namespace: d };
      if (e === 'pods' && f !== undefined && segments.length === 6) return { kind: 'pod', namespace: d, name: f };
      if (e === 'pods' && f !== undefined && g === 'exec' && h === undefined) return { kind: 'exec', namespace: d, name: f };
    }
    if (a === 'apis' && b === 'kubeovn.io' && c === 'v1' && d !== undefined) {
      const resource = KUBEOVN_RESOURCES.find((r) => r.plural === d);
      if (resource && segments.length === 4) return { kind: 'crList', resource };
      if (resource && e !== undefined && segments.length === 5) return { kind: 'cr', resource, name: e };
    }
    return undefined;
  };

  const parseTarget = (rawUrl: string): { segments: string[]; query: URLSearchParams; path: string; rawQuery: string } => {
    const q = rawUrl.indexOf('?');
    const rawPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const rawQuery = q >= 0 ? rawUrl.slice(q + 1) : '';
    const segments = rawPath.split('/').filter((s, i) => i > 0 || s !== '');
    if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
    const decoded = segments.map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw badRequest(`invalid URL escape in path segment ${JSON.stringify(s)}`);
      }
    });
    return { segments: decoded, query: new URLSearchParams(rawQuery), path: rawPath, rawQuery };
  };

  const authenticate = (req: IncomingMessage, path: string): void => {
    const header = req.headers.authorization;
    if (header === undefined && PUBLIC_PATHS.has(path)) return;
    const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!m || m[1]?.trim() !== token) throw unauthorized();
  };

  const lookupPod = (namespace: string, name: string): StoredPod => {
    const stored = pods.get(podKey(namespace, name));
    if (!stored) throw notFound('pods', name);
    return stored;
  };

  /** Everything the real server checks before it upgrades an exec, in its order. */
  const resolveExec = (method: string, namespace: string, name: string, query: URLSearchParams) => {
    const stored = pods.get(podKey(namespace, name));
    // The authorizer runs before the pod is read, so a forbidden exec never reveals whether the pod exists.
    if (stored?.pod.fault === 'forbidden') {
      const verb = method === 'POST' || version.minor >= 35 ? 'create' : 'get';
      throw forbidden({ user, verb, resource: 'pods', subresource: 'exec', name, namespace });
    }
    if (!stored) throw notFound('pods', name);
    const { pod } = stored;
    let container = query.get('container') ?? '';
    if (container === '') {
      if (pod.containers.length === 1) container = pod.containers[0] as string;
      else if (pod.containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
      else throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${pod.containers.join(' ')}]`);
    } else if (!pod.containers.includes(container)) {
      throw badRequest(`container ${container} is not valid for pod ${name}`);
    }
    if (!podNodeName(pod)) throw badRequest(`pod ${name} does not have a host assigned`);
    const command = query.getAll('command');
    if (command.length === 0) throw badRequest('you must specify at least 1 command');
    const stdin = parseBool('stdin', query.get('stdin'), false);
    const stdout = parseBool('stdout', query.get('stdout'), true);
    const stderr = parseBool('stderr', query.get('stderr'), true);
    const tty = parseBool('tty', query.get('tty'), false);
    if (!stdin && !stdout && !stderr) throw badRequest('you must specify at least one of stdin, stdout, stderr');
    return { stored, container, command, streams: { stdin, stdout, stderr }, tty };
  };

  const sendJson = (res: ServerResponse, code: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
    res.end(text);
  };

  /** Records the request, then parses, authenticates and routes it (throwing the Status to answer with). */
  const admit = (req: IncomingMessage, upgrade?: string) => {
    const method = req.method ?? 'GET';
    const recorded: RecordedRequest = { method, path: req.url ?? '', query: '', ...(upgrade !== undefined ? { upgrade } : {}) };
    requests.push(recorded);
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
    const target = parseTarget(req.url ?? '/');
    recorded.path = target.path;
    recorded.query = target.rawQuery;
    authenticate(req, target.path);
    const r = route(target.segments);
    if (!r) throw unknownPath();
    return { method, target, r };
  };

  const handleRequest = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      const { method, target, r } = admit(req);
      if (r.kind === 'exec') {
        if (method !== 'GET' && method !== 'POST') throw methodNotAllowed(method);
        resolveExec(method, r.namespace, r.name, target.query);
        throw badRequest('Upgrade request required');
      }
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method);
      const now = Date.now();
      let body: unknown;
      switch (r.kind) {
        case 'text':
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(r.body);
          return;
        case 'json':
          body = r.body();
          break;
        case 'podList': {
          const items = [...pods.values()].filter((p) => r.namespace === undefined || p.pod.namespace === r.namespace);
          body = list(req, target.query, items.map((p) => podListable(p, now)), 'PodList', 'v1', POD_COLUMNS, POD_FIELDS, false);
          break;
        }
        case 'pod':
          body = single(req, podListable(lookupPod(r.namespace, r.name), now), POD_COLUMNS);
          break;
        case 'namespaceList':
          body = list(req, target.query, namespaceNames().map(namespaceListable), 'NamespaceList', 'v1', NAMESPACE_COLUMNS, META_FIELDS, false);
          break;
        case 'namespace':
          if (!namespaceNames().includes(r.name)) throw notFound('namespaces', r.name);
          body = single(req, namespaceListable(r.name), NAMESPACE_COLUMNS);
          break;
        case 'crList': {
          const items = crObjects(r.resource).map((cr) => crListable(r.resource, cr));
          body = list(req, target.query, items, `${r.resource.kind}List`, 'kubeovn.io/v1', crColumns(r.resource), META_FIELDS, true);
          break;
        }
        case 'cr': {
          const cr = crObjects(r.resource).find((o) => o.metadata.name === r.name);
          if (!cr) throw notFound(r.resource.plural, r.name, 'kubeovn.io');
          body = single(req, crListable(r.resource, cr), crColumns(r.resource));
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
    const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed' }[status.status.code as 400] ?? 'Internal Server Error';
    socket.end(
      `HTTP/1.1 ${status.status.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  };

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (offered) => negotiateProtocol(offered) ?? false });

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => undefined);
    const upgrade = String(req.headers.upgrade ?? '');
    try {
      const { method, target, r } = admit(req, upgrade);
      if (r.kind !== 'exec') throw unknownPath();
      if (method !== 'GET' && method !== 'POST') throw methodNotAllowed(method);
      const exec = resolveExec(method, r.namespace, r.name, target.query);
      if (upgrade.toLowerCase() !== 'websocket' || method !== 'GET') {
        throw badRequest(`kube-sim serves exec over WebSocket only (v5.channel.k8s.io, v4.channel.k8s.io), not ${upgrade || 'a plain request'}`);
      }
      const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
      const protocol = negotiateProtocol(offered);
      if (!protocol) {
        throw badRequest(`requested protocol(s) are not supported by kube-sim: [${offered.join(' ')}]; supported: [v5.channel.k8s.io v4.channel.k8s.io]`);
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
          request: { namespace: pod.namespace, pod: pod.name, container: exec.container, command: exec.command, tty: exec.tty },
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
    setCrds: (next) => {
      Object.assign(crds, next);
      revision++;
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

// Anything unexpected is a 500 Status, never a stack trace or a crash.
function asStatusError(err: unknown): KubeStatusError {
  return err instanceof KubeStatusError ? err : internalError(err instanceof Error ? err.message : String(err));
}

function crColumns(resource: KubeOvnResource): TableColumn[] {
  return [
    { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.' },
    ...resource.columns.map((c) => ({ name: c.name, type: c.type })),
  ];
}

/** What a container says when asked to run a binary it lacks (containerd's wording, exit 126). */
const defaultExecHandler: ExecHandler = (req) => ({
  stdout: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${req.command[0] ?? ''}": executable file not found in $PATH: unknown\r\n`,
  exitCode: 126,
});
