// Stable codes of the SMPP adapter; the service branches on `code` and `transient`, never on words.
// Messages name the host and the command, never the system id's password.
import type { TextGatewayFailure } from '../../app/ports/text-messages.js';

export type SmppErrorCode =
  /** No bound link to the message centre now (connecting, reconnecting, stopped). */
  | 'SMPP_NOT_BOUND'
  /** A request got no answer in time, or the link dropped before it did. */
  | 'SMPP_TIMEOUT'
  /** The centre refused the bind: wrong system id or password, or not allowed. */
  | 'SMPP_BIND_REFUSED'
  /** The centre is busy (ESME_RTHROTTLED, ESME_RMSGQFUL) or failed inside (ESME_RSYSERR). */
  | 'SMPP_BUSY'
  /** The centre refused this message for good (a bad number, a refused text). */
  | 'SMPP_REFUSED'
  /** The text does not fit in one submit_sm even as message_payload. */
  | 'SMPP_TEXT_TOO_LONG';

const TRANSIENT: readonly SmppErrorCode[] = ['SMPP_NOT_BOUND', 'SMPP_TIMEOUT', 'SMPP_BUSY'];

export class SmppError extends Error implements TextGatewayFailure {
  override readonly name = 'SmppError';
  readonly transient: boolean;

  constructor(
    readonly code: SmppErrorCode,
    message: string,
    /** The centre's command_status when it answered with one. */
    readonly commandStatus?: number,
  ) {
    super(message);
    this.transient = TRANSIENT.includes(code);
  }
}

// SMPP 3.4 §5.1.3: the statuses that say "later", not "never".
const BUSY_STATUSES = new Set([0x08, 0x14, 0x58]);

/** A non-zero command_status of submit_sm_resp as an error. */
export function submitRefusal(status: number): SmppError {
  const hex = `0x${status.toString(16).padStart(8, '0')}`;
  if (BUSY_STATUSES.has(status)) return new SmppError('SMPP_BUSY', `the message centre is busy (command_status ${hex})`, status);
  return new SmppError('SMPP_REFUSED', `the message centre refused the message (command_status ${hex})`, status);
}
