/** The `details` of a Kubernetes Status: which object, and optional causes. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message: string; field?: string }[];
}

/** A metav1.Status failure, shaped and ordered like the real API server's JSON. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** An error that the server answers with a Status body and its HTTP code. */
export class KubeStatusError extends Error {
  /** The Status body sent to the client. */
  readonly status: KubeStatus;

  constructor(code: number, reason: string, message: string, details?: StatusDetails) {
    super(message);
    this.name = 'KubeStatusError';
    this.status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code,
    };
  }
}

/** 404 for a named object: `pods "x" not found`. */
export function notFound(resource: string, name: string, group = ''): KubeStatusError {
  const qualified = group ? `${resource}.${group}` : resource;
  return new KubeStatusError(404, 'NotFound', `${qualified} "${name}" not found`, {
    name,
    ...(group ? { group } : {}),
    kind: resource,
  });
}

/** 404 for a path the server does not serve. */
export function unknownPath(): KubeStatusError {
  return new KubeStatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** 400 with a message, as the real server answers invalid requests. */
export function badRequest(message: string): KubeStatusError {
  return new KubeStatusError(400, 'BadRequest', message);
}

/** 401 for a missing or wrong bearer token. */
export function unauthorized(): KubeStatusError {
  return new KubeStatusError(401, 'Unauthorized', 'Unauthorized');
}

/**
 * 403 in the authorizer's words (apierrors.NewForbidden): `pods "x" is forbidden: User "…" cannot create resource
 * "pods/exec" in API group "" in the namespace "…"`; without a name (a list) `iptables-eips.kubeovn.io is forbidden: …`.
 */
export function forbidden(opts: {
  user: string;
  verb: string;
  resource: string;
  subresource?: string;
  /** The API group ('' for the core group). */
  group?: string;
  name?: string;
  namespace?: string;
}): KubeStatusError {
  const group = opts.group ?? '';
  const what = opts.subresource ? `${opts.resource}/${opts.subresource}` : opts.resource;
  const scope = opts.namespace ? ` in the namespace "${opts.namespace}"` : ' at the cluster scope';
  const qualified = group ? `${opts.resource}.${group}` : opts.resource;
  const message =
    `${qualified}${opts.name ? ` "${opts.name}"` : ''} is forbidden: User "${opts.user}" cannot ${opts.verb} resource ` +
    `"${what}" in API group "${group}"${scope}`;
  return new KubeStatusError(403, 'Forbidden', message, {
    ...(opts.name ? { name: opts.name } : {}),
    ...(group ? { group } : {}),
    kind: opts.resource,
  });
}

/** 405 for a verb the resource does not support (the sim serves only reads and exec). */
export function methodNotAllowed(): KubeStatusError {
  return new KubeStatusError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );
}

/** 500, for a fake pod whose handler threw: the real server reports runtime failures this way. */
export function internalError(message: string): KubeStatusError {
  return new KubeStatusError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}
