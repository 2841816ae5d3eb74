import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createSecureContext, createServer, type Server, type TLSSocket } from 'node:tls';
import { simCertificates } from '@natscope/kube-sim';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WarmConnections, type TlsEndpoint } from './warm-connections.js';

// A real TLS server with kube-sim's CA and serving certificate; the pool's sockets are real connections to it.

let server: Server;
let endpoint: TlsEndpoint;
/** Server-side sockets, in the order their handshakes finished. */
const accepted: TLSSocket[] = [];
const pools: WarmConnections[] = [];

beforeAll(async () => {
  const certs = await simCertificates();
  server = createServer({ cert: certs.serverCert, key: certs.serverKey }, (socket) => {
    accepted.push(socket);
    socket.on('error', () => undefined);
    socket.on('data', (d) => socket.write(`echo ${String(d)}`));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  endpoint = {
    host: '127.0.0.1',
    port,
    servername: '',
    secureContext: createSecureContext({ ca: certs.caCert }),
    rejectUnauthorized: true,
  };
});

afterEach(() => {
  for (const p of pools.splice(0)) p.close();
  for (const s of accepted.splice(0)) s.destroy();
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

function pool(opts?: ConstructorParameters<typeof WarmConnections>[1]): WarmConnections {
  const p = new WarmConnections(endpoint, opts);
  pools.push(p);
  return p;
}

async function roundTrip(socket: TLSSocket): Promise<string> {
  socket.write('ping');
  const [data] = (await once(socket, 'data')) as [Buffer];
  return String(data);
}

describe('WarmConnections', () => {
  it('opens the connections asked for ahead of use, handshakes included', async () => {
    const p = pool();
    p.keep(3);
    expect(p.size).toBe(3);
    await expect.poll(() => accepted.length).toBe(3);
  });

  it('hands out a connection opened ahead, verified against the CA, that carries data', async () => {
    const p = pool();
    p.keep(1);
    await expect.poll(() => accepted.length).toBe(1);
    const socket = p.take();
    expect(p.stats).toEqual({ warm: 1, cold: 0 });
    expect(p.size).toBe(0);
    expect(await roundTrip(socket)).toBe('echo ping');
    expect(socket.authorized).toBe(true);
    socket.destroy();
  });

  it('opens a connection on the spot when none waits', async () => {
    const p = pool();
    const socket = p.take();
    expect(p.stats).toEqual({ warm: 0, cold: 1 });
    expect(await roundTrip(socket)).toBe('echo ping');
    socket.destroy();
  });

  it('closes connections no longer expected', async () => {
    const p = pool();
    p.keep(3);
    await expect.poll(() => accepted.length).toBe(3);
    p.keep(1);
    expect(p.size).toBe(1);
    await expect.poll(() => accepted.filter((s) => s.destroyed || s.readableEnded).length).toBe(2);
  });

  it('never keeps more than its maximum, whatever is asked', () => {
    const p = pool({ max: 2 });
    p.keep(100);
    expect(p.size).toBe(2);
  });

  it('closes an idle connection when it is older than maxIdleMs, instead of handing it out', async () => {
    const p = pool({ maxIdleMs: 50 });
    p.keep(1);
    await expect.poll(() => p.size).toBe(0);
    p.take().destroy();
    expect(p.stats).toEqual({ warm: 0, cold: 1 });
  });

  it('drops a connection the server closes while it waits', async () => {
    const p = pool();
    p.keep(1);
    await expect.poll(() => accepted.length).toBe(1);
    accepted[0]?.destroy();
    await expect.poll(() => p.size).toBe(0);
  });

  it('resumes the TLS session of an earlier connection', async () => {
    const p = pool();
    const first = p.take();
    await roundTrip(first); // TLS 1.3 sends the session ticket after the handshake
    first.destroy();
    p.keep(1);
    const second = p.take();
    await once(second, 'secureConnect');
    expect(second.isSessionReused()).toBe(true);
    second.destroy();
  });

  it('reports a server its CA does not vouch for on the connection that is used', async () => {
    const other = new WarmConnections({ ...endpoint, secureContext: createSecureContext({}) });
    pools.push(other);
    other.keep(1);
    const socket = other.take();
    const [err] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
    expect(err.code).toMatch(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/);
  });
});
