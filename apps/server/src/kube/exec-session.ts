import { Exec, type KubeConfig, type V1Status } from '@kubernetes/client-node';
// The handler is client-node's own; importing it directly lets us hand it a socket factory (below).
import { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js';
import type { SecureContext } from 'node:tls';
import WebSocket from 'ws';
import { CollectError } from '../collector/collect-error.js';
import { describeCause, refusedError, statusResult } from './exec-errors.js';
import type { ExecRequest, ExecResult } from './gateway-cluster.js';
import { MAX_OUTPUT_BYTES, outputBuffer } from './output-buffer.js';

/** Sets up the options of an exec's WebSocket before it connects (TLS context, a connection opened ahead). */
export type PrepareSocket = (uri: string, opts: WebSocket.ClientOptions & { secureContext?: SecureContext }) => void;

/**
 * One exec through client-node's Exec, as a state machine that settles exactly once: on the status frame, on
 * our own timeout (the socket is closed), when the output passes MAX_OUTPUT_BYTES, when the API server refuses
 * the upgrade (its Status body is read first: 403 names the missing RBAC, 400 a missing container), or when the
 * stream closes without a status (client-node's callback would then never fire).
 */
export function execSession(kc: KubeConfig, req: ExecRequest, prepare: PrepareSocket): Promise<ExecResult> {
  const target = `${req.namespace}/${req.pod}`;
  let socket: WebSocket | null = null;
  let refused: { status: number; body: string } | null = null;
  let refusal: Promise<void> | null = null;

  return new Promise<ExecResult>((resolve, reject) => {
    const stdout = outputBuffer();
    const stderr = outputBuffer();
    let status: V1Status | null = null;
    let failure: unknown = null;
    let done = false;

    const settle = (why: 'status' | 'timeout' | 'closed' | 'error'): void => {
      if (done) return;
      if (why === 'closed' && refusal && !refused) return; // the refusal body is still arriving
      done = true;
      clearTimeout(timer);
      if (why === 'timeout') {
        socket?.terminate();
        reject(
          new CollectError(
            'exec-timeout',
            `${target}: the gateway command did not finish within ${req.timeoutMs / 1000} s; the exec was closed`,
            stderr.text(),
          ),
        );
        return;
      }
      if (stdout.overflow || stderr.overflow) {
        socket?.terminate();
        reject(
          new CollectError(
            'exec-failed',
            `${target}: the gateway command printed more than ${MAX_OUTPUT_BYTES / 1048576} MiB; the exec was closed`,
          ),
        );
        return;
      }
      if (status) {
        const result = statusResult(status, stdout.text(), stderr.text(), target, req.container);
        if (result instanceof CollectError) reject(result);
        else resolve(result);
        return;
      }
      if (refused) {
        reject(refusedError(refused, target, req));
        return;
      }
      if (why === 'closed') {
        reject(
          new CollectError(
            'exec-failed',
            `${target}: the API server closed the exec stream before the command reported its exit status`,
            stderr.text(),
          ),
        );
        return;
      }
      reject(new CollectError('exec-failed', `${target}: exec failed: ${describeCause(failure)}`, stderr.text()));
    };

    const factory = (
      uri: string,
      protocols: string[],
      opts: WebSocket.ClientOptions & { secureContext?: SecureContext },
    ): WebSocket => {
      prepare(uri, opts);
      const ws = new WebSocket(uri, protocols, opts);
      ws.on('unexpected-response', (_request, response) => {
        // The API server refused the upgrade; its Status body says why. Read it, then fail the handshake.
        refusal = readBody(response).then((body) => {
          refused = { status: response.statusCode ?? 0, body };
          ws.terminate();
        });
      });
      ws.on('close', () => setImmediate(() => settle('closed')));
      socket = ws;
      return ws;
    };

    const timer = setTimeout(() => settle('timeout'), req.timeoutMs);
    const exec = new Exec(kc, new WebSocketHandler(kc, factory));
    exec
      .exec(req.namespace, req.pod, req.container, [...req.command], stdout.stream, stderr.stream, null, false, (s) => {
        status = s;
        settle('status');
      })
      .catch((err: unknown) => {
        failure = err;
        // A refused upgrade rejects after its body was read (terminate() runs then); other errors are final.
        if (refusal) void refusal.then(() => settle('error'));
        else settle('error');
      });
  });
}

/** The body of a refused upgrade, at most 64 KiB of it. */
function readBody(res: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 65536) chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
