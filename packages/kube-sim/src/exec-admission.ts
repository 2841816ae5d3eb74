import { podNodeName, type StoredPod } from './pod-object.js';
import { badRequest, forbidden, notFound } from './status.js';

/** An exec the server has accepted: the pod, the resolved container, the argv and the streams asked for. */
export interface ExecAdmission {
  stored: StoredPod;
  container: string;
  command: string[];
  streams: { stdin: boolean; stdout: boolean; stderr: boolean };
  tty: boolean;
}

/** Go's strconv.ParseBool, which the server uses for exec's boolean query parameters. */
function parseBool(name: string, raw: string | null, fallback: boolean): boolean {
  if (raw === null) return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False', ''].includes(raw)) return false;
  throw badRequest(`${name}: Invalid value: "${raw}": strconv.ParseBool: parsing "${raw}": invalid syntax`);
}

/**
 * Everything the real server checks before it upgrades an exec, in its order: authorization, the pod,
 * the container (none given: the only one, else a 400 listing them), a node, then the options.
 * Throws the KubeStatusError to answer with.
 */
export function admitExec(opts: {
  method: string;
  namespace: string;
  name: string;
  stored: StoredPod | undefined;
  query: URLSearchParams;
  user: string;
  /** From 1.35 WebSocket (GET) exec is authorized as `create` too. */
  minor: number;
}): ExecAdmission {
  const { name, namespace, stored, query } = opts;
  // The authorizer runs before the pod is read, so a forbidden exec never reveals whether the pod exists.
  if (stored?.pod.fault === 'forbidden') {
    const verb = opts.method === 'POST' || opts.minor >= 35 ? 'create' : 'get';
    throw forbidden({ user: opts.user, verb, resource: 'pods', subresource: 'exec', name, namespace });
  }
  if (!stored) throw notFound('pods', name);
  const { pod } = stored;
  let container = query.get('container') ?? '';
  if (container === '') {
    if (pod.containers.length === 1) container = pod.containers[0] as string;
    else if (pod.containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
    else
      throw badRequest(
        `a container name must be specified for pod ${name}, choose one of: [${pod.containers.join(' ')}]`,
      );
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
}
