/** A column of a server-side table (meta.k8s.io/v1 TableColumnDefinition). */
export interface TableColumn {
  name: string;
  type: 'string' | 'integer' | 'boolean' | 'number' | 'date';
  format?: string;
  description?: string;
  priority?: number;
}

/** One object's cells, with the object itself so kubectl can add NAMESPACE and labels. */
export interface TableRowInput {
  cells: unknown[];
  object: Record<string, unknown>;
}

/** How much of each object a table row carries (`?includeObject=`); the server's default is Metadata. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** True when the Accept header asks for a server-side Table, as kubectl's human-readable `get` does. */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => /;\s*as=Table/.test(part) && /;\s*g=meta\.k8s\.io/.test(part));
}

/** Builds a meta.k8s.io/v1 Table with rows in the shape the real server sends. */
export function toTable(
  columns: readonly TableColumn[],
  rows: readonly TableRowInput[],
  opts: { includeObject: IncludeObject; resourceVersion: string; continueToken?: string },
): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      resourceVersion: opts.resourceVersion,
      ...(opts.continueToken ? { continue: opts.continueToken } : {}),
    },
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority ?? 0,
    })),
    rows: rows.map((r) => ({ cells: r.cells, object: rowObject(r.object, opts.includeObject) })),
  };
}

function rowObject(object: Record<string, unknown>, include: IncludeObject): Record<string, unknown> | null {
  if (include === 'None') return null;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}
