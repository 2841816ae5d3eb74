import { connect, type SecureContext, type TLSSocket } from 'node:tls';

/** Where an exec connects and with which TLS settings: what ws would pass to tls.connect itself. */
export interface TlsEndpoint {
  host: string;
  port: number;
  /** SNI; '' for an IP address (as ws does). */
  servername: string;
  secureContext: SecureContext;
  rejectUnauthorized: boolean;
}

export interface WarmConnectionsOptions {
  /**
   * An idle connection older than this is closed instead of used. Default 5 s: far inside the time an API
   * server waits for the first request on a new connection (kube-apiserver: 32 s).
   */
  maxIdleMs?: number;
  /** Never more idle connections than this, whatever is asked. Default 64. */
  max?: number;
}

interface Idle {
  socket: TLSSocket;
  timer: NodeJS.Timeout;
}

/**
 * TLS connections to one API server, opened before the execs that will use them. Every exec is a WebSocket
 * upgrade and so needs a connection of its own; opened on demand, its TCP and TLS handshakes (about a
 * millisecond of CPU on each side, and two round trips) sit in the exec's critical path, and when many
 * execs start together they queue behind each other. Opened ahead, while earlier execs wait on their pods,
 * they are ready when a slot frees. The last TLS session is reused, so most handshakes are resumptions.
 */
export class WarmConnections {
  private readonly idle: Idle[] = [];
  private readonly maxIdleMs: number;
  private readonly max: number;
  private session: Buffer | undefined;
  /** Connections handed out that were opened ahead, and those opened on the spot. */
  readonly stats = { warm: 0, cold: 0 };

  constructor(
    private readonly endpoint: TlsEndpoint,
    opts: WarmConnectionsOptions = {},
  ) {
    this.maxIdleMs = opts.maxIdleMs ?? 5000;
    this.max = opts.max ?? 64;
  }

  /** How many connections wait, opened or opening. */
  get size(): number {
    return this.idle.length;
  }

  /** A connection opened ahead (it may still be handshaking), or a new one. */
  take(): TLSSocket {
    const next = this.idle.shift();
    if (next) {
      clearTimeout(next.timer);
      next.socket.ref();
      this.stats.warm++;
      return next.socket;
    }
    this.stats.cold++;
    return this.open();
  }

  /** Opens or closes idle connections until `count` (at most `max`) wait. */
  keep(count: number): void {
    const target = Math.max(0, Math.min(this.max, Math.floor(count)));
    while (this.idle.length > target) this.drop(this.idle[this.idle.length - 1] as Idle);
    while (this.idle.length < target) {
      const socket = this.open();
      socket.unref(); // an idle connection never keeps the process alive
      const entry: Idle = { socket, timer: setTimeout(() => this.drop(entry), this.maxIdleMs).unref() };
      // A connection that fails or is closed while it waits just leaves the pool; the exec that would have
      // taken it opens its own, and reports that connection's error if there is one.
      socket.on('close', () => this.drop(entry));
      this.idle.push(entry);
    }
  }

  /** Closes every idle connection. */
  close(): void {
    this.keep(0);
  }

  private open(): TLSSocket {
    const { host, port, servername, secureContext, rejectUnauthorized } = this.endpoint;
    const socket = connect({ host, port, servername, secureContext, rejectUnauthorized, session: this.session });
    socket.on('session', (session: Buffer) => (this.session = session));
    // Errors reach the request that uses the socket; one on an idle socket must not crash the process.
    socket.on('error', () => undefined);
    return socket;
  }

  private drop(entry: Idle): void {
    const i = this.idle.indexOf(entry);
    if (i === -1) return;
    this.idle.splice(i, 1);
    clearTimeout(entry.timer);
    entry.socket.destroy();
  }
}
