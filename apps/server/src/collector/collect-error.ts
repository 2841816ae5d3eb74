import type { ErrorCode, GatewayError } from '@natscope/api';

/** Why a gateway pod could not be read: one of Contract 3's codes and a message naming the pod and the cause. */
export class CollectError extends Error {
  override readonly name = 'CollectError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Whatever the command wrote to stderr before it failed (kept: it is often the explanation). */
    readonly stderr = '',
  ) {
    super(message);
  }

  /** The `{code, message}` the API serves. */
  toJSON(): GatewayError {
    return { code: this.code, message: this.message };
  }
}
