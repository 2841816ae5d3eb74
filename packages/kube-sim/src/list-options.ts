import { badRequest } from './status.js';
import type { IncludeObject } from './table.js';

/** The list query parameters the sim honours, validated. */
export interface ListOptions {
  labelSelector: string;
  fieldSelector: string;
  limit: number;
  /** Key of the last item of the previous page; '' on the first page. */
  continueAfter: string;
  /** The snapshot of the list the previous page was of (ListSnapshots), when its token names one. */
  continueSnapshot: number | null;
  includeObject: IncludeObject;
}

/** Encodes a continue token: opaque to clients, like the server's (base64 of a small JSON). */
export function encodeContinue(lastKey: string, snapshot?: number): string {
  return Buffer.from(
    JSON.stringify({ v: 'kube-sim/1', start: lastKey, ...(snapshot !== undefined ? { snap: snapshot } : {}) }),
  ).toString('base64url');
}

function decodeContinue(token: string): { start: string; snapshot: number | null } {
  if (token === '') return { start: '', snapshot: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest(`continue key is not valid: illegal base64 data or JSON in ${JSON.stringify(token)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { start?: unknown }).start !== 'string')
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version kube-sim/1 required)',
    );
  const snap = (parsed as { snap?: unknown }).snap;
  return { start: (parsed as { start: string }).start, snapshot: typeof snap === 'number' ? snap : null };
}

/** Reads and validates list options; a malformed value is a 400 like the real server's. */
export function parseListOptions(query: URLSearchParams): ListOptions {
  const rawLimit = query.get('limit') ?? '';
  let limit = 0;
  if (rawLimit !== '') {
    if (!/^-?\d+$/.test(rawLimit)) throw badRequest(`limit: Invalid value: "${rawLimit}": must be an integer`);
    limit = Math.max(0, Number(rawLimit));
  }
  const include = query.get('includeObject') ?? 'Metadata';
  if (include !== 'None' && include !== 'Metadata' && include !== 'Object')
    throw badRequest(`includeObject: Unsupported value: "${include}": supported values: "None", "Metadata", "Object"`);
  const watch = query.get('watch');
  if (watch === 'true' || watch === '1') throw badRequest('watch is not served by kube-sim; list again instead');
  const after = decodeContinue(query.get('continue') ?? '');
  return {
    labelSelector: query.get('labelSelector') ?? '',
    fieldSelector: query.get('fieldSelector') ?? '',
    limit,
    continueAfter: after.start,
    continueSnapshot: after.snapshot,
    includeObject: include,
  };
}
