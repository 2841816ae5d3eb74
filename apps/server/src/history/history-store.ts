import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { decodeDumpBytes, encodeDump } from '@natscope/iptables';
import Sqlite from 'better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import { decodeCounters, encodeCounters } from './counter-codec.js';
import { HistoryError, faultOf, reasonOf } from './history-error.js';
import { migrate } from './history-migrations.js';
import { joinReading, splitReading } from './reading-text.js';

/** The database's file name in the data dir. */
export const HISTORY_FILE = 'history.sqlite';

export interface HistoryStoreOptions {
  dir: string;
  retentionDays: number;
  /** null: no size limit. */
  retentionMb: number | null;
  now?: () => number;
  log?: (line: string) => void;
  /** SQLite's page limit (PRAGMA max_page_count): how the tests give it a disk that fills up. */
  maxPageCount?: number;
}

/** Whether history is being kept (`GET /api/history/status`). */
export interface HistoryState {
  enabled: boolean;
  /** Why it is off (the disk is full, the file was corrupt), or a note about the start (a corrupt file set aside). */
  reason: string | null;
  file: string | null;
}

/** Whose and when: what every row about a pod says first. */
interface PodAt {
  namespace: string;
  gateway: string;
  pod: string;
  at: number;
}

/** A pod's rules, when they changed (the recorder only sends readings whose text or stderr changed). */
export interface ReadingWrite extends PodAt {
  /** The collector's CounterScan.shape: the analysed-reading cache's key for this text. */
  shape: string;
  backend: string;
  stderr: string;
  raw: string;
}

export interface SampleWrite extends PodAt {
  counters: Float64Array;
}

export interface StatusWrite {
  namespace: string;
  gateway: string;
  at: number;
  status: 'ok' | 'error';
  code: string | null;
  message: string | null;
}

export interface DriftWrite extends PodAt {
  status: string;
  /** The DriftReport as JSON. */
  json: string;
}

/** What one pass of the collector leaves to keep: written in one transaction. */
export interface HistoryBatch {
  readings: ReadingWrite[];
  samples: SampleWrite[];
  statuses: StatusWrite[];
  drifts: DriftWrite[];
}

/** One row of a gateway's timeline. */
export type StoredEvent =
  | { kind: 'reading'; id: number; at: number; pod: string; backend: string; stderr: string; change: string }
  | { kind: 'status'; id: number; at: number; status: 'ok' | 'error'; code: string | null; message: string | null }
  | { kind: 'drift'; id: number; at: number; pod: string; status: string; json: string };

/** A stored reading with its dump as the pod printed it. */
export interface StoredReading {
  id: number;
  namespace: string;
  gateway: string;
  pod: string;
  at: number;
  shape: string;
  backend: string;
  stderr: string;
  raw: string;
}

/** What the recorder needs to know after a restart, so a restart writes no duplicate rows. */
export interface LastKnown {
  /** `namespace/gateway/pod` → shape of its latest reading. */
  shapes: Map<string, string>;
  /** `namespace/gateway` → its latest status event. */
  statuses: Map<string, 'ok' | 'error'>;
  /** `namespace/gateway/pod` → status and JSON of its latest drift event. */
  drifts: Map<string, string>;
  /** `namespace/gateway` → time of its latest reading (its last rule change). */
  ruleChanges: Map<string, number>;
}

export interface HistoryQuery {
  since?: number;
  until?: number;
  /** Only events with an id below this one (the cursor of the page before). */
  before?: number;
  limit: number;
}

const DAY = 86_400_000;
/** Samples between two keyframes: decoding a sample walks at most this many rows. */
const KEYFRAME_EVERY = 60;

interface Prepared {
  gateway: Statement<[string, string]>;
  gatewayId: Statement<[string, string]>;
  pod: Statement<[number, string]>;
  podId: Statement<[number, string]>;
  textId: Statement<[string]>;
  text: Statement<[string, Buffer]>;
  reading: Statement<[number, number, number, number, string, string, string, string, Buffer, string]>;
  status: Statement<[number, number, 'ok' | 'error', string | null, string | null]>;
  drift: Statement<[number, number, number, string, Buffer]>;
  sample: Statement<[number, number, number, Buffer]>;
  previousText: Statement<[number]>;
}

