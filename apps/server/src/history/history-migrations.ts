import type { Database } from 'better-sqlite3';

/**
 * The schema, one migration per version (PRAGMA user_version says how many have run). Append, never edit: a
 * database made by an older natscope is brought forward in place.
 *
 * - `texts`: each distinct dump text once (counters and header stamps cut out, zlib-deflated), by its hash.
 * - `events`: the timeline, one table so that it pages in one order (id, which only grows: AUTOINCREMENT keeps
 *   pruned ids from coming back, and they are in URLs): `reading` (a pod's rules changed: its text, backend,
 *   stderr, stamps and counters), `status` (a gateway became readable or unreadable, and why), `drift` (a pod's
 *   desired-vs-actual findings changed: the report as deflated JSON).
 * - `samples`: a pod's rule counters at most once a minute, varint deltas against the sample before
 *   (`keyframe` 1: against zeros), keyed by pod and time without a rowid (the key is the only index).
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE gateways (id INTEGER PRIMARY KEY, namespace TEXT NOT NULL, name TEXT NOT NULL, UNIQUE (namespace, name));
   CREATE TABLE pods (id INTEGER PRIMARY KEY, gateway_id INTEGER NOT NULL REFERENCES gateways (id), name TEXT NOT NULL,
     UNIQUE (gateway_id, name));
   CREATE TABLE texts (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, body BLOB NOT NULL);
   CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     gateway_id INTEGER NOT NULL REFERENCES gateways (id),
     pod_id INTEGER REFERENCES pods (id),
     at INTEGER NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('reading', 'status', 'drift')),
     text_id INTEGER REFERENCES texts (id),
     shape TEXT,
     backend TEXT,
     stderr TEXT,
     stamps TEXT,
     counters BLOB,
     status TEXT,
     code TEXT,
     message TEXT,
     body BLOB
   );
   CREATE INDEX events_by_gateway ON events (gateway_id, id);
   CREATE INDEX events_by_time ON events (at);
   CREATE TABLE samples (pod_id INTEGER NOT NULL, at INTEGER NOT NULL, keyframe INTEGER NOT NULL, counters BLOB NOT NULL,
     PRIMARY KEY (pod_id, at)) WITHOUT ROWID;`,
];

/** Runs the migrations `db` has not seen, each in its own transaction. */
export function migrate(db: Database): void {
  const done = Number(db.pragma('user_version', { simple: true }));
  for (let v = done; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
