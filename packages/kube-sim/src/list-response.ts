import { FieldSelectorError, fieldsMatch, parseFieldSelector } from './field-selector.js';
import { LabelSelectorError, parseLabelSelector } from './label-selector.js';
import { encodeContinue, parseListOptions } from './list-options.js';
import { badRequest } from './status.js';
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

/** Answers a list request: selectors, key order, limit/continue, and a Table when the client asks for one. */
export function listResponse(
  all: readonly Listable[],
  kind: ListKind,
  query: URLSearchParams,
  accept: string | undefined,
  resourceVersion: string,
): unknown {
  const options = parseListOptions(query);
  const selector = asBadRequest(() => parseLabelSelector(options.labelSelector));
  const fieldReqs = asBadRequest(() => parseFieldSelector(options.fieldSelector, kind.supportedFields));
  const matching = all
    .filter((item) => selector.matches(item.labels) && fieldsMatch(fieldReqs, item.fields))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .filter((item) => options.continueAfter === '' || item.key > options.continueAfter);
  const page = options.limit > 0 ? matching.slice(0, options.limit) : matching;
  const last = page[page.length - 1];
  const continueToken = page.length < matching.length && last ? encodeContinue(last.key) : undefined;
  if (wantsTable(accept)) {
    return toTable(kind.columns, page, { includeObject: options.includeObject, resourceVersion, ...(continueToken ? { continueToken } : {}) });
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
export function singleResponse(item: Listable, kind: ListKind, query: URLSearchParams, accept: string | undefined, resourceVersion: string): unknown {
  if (!wantsTable(accept)) return item.object;
  return toTable(kind.columns, [item], { includeObject: parseListOptions(query).includeObject, resourceVersion });
}