/**
 * The history database: SQLite in WAL mode, in `dir`, owned by this process alone (exclusive locking: a second
 * natscope on the same folder is told so at its start). Every statement is prepared with bound parameters; nothing
 * a request sends becomes SQL text. A fault while running (a full disk, a corrupt file, any other SQLite error)
 * turns history off with one log line and `state().reason`; the caller's live view never sees an exception. A
 * corrupt file is renamed aside (`history.sqlite.corrupt-<time>`), at the start (and a fresh one begun) or while
 * running (history then stays off until the next start).
 */
export class HistoryStore {
  readonly file: string;
  #db: Database | null;
  #reason: string | null = null;
  readonly #ps: Prepared;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  readonly #ids = new Map<string, number>();
  /** Per pod: the latest sample's counters, and how many deltas since its keyframe. */
  readonly #lastSample = new Map<number, { counters: Float64Array; since: number }>();
  /** Per pod: the text of its latest reading (a reading's `change` says rules or only stderr). */
  readonly #lastText = new Map<number, number>();

  private constructor(
    db: Database,
    file: string,
    readonly options: HistoryStoreOptions,
    notice: string | null,
  ) {
    this.#db = db;
    this.file = file;
    this.#reason = notice;
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? (() => {});
    this.#ps = {
      gateway: db.prepare('INSERT OR IGNORE INTO gateways (namespace, name) VALUES (?, ?)'),
      gatewayId: db.prepare('SELECT id FROM gateways WHERE namespace = ? AND name = ?'),
      pod: db.prepare('INSERT OR IGNORE INTO pods (gateway_id, name) VALUES (?, ?)'),
      podId: db.prepare('SELECT id FROM pods WHERE gateway_id = ? AND name = ?'),
      textId: db.prepare('SELECT id FROM texts WHERE hash = ?'),
      text: db.prepare('INSERT INTO texts (hash, body) VALUES (?, ?)'),
      reading: db.prepare(
        `INSERT INTO events (gateway_id, pod_id, at, kind, text_id, shape, backend, stderr, stamps, counters, code)
         VALUES (?, ?, ?, 'reading', ?, ?, ?, ?, ?, ?, ?)`,
      ),
      status: db.prepare(
        `INSERT INTO events (gateway_id, at, kind, status, code, message) VALUES (?, ?, 'status', ?, ?, ?)`,
      ),
      drift: db.prepare(
        `INSERT INTO events (gateway_id, pod_id, at, kind, status, body) VALUES (?, ?, ?, 'drift', ?, ?)`,
      ),
      sample: db.prepare('INSERT OR REPLACE INTO samples (pod_id, at, keyframe, counters) VALUES (?, ?, ?, ?)'),
      previousText: db.prepare(
        `SELECT text_id FROM events WHERE pod_id = ? AND kind = 'reading' ORDER BY id DESC LIMIT 1`,
      ),
    };
  }

  /**
   * Opens (or creates) the history in `options.dir`. Throws HistoryError `unwritable` when the folder cannot be
   * created or written, `locked` when another natscope has the database open; sets a corrupt file aside and starts
   * a new one, saying so in `state().reason`.
   */
  static open(options: HistoryStoreOptions): HistoryStore {
    const log = options.log ?? (() => {});
    const dir = options.dir;
    try {
      mkdirSync(dir, { recursive: true });
      const probe = join(dir, `.natscope-write-test-${process.pid}`);
      writeFileSync(probe, '');
      unlinkSync(probe);
    } catch (err) {
      const code = typeof err === 'object' && err && 'code' in err ? ` (${String(err.code)})` : '';
      throw new HistoryError(
        'unwritable',
        `cannot write the data dir ${dir}${code}: set NATSCOPE_DATA_DIR or --data-dir to a folder natscope may write`,
      );
    }
    const file = join(dir, HISTORY_FILE);
    try {
      return new HistoryStore(openDatabase(file, options.maxPageCount), file, options, null);
    } catch (err) {
      const fault = err instanceof HistoryError ? err.fault : faultOf(err);
      if (fault === 'locked') {
        throw new HistoryError(
          'locked',
          `the history ${file} is in use by another natscope (database locked); give this one its own --data-dir`,
        );
      }
      if (fault !== 'corrupt') throw new HistoryError(fault, `cannot open the history ${file}: ${reasonOf(err)}`);
      const aside = setAside(file, options.now?.() ?? Date.now());
      const notice = `the history file was corrupt and was set aside as ${aside}; a new one was started`;
      log(`natscope: ${notice}`);
      return new HistoryStore(openDatabase(file, options.maxPageCount), file, options, notice);
    }
  }

  /** Whether history is on, and why not. */
  state(): HistoryState {
    return { enabled: this.#db !== null, reason: this.#reason, file: this.file };
  }

  /** Writes one pass's rows in one transaction. */
  write(batch: HistoryBatch): void {
    this.#guard(undefined, (db) => {
      db.transaction(() => {
        for (const r of batch.readings) this.#writeReading(r);
        for (const s of batch.samples) this.#writeSample(s);
        for (const s of batch.statuses) {
          this.#ps.status.run(this.#gatewayId(s.namespace, s.gateway), s.at, s.status, s.code, s.message);
        }
        for (const d of batch.drifts) {
          const gw = this.#gatewayId(d.namespace, d.gateway);
          this.#ps.drift.run(gw, this.#podId(gw, d.pod), d.at, d.status, deflateSync(d.json));
        }
      })();
    });
  }

  #writeReading(r: ReadingWrite): void {
    const gw = this.#gatewayId(r.namespace, r.gateway);
    const pod = this.#podId(gw, r.pod);
    const split = splitReading(r.raw);
    // Kept as the gateway's bytes: a string would go in as UTF-8, a byte that is not UTF-8 (a Latin-1 comment)
    // as U+FFFD, and two texts differing only in such a byte would hash alike.
    const bytes = encodeDump(split.text);
    const hash = createHash('sha1').update(bytes).digest('base64url');
    let textId = (this.#ps.textId.get(hash) as { id: number } | undefined)?.id;
    if (textId === undefined) textId = Number(this.#ps.text.run(hash, deflateSync(bytes)).lastInsertRowid);
    const previous =
      this.#lastText.get(pod) ?? (this.#ps.previousText.get(pod) as { text_id: number } | undefined)?.text_id;
    const change = previous === undefined ? 'first' : previous === textId ? 'stderr' : 'rules';
    this.#lastText.set(pod, textId);
    this.#ps.reading.run(
      gw,
      pod,
      r.at,
      textId,
      r.shape,
      r.backend,
      r.stderr,
      JSON.stringify(split.stamps),
      encodeCounters(split.counters, null),
      change,
    );
  }

  #writeSample(s: SampleWrite): void {
    const pod = this.#podId(this.#gatewayId(s.namespace, s.gateway), s.pod);
    const last = this.#lastSample.get(pod);
    const keyframe = !last || last.since >= KEYFRAME_EVERY || last.counters.length !== s.counters.length;
    this.#ps.sample.run(pod, s.at, keyframe ? 1 : 0, encodeCounters(s.counters, keyframe ? null : last.counters));
    this.#lastSample.set(pod, { counters: s.counters, since: keyframe ? 1 : last.since + 1 });
  }

  /** The timeline of a gateway, newest first. */
  events(namespace: string, gateway: string, q: HistoryQuery): StoredEvent[] {
    return this.#guard([], (db) => {
      const gw = this.#ps.gatewayId.get(namespace, gateway) as { id: number } | undefined;
      if (!gw) return [];
      const rows = db
        .prepare(
          `SELECT e.id, e.at, e.kind, p.name AS pod, e.backend, e.stderr, e.status, e.code, e.message, e.body
           FROM events e LEFT JOIN pods p ON p.id = e.pod_id
           WHERE e.gateway_id = ? AND e.id < ? AND e.at >= ? AND e.at <= ?
           ORDER BY e.id DESC LIMIT ?`,
        )
        .all(
          gw.id,
          q.before ?? Number.MAX_SAFE_INTEGER,
          q.since ?? 0,
          q.until ?? Number.MAX_SAFE_INTEGER,
          q.limit,
        ) as EventRow[];
      return rows.map(toEvent);
    });
  }

  /** A stored reading of `namespace/gateway`, or null when there is none with that id (or it was pruned). */
  reading(namespace: string, gateway: string, id: number): StoredReading | null {
    return this.#guard(null, (db) => {
      const row = db
        .prepare(
          `SELECT e.id, e.at, e.shape, e.backend, e.stderr, e.stamps, e.counters, p.name AS pod, t.body
           FROM events e JOIN gateways g ON g.id = e.gateway_id JOIN pods p ON p.id = e.pod_id JOIN texts t ON t.id = e.text_id
           WHERE e.id = ? AND e.kind = 'reading' AND g.namespace = ? AND g.name = ?`,
        )
        .get(id, namespace, gateway) as ReadingRow | undefined;
      if (!row) return null;
      const raw = joinReading({
        text: decodeDumpBytes(inflateSync(row.body)),
        counters: Array.from(decodeCounters(row.counters, null)),
        stamps: JSON.parse(row.stamps) as string[],
      });
      return {
        id: row.id,
        namespace,
        gateway,
        pod: row.pod,
        at: row.at,
        shape: row.shape,
        backend: row.backend,
        stderr: row.stderr,
        raw,
      };
    });
  }

  /** The id of the latest reading of `pod` of a gateway, or null. */
  latestReadingId(namespace: string, gateway: string, pod: string): number | null {
    return this.#guard(null, (db) => {
      const row = db
        .prepare(
          `SELECT max(e.id) AS id FROM events e JOIN gateways g ON g.id = e.gateway_id JOIN pods p ON p.id = e.pod_id
           WHERE g.namespace = ? AND g.name = ? AND p.name = ? AND e.kind = 'reading'`,
        )
        .get(namespace, gateway, pod) as { id: number | null } | undefined;
      return row?.id ?? null;
    });
  }

  /** The drift findings of a reading's pod as they stood before its next reading, as JSON; null when none were kept. */
  driftAt(readingId: number): string | null {
    return this.#guard(null, (db) => {
      const row = db
        .prepare(
          `SELECT d.body FROM events r JOIN events d ON d.pod_id = r.pod_id AND d.kind = 'drift'
           WHERE r.id = ? AND d.id < coalesce(
             (SELECT min(n.id) FROM events n WHERE n.pod_id = r.pod_id AND n.kind = 'reading' AND n.id > r.id),
             9007199254740991)
           ORDER BY d.id DESC LIMIT 1`,
        )
        .get(readingId) as { body: Buffer } | undefined;
      return row ? inflateSync(row.body).toString('utf8') : null;
    });
  }

  /** The counters of a pod at the sample at or before `at` (rule counters in input order), or null. */
  counterSample(
    namespace: string,
    gateway: string,
    pod: string,
    at: number,
  ): { at: number; counters: Float64Array } | null {
    return this.#guard(null, (db) => {
      const gw = this.#ps.gatewayId.get(namespace, gateway) as { id: number } | undefined;
      const p = gw ? (this.#ps.podId.get(gw.id, pod) as { id: number } | undefined) : undefined;
      if (!p) return null;
      const key = db
        .prepare('SELECT at FROM samples WHERE pod_id = ? AND at <= ? AND keyframe = 1 ORDER BY at DESC LIMIT 1')
        .get(p.id, at) as { at: number } | undefined;
      if (!key) return null;
      const rows = db
        .prepare('SELECT at, keyframe, counters FROM samples WHERE pod_id = ? AND at >= ? AND at <= ? ORDER BY at')
        .all(p.id, key.at, at) as { at: number; keyframe: number; counters: Buffer }[];
      let counters: Float64Array | null = null;
      let last = key.at;
      for (const r of rows) {
        counters = decodeCounters(r.counters, r.keyframe ? null : counters);
        last = r.at;
      }
      return counters ? { at: last, counters } : null;
    });
  }

  /** What the recorder must know to go on where the last run stopped. */
  lastKnown(): LastKnown {
    const known: LastKnown = { shapes: new Map(), statuses: new Map(), drifts: new Map(), ruleChanges: new Map() };
    this.#guard(undefined, (db) => {
      const latest = db
        .prepare(
          `SELECT g.namespace, g.name AS gateway, p.name AS pod, e.kind, e.at, e.shape, e.status, e.body
           FROM events e JOIN gateways g ON g.id = e.gateway_id LEFT JOIN pods p ON p.id = e.pod_id
           WHERE e.id IN (SELECT max(id) FROM events GROUP BY gateway_id, pod_id, kind)`,
        )
        .all() as {
        namespace: string;
        gateway: string;
        pod: string | null;
        kind: string;
        at: number;
        shape: string | null;
        status: string | null;
        body: Buffer | null;
      }[];
      for (const r of latest) {
        const gw = `${r.namespace}/${r.gateway}`;
        if (r.kind === 'reading' && r.pod && r.shape) {
          known.shapes.set(`${gw}/${r.pod}`, r.shape);
          known.ruleChanges.set(gw, Math.max(known.ruleChanges.get(gw) ?? 0, r.at));
        } else if (r.kind === 'status' && (r.status === 'ok' || r.status === 'error')) known.statuses.set(gw, r.status);
        else if (r.kind === 'drift' && r.pod && r.body)
          known.drifts.set(`${gw}/${r.pod}`, inflateSync(r.body).toString('utf8'));
      }
    });
    return known;
  }

  /** The bytes the database holds (pages in use; freed pages go back to the disk by incremental vacuum). */
  usedBytes(): number {
    return this.#guard(0, (db) => {
      const pages = Number(db.pragma('page_count', { simple: true }));
      const free = Number(db.pragma('freelist_count', { simple: true }));
      return (pages - free) * Number(db.pragma('page_size', { simple: true }));
    });
  }

  /**
   * Drops what is older than the retention (each pod's latest reading stays: it is still what the pod holds), then,
   * while over the size limit, the oldest tenth of what is left; texts no reading uses go with them.
   */
  prune(): void {
    const now = this.#now();
    this.#guard(undefined, (db) => {
      this.#dropBefore(db, now - this.options.retentionDays * DAY);
      const limit = this.options.retentionMb === null ? null : this.options.retentionMb * 1024 * 1024;
      for (let round = 0; limit !== null && round < 20 && this.usedBytes() > limit; round++) {
        const oldest = db
          .prepare('SELECT min(at) AS at FROM (SELECT min(at) AS at FROM events UNION ALL SELECT min(at) FROM samples)')
          .get() as { at: number | null };
        if (oldest.at === null) break;
        const dropped = this.#dropBefore(db, oldest.at + Math.max(60_000, (now - oldest.at) / 10), true);
        if (dropped === 0) break;
      }
      db.pragma('incremental_vacuum');
      db.pragma('wal_checkpoint(TRUNCATE)');
    });
  }

  #dropBefore(db: Database, cutoff: number, evenLatest = false): number {
    let dropped = 0;
    db.transaction(() => {
      const keep = evenLatest
        ? ''
        : `AND id NOT IN (SELECT max(id) FROM events WHERE kind = 'reading' GROUP BY pod_id)`;
      dropped += db.prepare(`DELETE FROM events WHERE at < ? ${keep}`).run(cutoff).changes;
      for (const { id } of db.prepare('SELECT id FROM pods').all() as { id: number }[]) {
        dropped += db.prepare('DELETE FROM samples WHERE pod_id = ? AND at < ?').run(id, cutoff).changes;
      }
      db.exec('DELETE FROM texts WHERE id NOT IN (SELECT text_id FROM events WHERE text_id IS NOT NULL)');
    })();
    // A pruned keyframe makes later deltas unreadable: start the next sample of each pod from a keyframe.
    if (dropped > 0) this.#lastSample.clear();
    return dropped;
  }

  /** Closes the database (history is off afterwards). */
  close(): void {
    const db = this.#db;
    this.#db = null;
    if (db?.open) db.close();
  }

  #gatewayId(namespace: string, name: string): number {
    const key = `${namespace}/${name}`;
    let id = this.#ids.get(key);
    if (id === undefined) {
      this.#ps.gateway.run(namespace, name);
      id = (this.#ps.gatewayId.get(namespace, name) as { id: number }).id;
      this.#ids.set(key, id);
    }
    return id;
  }

  #podId(gateway: number, name: string): number {
    const key = `${gateway}\n${name}`;
    let id = this.#ids.get(key);
    if (id === undefined) {
      this.#ps.pod.run(gateway, name);
      id = (this.#ps.podId.get(gateway, name) as { id: number }).id;
      this.#ids.set(key, id);
    }
    return id;
  }

  /** Runs `work` on the database, or gives `fallback` when history is off; a fault turns it off. */
  #guard<T>(fallback: T, work: (db: Database) => T): T {
    const db = this.#db;
    if (!db) return fallback;
    try {
      return work(db);
    } catch (err) {
      this.#fail(err);
      return fallback;
    }
  }

  #fail(err: unknown): void {
    const fault = faultOf(err);
    const why =
      fault === 'full'
        ? `the disk holding ${this.file} is full`
        : fault === 'corrupt'
          ? `${this.file} is corrupt`
          : `${this.file} failed`;
    this.close();
    let reason = `history is off: ${why} (${reasonOf(err)}); the live view goes on`;
    if (fault === 'corrupt') reason += `; the file was set aside as ${setAside(this.file, this.#now())}`;
    this.#reason = reason;
    this.#log(`natscope: ${reason}`);
  }
}

