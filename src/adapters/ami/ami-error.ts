import type { AmiMessage } from './ami-message.js';

/** Stable codes; callers and tests branch on `code`, never on the message text. */
export type AmiErrorCode = 'AMI_NOT_CONNECTED' | 'AMI_TIMEOUT' | 'AMI_ACTION_FAILED' | 'AMI_AUTH_FAILED';

export class AmiError extends Error {
  override readonly name = 'AmiError';

  constructor(
    readonly code: AmiErrorCode,
    message: string,
    /** Asterisk's `Response: Error` message itself, when there was one (a failed CLI command's output is in it). */
    readonly response?: AmiMessage,
  ) {
    super(message);
  }
}
