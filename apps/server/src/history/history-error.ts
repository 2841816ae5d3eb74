/** Why the history cannot start or had to stop: `message` is the one line the log or the start prints. */
export type HistoryFault = 'unwritable' | 'locked' | 'full' | 'corrupt' | 'failed';

/** A history fault: at start (`unwritable`, `locked`) it stops the server; while running it turns history off. */
export class HistoryError extends Error {
  override readonly name = 'HistoryError';
  constructor(
    readonly fault: HistoryFault,
    message: string,
  ) {
    super(message);
  }
}

/** The fault an error from SQLite or the file system means (better-sqlite3's SqliteError carries SQLite's code). */
export function faultOf(err: unknown): HistoryFault {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'locked';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_WRITE') return 'full';
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'corrupt';
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EROFS')
    return 'unwritable';
  return 'failed';
}

/** The words of an error, on one line. */
export function reasonOf(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
