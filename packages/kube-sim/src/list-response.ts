import { FieldSelectorError, fieldsMatch, parseFieldSelector } from './field-selector.js';
import { LabelSelectorError, parseLabelSelector } from '@natscope/api';
import { encodeContinue, parseListOptions } from './list-options.js';
import { badRequest } from './status.js';
import type { ListSnapshots } from './list-snapshots.js';
import { toTable, wantsTable, type TableColumn } from './table.js';

/** One object as lists see it: its sort key, JSON, labels, selectable fields and table cells. */
export interface Listable {
  key: string;
  object: Record<string, unknown>;
  labels: Record<string, string> | undefined;
  fields: Record<string, string>;
  cells: unknown[];
}

/** How a resource lists: its list kind, table columns, selectable fields and item typing. */
export interface ListKind {
  listKind: string;
  apiVersion: string;
  columns: TableColumn[];
  supportedFields: string[];
  /** Typed core lists omit kind/apiVersion on items; unstructured CR lists keep them. */
  itemsCarryType: boolean;
}

// Selector errors become the real server's 400 with the parser's own message.
function asBadRequest<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof LabelSelectorError || err instanceof FieldSelectorError) throw badRequest(err.message);
    throw err;
  }
}

/** What a list is of now: its objects and the revision they are at (read after them: listing may version them). */
export type ListSource = () => { items: readonly Listable[]; resourceVersion: string };

/**
 * Answers a list request: selectors, key order, limit/continue, and a Table when the client asks for one. A page
 * with more after it keeps the rest in `snapshots` under its continue token, and the next page is served from there
 * (the source is not read again), as the real server serves a paged list from one revision.
 */
export function listResponse(
  source: ListSource,
  kind: ListKind,
  query: URLSearchParams,
  accept: string | undefined,
  path: string,
  snapshots: ListSnapshots<Listable>,
): unknown {
  const options = parseListOptions(query);
  const kept = options.continueSnapshot === null ? undefined : snapshots.take(options.continueSnapshot, path);
  let matching: readonly Listable[];
  let resourceVersion: string;
  if (kept) {
    ({ items: matching, resourceVersion } = kept);
  } else {
    const selector = asBadRequest(() => parseLabelSelector(options.labelSelector));
    const fieldReqs = asBadRequest(() => parseFieldSelector(options.fieldSelector, kind.supportedFields));
    const now = source();
    resourceVersion = now.resourceVersion;
    matching = now.items
      .filter((item) => selector.matches(item.labels) && fieldsMatch(fieldReqs, item.fields))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .filter((item) => options.continueAfter === '' || item.key > options.continueAfter);
  }
  const page = options.limit > 0 ? matching.slice(0, options.limit) : matching;
  const last = page[page.length - 1];
  const rest = page.length < matching.length && last ? matching.slice(page.length) : null;
  const continueToken =
    rest && last ? encodeContinue(last.key, snapshots.keep({ path, items: rest, resourceVersion })) : undefined;
  if (wantsTable(accept)) {
    return toTable(kind.columns, page, {
      includeObject: options.includeObject,
      resourceVersion,
      ...(continueToken ? { continueToken } : {}),
    });
  }
  return {
    kind: kind.listKind,
    apiVersion: kind.apiVersion,
    metadata: {
      resourceVersion,
      ...(continueToken ? { continue: continueToken, remainingItemCount: matching.length - page.length } : {}),
    },
    items: page.map((item) => {
      if (kind.itemsCarryType) return item.object;
      const { kind: _k, apiVersion: _a, ...rest } = item.object;
      return rest;
    }),
  };
}

/** Answers a GET of one object: the object, or a one-row Table when the client asks for one. */
export function singleResponse(
  item: Listable,
  kind: ListKind,
  query: URLSearchParams,
  accept: string | undefined,
  resourceVersion: string,
): unknown {
  if (!wantsTable(accept)) return item.object;
  return toTable(kind.columns, [item], { includeObject: parseListOptions(query).includeObject, resourceVersion });
}
