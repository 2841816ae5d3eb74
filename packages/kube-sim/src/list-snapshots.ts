/** What a paged list had left when it answered a page: the items after it, already selected and sorted. */
export interface ListSnapshot<T> {
  /** Which list it is of (the request path), so a token is not taken to another resource. */
  path: string;
  items: readonly T[];
  resourceVersion: string;
}

/**
 * The rest of each paged list, kept for its continue token, as the real API server serves every page of one list
 * from the snapshot of its first (etcd at one revision): the pages are consistent, and a page costs the items it
 * holds, not a fresh pass over the whole resource (a list of 30,000 objects in pages of 500 was quadratic).
 * Bounded: the oldest snapshots go first, after which their tokens continue from the current objects by key.
 */
export class ListSnapshots<T> {
  readonly #byId = new Map<number, ListSnapshot<T>>();
  #nextId = 1;

  constructor(private readonly max = 64) {}

  /** Keeps what a page left over; returns the id its continue token carries. */
  keep(snapshot: ListSnapshot<T>): number {
    const id = this.#nextId++;
    this.#byId.set(id, snapshot);
    if (this.#byId.size > this.max) this.#byId.delete(this.#byId.keys().next().value as number);
    return id;
  }

  /** The snapshot a token names, taken (each is continued once), or undefined when it is gone or of another list. */
  take(id: number, path: string): ListSnapshot<T> | undefined {
    const found = this.#byId.get(id);
    if (!found || found.path !== path) return undefined;
    this.#byId.delete(id);
    return found;
  }
}
