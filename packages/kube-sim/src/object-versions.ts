import { randomUUID } from 'node:crypto';
import type { KubeOvnObject } from './types.js';

/** What the API server owns in an object's metadata. */
export interface ServedMeta {
  uid: string;
  creationTimestamp: string;
  resourceVersion: string;
  generation: number;
}

interface Versioned extends ServedMeta {
  /** The spec as last seen, to bump generation only when it changes (as for a CRD with a status subresource). */
  spec: string;
  /** Everything else the client wrote (labels, annotations, finalizers, status). */
  rest: string;
  /** The object last seen under this key: the same object again needs no comparison. */
  object: KubeOvnObject;
}

/**
 * Each object's identity and version as etcd keeps them: a uid and creation time fixed when it first appears, a
 * resourceVersion taken from the sim-wide revision only when the object itself changes (clients rely on an unchanged
 * resourceVersion meaning an unchanged object), and a generation that counts spec changes.
 */
export class ObjectVersions {
  readonly #byKey = new Map<string, Versioned>();

  /** `bump` advances the sim-wide revision and returns it; `now` is an RFC 3339 time. */
  constructor(
    private readonly bump: () => number,
    private readonly now: () => string,
  ) {}

  /** The served metadata of `object` under `key`, versioned anew if it changed since it was last seen. */
  of(key: string, object: KubeOvnObject): ServedMeta {
    const known = this.#byKey.get(key);
    if (known?.object === object) return known;
    const { metadata, spec, status } = object;
    const specText = JSON.stringify(spec);
    const rest = JSON.stringify([metadata.labels, metadata.annotations, metadata.finalizers, status]);
    if (known && known.spec === specText && known.rest === rest) {
      known.object = object;
      return known;
    }
    const next: Versioned = {
      uid: known?.uid ?? metadata.uid ?? randomUUID(),
      creationTimestamp: known?.creationTimestamp ?? metadata.creationTimestamp ?? this.now(),
      resourceVersion: String(this.bump()),
      generation: known ? known.generation + (known.spec === specText ? 0 : 1) : (metadata.generation ?? 1),
      spec: specText,
      rest,
      object,
    };
    this.#byKey.set(key, next);
    return next;
  }

  /**
   * Forgets the objects under `prefix` that are not in `keep`: they were deleted, so one created again under the same
   * name is a new object (new uid, generation 1). A deletion advances the revision.
   */
  retain(prefix: string, keep: ReadonlySet<string>): void {
    let deleted = false;
    for (const key of this.#byKey.keys()) {
      if (key.startsWith(prefix) && !keep.has(key)) {
        this.#byKey.delete(key);
        deleted = true;
      }
    }
    if (deleted) this.bump();
  }
}
