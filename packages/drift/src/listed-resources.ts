import { KUBE_OVN_FIELDS, KUBE_OVN_KINDS, type KubeOvnKind, type KubeOvnResources } from '@natscope/api';
import { RESOURCE_SCHEMAS } from './resource-schemas.js';

/** The objects of the five lists, validated, and one line per object left out. */
export interface ListedResources {
  resources: KubeOvnResources;
  /** Objects that do not fit their kind (skipped), one line each naming the object and the field. */
  notes: string[];
}

function nameOf(value: unknown): string {
  const metadata = typeof value === 'object' && value !== null ? (value as { metadata?: unknown }).metadata : undefined;
  const name = typeof metadata === 'object' && metadata !== null ? (metadata as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : '(no name)';
}

/**
 * The objects the API server listed (each kind's `items`), validated with the same schemas as a file. A list's
 * items are of its kind, so an item without `kind`/`apiVersion` gets them. An object that does not fit is left
 * out with a note instead of failing the whole listing: one malformed object must not hide every gateway's drift.
 */
export function listedResources(lists: Partial<Record<KubeOvnKind, readonly unknown[]>>): ListedResources {
  const resources: KubeOvnResources = { gateways: [], eips: [], fips: [], dnats: [], snats: [] };
  const notes: string[] = [];
  for (const kind of KUBE_OVN_KINDS) {
    const out = resources[KUBE_OVN_FIELDS[kind]] as unknown[];
    for (const item of lists[kind] ?? []) {
      const value = typeof item === 'object' && item !== null ? { apiVersion: 'kubeovn.io/v1', kind, ...item } : item;
      const parsed = RESOURCE_SCHEMAS[kind].safeParse(value);
      if (parsed.success) {
        out.push(parsed.data);
        continue;
      }
      const issue = parsed.error.issues[0];
      const field = issue ? issue.path.filter((p) => typeof p !== 'symbol').join('.') : '';
      notes.push(`${kind} ${nameOf(item)} left out: ${field ? `${field}: ` : ''}${issue?.message ?? 'does not fit its kind'}`);
    }
  }
  return { resources, notes };
}
