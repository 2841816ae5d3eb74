/** The WebSocket subprotocols the sim speaks for exec, in the names clients offer. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

/** One of EXEC_PROTOCOLS. */
export type ExecProtocol = (typeof EXEC_PROTOCOLS)[number];

/** Channel numbers of the channel.k8s.io protocols (the first byte of every binary frame). */
export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** The real server writes stream data in io.Copy-sized pieces; clients must reassemble them. */
const CHUNK = 32 * 1024;

/** Splits data into channel-prefixed frames of at most 32 KiB of payload. */
export function channelFrames(channel: number, data: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  for (let at = 0; at < data.length; at += CHUNK) {
    frames.push(Buffer.concat([Buffer.from([channel]), data.subarray(at, at + CHUNK)]));
  }
  return frames;
}

/** Picks the protocol the way the server's handshake does: the client's first offer that it supports. */
export function negotiateProtocol(offered: Iterable<string>): ExecProtocol | undefined {
  for (const p of offered) {
    const found = EXEC_PROTOCOLS.find((e) => e === p.trim());
    if (found) return found;
  }
  return undefined;
}

/** The status (channel 3) of a command that exited 0. */
export function successStatus(): Record<string, unknown> {
  return { metadata: {}, status: 'Success' };
}

/** The status of a command that exited non-zero: reason NonZeroExitCode with the code as an ExitCode cause. */
export function exitCodeStatus(command: readonly string[], exitCode: number): Record<string, unknown> {
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/** The status of an exec the runtime could not run at all (the server reports it as InternalError, 500). */
export function internalErrorStatus(message: string): Record<string, unknown> {
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    code: 500,
  };
}
