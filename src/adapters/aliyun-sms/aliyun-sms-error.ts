// Stable codes of the Alibaba Cloud SMS adapter. `platformCode` keeps the platform's own word
// (isv.MOBILE_NUMBER_ILLEGAL, SignatureDoesNotMatch…); messages never carry the AccessKey secret.
import type { TextGatewayFailure } from '../../app/ports/text-messages.js';

export type AliyunSmsErrorCode =
  /** No answer within the time limit: the message may or may not have been taken. */
  | 'SMS_PLATFORM_TIMEOUT'
  /** The platform could not be reached (refused, reset, name not found). */
  | 'SMS_PLATFORM_UNREACHABLE'
  /** A 5xx, or an answer that is not the platform's JSON. */
  | 'SMS_PLATFORM_FAILED'
  /** Flow control (isv.BUSINESS_LIMIT_CONTROL, Throttling…): later. */
  | 'SMS_PLATFORM_THROTTLED'
  /** The AccessKey or the signature was refused: the settings are wrong, no message will pass. */
  | 'SMS_PLATFORM_AUTH_FAILED'
  /** The platform refused this message for good (template, signature, number, parameters). */
  | 'SMS_PLATFORM_REFUSED';

const TRANSIENT: readonly AliyunSmsErrorCode[] = ['SMS_PLATFORM_TIMEOUT', 'SMS_PLATFORM_UNREACHABLE', 'SMS_PLATFORM_FAILED', 'SMS_PLATFORM_THROTTLED'];

export class AliyunSmsError extends Error implements TextGatewayFailure {
  override readonly name = 'AliyunSmsError';
  readonly transient: boolean;

  constructor(
    readonly code: AliyunSmsErrorCode,
    message: string,
    readonly platformCode?: string,
    readonly status?: number,
  ) {
    super(message);
    this.transient = TRANSIENT.includes(code);
  }
}

const AUTH_CODES = /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|Forbidden|isp\.RAM_PERMISSION_DENY|InvalidTimeStamp|SignatureNonceUsed)/;
const THROTTLE_CODES = /^(isv\.BUSINESS_LIMIT_CONTROL|Throttling|isv\.DAY_LIMIT_CONTROL|isp\.SYSTEM_ERROR)/;

/** The platform's answer `{ Code, Message }` that was not OK, as an error. */
export function platformRefusal(status: number, code: string, message: string): AliyunSmsError {
  const words = `${code}: ${message}`;
  if (status >= 500) return new AliyunSmsError('SMS_PLATFORM_FAILED', `the SMS platform failed (HTTP ${status}, ${words})`, code, status);
  if (AUTH_CODES.test(code)) return new AliyunSmsError('SMS_PLATFORM_AUTH_FAILED', `the SMS platform refused our credentials (${words})`, code, status);
  if (THROTTLE_CODES.test(code)) return new AliyunSmsError('SMS_PLATFORM_THROTTLED', `the SMS platform asks to slow down (${words})`, code, status);
  return new AliyunSmsError('SMS_PLATFORM_REFUSED', `the SMS platform refused the message (${words})`, code, status);
}
