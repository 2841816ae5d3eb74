import { KUBE_OVN_FIELDS, KUBE_OVN_KINDS, type KubeOvnKind, type KubeOvnResources } from '@natscope/api';
import { fingerprint } from './fingerprint.js';
import { RESOURCE_SCHEMAS } from './resource-schemas.js';
import { versionOf, type VersionedObject } from './version-of.js';

/** One listed object's outcome: the validated object, or the note that says why it was left out. */
type Outcome = { object: unknown; version: string } | { note: string };

/** The objects of the five lists, validated, and one line per object left out. */
export interface ListedResources {
  resources: KubeOvnResources;
  /** Objects that do not fit their kind (skipped), one line each naming the object and the field. */
  notes: string[];
  /** A fingerprint of every kept object's version, in order: equal for two listings the comparison cannot tell apart. */
  digest: string;
  /** How many objects were validated; the others were the previous listing's, reused. */
  validated: number;
  /** Each object's outcome by versionOf (objects with a uid and resourceVersion only): what the next listing reuses. */
  readonly reusable: ReadonlyMap<string, Outcome>;
}

function metadataOf(value: unknown): Record<string, unknown> | undefined {
  const metadata = typeof value === 'object' && value !== null ? (value as { metadata?: unknown }).metadata : undefined;
  return typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : undefined;
}

function nameOf(value: unknown): string {
  const name = metadataOf(value)?.name;
  return typeof name === 'string' ? name : '(no name)';
}

/** versionOf for a listed item not validated yet: only when the API server gave it a name, uid and resourceVersion. */
function listedVersion(kind: KubeOvnKind, item: unknown): string | null {
  const { name, uid, resourceVersion } = metadataOf(item) ?? {};
  if (
    typeof name !== 'string' ||
    typeof uid !== 'string' ||
    typeof resourceVersion !== 'string' ||
    !uid ||
    !resourceVersion
  )
    return null;
  return versionOf({ kind, metadata: { name, uid, resourceVersion } });
}

/** Validates one item; `version` is its versionOf when the listing already worked it out (the same text, kept once). */
function validate(kind: KubeOvnKind, item: unknown, version: string | null): Outcome {
  const value = typeof item === 'object' && item !== null ? { apiVersion: 'kubeovn.io/v1', kind, ...item } : item;
  const parsed = RESOURCE_SCHEMAS[kind].safeParse(value);
  if (parsed.success) return { object: parsed.data, version: version ?? versionOf(parsed.data as VersionedObject) };
  const issue = parsed.error.issues[0];
  const field = issue ? issue.path.filter((p) => typeof p !== 'symbol').join('.') : '';
  return {
    note: `${kind} ${nameOf(item)} left out: ${field ? `${field}: ` : ''}${issue?.message ?? 'does not fit its kind'}`,
  };
}

/**
 * Reads a listing of the five kinds page by page (`add` each page of a kind's items, in order; kinds may interleave),
 * validating each object with the same schemas as a file. A list's items are of its kind, so an item without
 * `kind`/`apiVersion` gets them. An object that does not fit is left out with a note instead of failing the whole
 * listing: one malformed object must not hide every gateway's drift. Given the previous listing, an object whose
 * uid and resourceVersion are unchanged is that listing's object again, not validated anew (in a steady cluster,
 * none is): the API server changes resourceVersion with every write. A page is done with once added, so a listing
 * read in pages never holds more than a page of raw objects beside the validated ones.
 */
export class ListingBuilder {
  readonly #previous: ListedResources | undefined;
  readonly #resources: KubeOvnResources = { gateways: [], eips: [], fips: [], dnats: [], snats: [] };
  readonly #notes = new Map<KubeOvnKind, string[]>(KUBE_OVN_KINDS.map((kind) => [kind, []]));
  readonly #versions = new Map<KubeOvnKind, string[]>(KUBE_OVN_KINDS.map((kind) => [kind, []]));
  readonly #reusable = new Map<string, Outcome>();
  #validated = 0;

  constructor(previous?: ListedResources) {
    this.#previous = previous;
  }

  /** The next items of `kind`'s list. */
  add(kind: KubeOvnKind, items: readonly unknown[]): void {
    const out = this.#resources[KUBE_OVN_FIELDS[kind]] as unknown[];
    const notes = this.#notes.get(kind)!;
    const versions = this.#versions.get(kind)!;
    for (const item of items) {
      const key = listedVersion(kind, item);
      let outcome = key === null ? undefined : this.#previous?.reusable.get(key);
      if (!outcome) {
        outcome = validate(kind, item, key);
        this.#validated++;
      }
      if (key !== null) this.#reusable.set(key, outcome);
      if ('note' in outcome) {
        notes.push(outcome.note);
        continue;
      }
      out.push(outcome.object);
      versions.push(outcome.version);
    }
  }

  /** The listing, its notes in kind order, and its digest. */
  finish(): ListedResources {
    const inOrder = (parts: Map<KubeOvnKind, string[]>) => KUBE_OVN_KINDS.flatMap((kind) => parts.get(kind)!);
    return {
      resources: this.#resources,
      notes: inOrder(this.#notes),
      digest: fingerprint(inOrder(this.#versions)),
      validated: this.#validated,
      reusable: this.#reusable,
    };
  }
}
