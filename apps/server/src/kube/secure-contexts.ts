import { createHash } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import type WebSocket from 'ws';

/**
 * One TLS context per set of credentials: without it every exec builds a new one (parsing the CA and the
 * key), which was the largest single cost of an exec in the fleet benchmark.
 */
export class SecureContexts {
  readonly #byKey = new Map<string, SecureContext>();

  /** The context for the credentials in `opts` (made on first use), and the key that names those credentials. */
  for(opts: WebSocket.ClientOptions): { key: string; context: SecureContext } {
    const key = secureContextKey(opts);
    let context = this.#byKey.get(key);
    if (!context) {
      context = createSecureContext({
        ca: opts.ca,
        cert: opts.cert,
        key: opts.key,
        pfx: opts.pfx,
        passphrase: opts.passphrase,
        ciphers: opts.ciphers,
      });
      this.#byKey.set(key, context);
    }
    return { key, context };
  }
}

/** Identifies a set of TLS credentials (CA, client certificate and key). */
function secureContextKey(o: WebSocket.ClientOptions): string {
  return createHash('sha256')
    .update(
      JSON.stringify(
        [o.ca, o.cert, o.key, o.pfx, o.passphrase, o.ciphers].map((v) => (v === undefined ? null : String(v))),
      ),
    )
    .digest('base64');
}
