import { PassThrough } from 'node:stream';
import type { WebSocket } from 'ws';
import {
  Channel,
  channelFrames,
  exitCodeStatus,
  internalErrorStatus,
  successStatus,
  type ExecProtocol,
} from './exec-protocol.js';
import type { ExecHandler, ExecRequest, ExecResult, PodFault } from './types.js';

/** What an upgraded exec needs: the socket, what was asked, and how the pod answers. */
export interface ExecSessionOptions {
  ws: WebSocket;
  protocol: ExecProtocol;
  request: Omit<ExecRequest, 'stdin' | 'signal'>;
  streams: { stdin: boolean; stdout: boolean; stderr: boolean };
  handler: ExecHandler;
  fault?: PodFault;
  /** Set when the pod is bound to a node but its containers are not running. */
  containerNotRunning?: boolean;
}

const GARBAGE = 'Segmentation fault\n\u0000\u0001<html><body>502 Bad Gateway</body></html>\n*nat\n:PREROUTING ACC';

function faultResult(fault: PodFault | undefined): ExecResult | undefined {
  if (fault === 'garbage') return { stdout: GARBAGE, exitCode: 0 };
  if (fault && typeof fault === 'object' && 'exitCode' in fault)
    return { stdout: '', stderr: fault.stderr ?? '', exitCode: fault.exitCode };
  return undefined;
}

const delay = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Runs one exec over an upgraded WebSocket the way the API server's stream translator does: an empty
 * frame on the lowest requested output channel to say the streams are ready, the output on channels 1
 * and 2, then one status frame on channel 3, then a normal close. Faults bend this sequence on demand.
 */
export async function runExecSession(opts: ExecSessionOptions): Promise<void> {
  const { ws, protocol, request, streams, fault } = opts;
  const abort = new AbortController();
  ws.on('close', () => abort.abort());
  ws.on('error', () => abort.abort());

  let stdin: PassThrough | undefined;
  if (streams.stdin) {
    stdin = new PassThrough();
    stdin.on('error', () => undefined);
    ws.on('close', () => stdin?.end());
  }
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary || data.length === 0) return;
    const channel = data[0];
    if (channel === Channel.stdin && stdin) stdin.write(data.subarray(1));
    // v5 adds the close channel: payload is the channel being half-closed (stdin is the only one a client writes).
    if (protocol === 'v5.channel.k8s.io' && channel === Channel.close && data[1] === Channel.stdin) stdin?.end();
  });

  const send = (channel: number, data: Buffer): void => {
    for (const frame of channelFrames(channel, data)) ws.send(frame);
  };
  const sendStatus = (status: Record<string, unknown>): void => {
    ws.send(Buffer.concat([Buffer.from([Channel.error]), Buffer.from(JSON.stringify(status))]));
  };

  if (fault === 'hang') return; // socket open, nothing ever sent; closed when the client or the sim gives up

  // The readiness frame the real server sends first (an empty payload).
  if (streams.stdout) ws.send(Buffer.from([Channel.stdout]));
  else if (streams.stderr) ws.send(Buffer.from([Channel.stderr]));
  else ws.send(Buffer.from([Channel.error]));

  if (opts.containerNotRunning) {
    sendStatus(internalErrorStatus(`unable to upgrade connection: container not found ("${request.container}")`));
    ws.close(1000);
    return;
  }

  if (fault && typeof fault === 'object' && 'delayMs' in fault) await delay(fault.delayMs, abort.signal);
  if (abort.signal.aborted) return;

  let result: ExecResult;
  try {
    result =
      faultResult(fault) ?? (await opts.handler({ ...request, ...(stdin ? { stdin } : {}), signal: abort.signal }));
  } catch (err) {
    if (abort.signal.aborted) return;
    const message = err instanceof Error ? err.message : String(err);
    sendStatus(internalErrorStatus(`error executing command in container: ${message}`));
    ws.close(1000);
    return;
  }
  if (abort.signal.aborted) return;

  const out = Buffer.from(result.stdout ?? '');
  const err = Buffer.from(result.stderr ?? '');
  if (fault === 'drop') {
    // Part of the output, then the TCP connection is cut: no status frame, no close frame.
    const part = streams.stdout ? channelFrames(Channel.stdout, out.subarray(0, Math.ceil(out.length / 2))) : [];
    // Wait until the partial output is handed to the socket, or terminate() would discard it.
    await Promise.all(part.map((frame) => new Promise<void>((resolve) => ws.send(frame, () => resolve()))));
    ws.terminate();
    return;
  }
  // With a TTY there is no separate stderr: both go to the terminal, i.e. stdout.
  if (request.tty) {
    if (streams.stdout) send(Channel.stdout, Buffer.concat([out, err]));
  } else {
    if (streams.stdout) send(Channel.stdout, out);
    if (streams.stderr) send(Channel.stderr, err);
  }
  const exitCode = result.exitCode ?? 0;
  sendStatus(exitCode === 0 ? successStatus() : exitCodeStatus(request.command, exitCode));
  ws.close(1000);
}
