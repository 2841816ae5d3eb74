import { request } from 'node:https';
import WebSocket from 'ws';
import type { KubeSim } from '../src/index.js';

/** A plain HTTPS GET (or other method) against the sim, returning status, headers and parsed body. */
export function rawRequest(
  sim: KubeSim,
  path: string,
  opts: { method?: string; token?: string | null; accept?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; contentType: string; text: string; json: () => Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token === undefined ? sim.token : opts.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (opts.accept) headers.accept = opts.accept;
    const req = request(`${sim.url}${path}`, { method: opts.method ?? 'GET', ca: sim.caCert, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          text,
          json: () => JSON.parse(text) as Record<string, unknown>,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** What a raw WebSocket exec saw: every frame, the assembled streams, the status and how the socket ended. */
export interface RawExecResult {
  httpStatus?: number;
  httpBody?: string;
  protocol?: string;
  frames: { channel: number; length: number }[];
  stdout: string;
  stderr: string;
  status?: Record<string, unknown>;
  closeCode?: number;
  /** True when the test gave up waiting (the socket was still open). */
  timedOut: boolean;
}

/** Opens an exec WebSocket the way client-go does and records everything until close or timeout. */
export function rawExec(
  sim: KubeSim,
  path: string,
  opts: { protocols?: string[]; token?: string; stdin?: string; closeStdin?: boolean; timeoutMs?: number } = {},
): Promise<RawExecResult> {
  return new Promise((resolve) => {
    const result: RawExecResult = { frames: [], stdout: '', stderr: '', timedOut: false };
    const ws = new WebSocket(
      `${sim.url.replace('https', 'wss')}${path}`,
      opts.protocols ?? ['v5.channel.k8s.io', 'v4.channel.k8s.io'],
      {
        ca: sim.caCert,
        headers: { authorization: `Bearer ${opts.token ?? sim.token}` },
      },
    );
    const timer = setTimeout(() => {
      result.timedOut = true;
      ws.terminate();
    }, opts.timeoutMs ?? 3000);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      result.stdout = Buffer.concat(out).toString('utf8');
      result.stderr = Buffer.concat(err).toString('utf8');
      resolve(result);
    };
    ws.on('unexpected-response', (_req, res) => {
      result.httpStatus = res.statusCode;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        result.httpBody = Buffer.concat(chunks).toString('utf8');
        finish();
      });
    });
    ws.on('open', () => {
      result.protocol = ws.protocol;
      if (opts.stdin !== undefined) ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(opts.stdin)]));
      if (opts.closeStdin) ws.send(Buffer.from([255, 0]));
    });
    ws.on('message', (data: Buffer) => {
      const channel = data[0] ?? -1;
      result.frames.push({ channel, length: data.length - 1 });
      const payload = data.subarray(1);
      if (channel === 1) out.push(payload);
      if (channel === 2) err.push(payload);
      if (channel === 3 && payload.length > 0)
        result.status = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    });
    ws.on('close', (code) => {
      result.closeCode = code;
      finish();
    });
    ws.on('error', () => finish());
  });
}

/** The exec path for a pod with the given argv and options. */
export function execPath(
  namespace: string,
  pod: string,
  command: string[],
  extra: Record<string, string> = {},
): string {
  const q = new URLSearchParams();
  for (const c of command) q.append('command', c);
  q.set('stdout', 'true');
  q.set('stderr', 'true');
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/exec?${q.toString()}`;
}
