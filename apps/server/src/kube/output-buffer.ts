import { Writable } from 'node:stream';
import { decodeDumpBytes } from '@natscope/iptables';

/** A limit on what one exec may print; a gateway's dump is far below it, a runaway command is not. */
export const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** One stream of an exec's output, kept in memory up to MAX_OUTPUT_BYTES. */
export interface OutputBuffer {
  stream: Writable;
  text(): string;
  overflow: boolean;
}

/** A Writable that keeps what it is given, up to MAX_OUTPUT_BYTES; past it, `overflow` is set and the rest dropped. */
export function outputBuffer(): OutputBuffer {
  const chunks: Buffer[] = [];
  let size = 0;
  const c: OutputBuffer = {
    overflow: false,
    stream: new Writable({
      write(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > MAX_OUTPUT_BYTES) c.overflow = true;
        else chunks.push(chunk);
        cb();
      },
    }),
    // Not toString('utf8'), which makes a Latin-1 comment's byte U+FFFD: each byte that is not UTF-8 is kept
    // as U+DC00 + byte (decodeDumpBytes), so `raw` and raw.txt give back what the gateway holds.
    text: () => decodeDumpBytes(Buffer.concat(chunks)),
  };
  return c;
}
