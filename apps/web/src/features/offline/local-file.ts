// Apart from local-reading.ts: the page needs these without the parser and the model the worker holds.

/** What the page says about where a local reading comes from. */
export interface LocalFile {
  /** The file's name, or `pasted text`. */
  name: string;
  /** Its size in bytes as given. */
  size: number;
  /** When it was read (ISO 8601). */
  readAt: string;
}

/** A file the user chose or dropped, as the page describes it, read now. */
export function localFileOf(file: { name: string; size: number }): LocalFile {
  return { name: file.name, size: file.size, readAt: new Date().toISOString() };
}
