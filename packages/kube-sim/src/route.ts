import { KUBEOVN_RESOURCES, type KubeOvnResource } from './kubeovn-crds.js';
import { badRequest } from './status.js';

/** What a request path names. */
export type Route =
  | { kind: 'discovery'; path: '/version' | '/api' | '/api/v1' | '/apis' | '/apis/kubeovn.io' | '/apis/kubeovn.io/v1' }
  | { kind: 'health' }
  | { kind: 'podList'; namespace?: string }
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'exec'; namespace: string; name: string }
  | { kind: 'namespaceList' }
  | { kind: 'namespace'; name: string }
  | { kind: 'crList'; resource: KubeOvnResource }
  | { kind: 'cr'; resource: KubeOvnResource; name: string };

/** A request target split into decoded path segments and query. */
export interface Target {
  path: string;
  rawQuery: string;
  segments: string[];
  query: URLSearchParams;
}

/**
 * Splits a raw request target by hand (not `new URL`, which reads `//x` as a host) and decodes each
 * segment; a bad escape is a 400.
 */
export function parseTarget(rawUrl: string): Target {
  const q = rawUrl.indexOf('?');
  const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
  const rawQuery = q >= 0 ? rawUrl.slice(q + 1) : '';
  const raw = path.split('/').slice(1);
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  const segments = raw.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw badRequest(`invalid URL escape in path segment ${JSON.stringify(s)}`);
    }
  });
  return { path, rawQuery, segments, query: new URLSearchParams(rawQuery) };
}

const DISCOVERY = new Set(['/version', '/api', '/api/v1', '/apis', '/apis/kubeovn.io', '/apis/kubeovn.io/v1']);

/** Names what the segments address, or undefined for a path the sim does not serve. */
export function routeOf(segments: readonly string[]): Route | undefined {
  const path = '/' + segments.join('/');
  if (DISCOVERY.has(path)) return { kind: 'discovery', path: path as Extract<Route, { kind: 'discovery' }>['path'] };
  if (path === '/healthz' || path === '/livez' || path === '/readyz') return { kind: 'health' };
  if (path === '/api/v1/pods') return { kind: 'podList' };
  if (path === '/api/v1/namespaces') return { kind: 'namespaceList' };
  const [a, b, c, d, e, f, g] = segments;
  const n = segments.length;
  if (a === 'api' && b === 'v1' && c === 'namespaces' && d !== undefined) {
    if (n === 4) return { kind: 'namespace', name: d };
    if (e === 'pods' && n === 5) return { kind: 'podList', namespace: d };
    if (e === 'pods' && f !== undefined && n === 6) return { kind: 'pod', namespace: d, name: f };
    if (e === 'pods' && f !== undefined && g === 'exec' && n === 7) return { kind: 'exec', namespace: d, name: f };
  }
  if (a === 'apis' && b === 'kubeovn.io' && c === 'v1' && d !== undefined) {
    const resource = KUBEOVN_RESOURCES.find((r) => r.plural === d);
    if (resource && n === 4) return { kind: 'crList', resource };
    if (resource && e !== undefined && n === 5) return { kind: 'cr', resource, name: e };
  }
  return undefined;
}