interface EventRow {
  id: number;
  at: number;
  kind: 'reading' | 'status' | 'drift';
  pod: string | null;
  backend: string | null;
  stderr: string | null;
  status: string | null;
  code: string | null;
  message: string | null;
  body: Buffer | null;
}

interface ReadingRow {
  id: number;
  at: number;
  shape: string;
  backend: string;
  stderr: string;
  stamps: string;
  counters: Buffer;
  pod: string;
  body: Buffer;
}

function toEvent(r: EventRow): StoredEvent {
  if (r.kind === 'reading')
    return {
      kind: 'reading',
      id: r.id,
      at: r.at,
      pod: r.pod ?? '',
      backend: r.backend ?? 'unknown',
      stderr: r.stderr ?? '',
      change: r.code ?? 'rules',
    };
  if (r.kind === 'status')
    return {
      kind: 'status',
      id: r.id,
      at: r.at,
      status: r.status === 'ok' ? 'ok' : 'error',
      code: r.code,
      message: r.message,
    };
  return {
    kind: 'drift',
    id: r.id,
    at: r.at,
    pod: r.pod ?? '',
    status: r.status ?? 'unknown',
    json: r.body ? inflateSync(r.body).toString('utf8') : '{}',
  };
}

/**
 * Opens `file` as this process's own: WAL, exclusive locking (the lock is taken by the write below and held
 * until close, so a second natscope fails fast with SQLITE_BUSY), incremental vacuum for a new file (so pruning
 * gives space back), and the schema brought up to date. Fails with SQLite's error (corrupt, locked, …).
 */
function openDatabase(file: string, maxPageCount?: number): Database {
  const db = new Sqlite(file, { timeout: 200 });
  try {
    if (maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(maxPageCount)}`);
    db.pragma('locking_mode = EXCLUSIVE');
    if (Number(db.pragma('page_count', { simple: true })) === 0) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('BEGIN IMMEDIATE; COMMIT');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Renames a corrupt database (and its WAL) aside, so a person can look at it; gives the new name. */
function setAside(file: string, now: number): string {
  const aside = `${file}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      if (existsSync(file + suffix) && statSync(file + suffix).isFile()) renameSync(file + suffix, aside + suffix);
    } catch {
      // The main file is what matters; a WAL that cannot be moved is deleted by SQLite with the next open.
    }
  }
  return aside;
}
