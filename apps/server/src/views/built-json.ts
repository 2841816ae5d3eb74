import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/** A JSON body built once and served to many clients: its bytes, its ETag, and (on first demand) the gzipped bytes. */
export interface BuiltJson {
  body: Buffer;
  etag: string;
  gzip(): Buffer;
}

/** Wraps serialised JSON; the gzip is made once, the first time a client accepts it. */
export function builtJson(json: string, etag: string): BuiltJson {
  const body = Buffer.from(json);
  let gzipped: Buffer | null = null;
  return { body, etag, gzip: () => (gzipped ??= gzipSync(body, { level: 1 })) };
}

/**
 * Sends a built body uncached-but-revalidated: with its ETag (Express answers 304 when the client has it),
 * gzipped for clients that accept it (the two encodings get different ETags, as HTTP wants).
 */
export function sendBuilt(req: Request, res: Response, built: BuiltJson): void {
  res.set({ 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' }).type('application/json');
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    res.set({ 'Content-Encoding': 'gzip', ETag: `${built.etag.slice(0, -1)}-gz"` }).send(built.gzip());
    return;
  }
  res.set('ETag', built.etag).send(built.body);
}
