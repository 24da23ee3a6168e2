/** Stable codes; callers and tests branch on `code`, never on the message text. */
export type AriErrorCode =
  | 'ARI_HTTP_ERROR'
  | 'ARI_TIMEOUT'
  | 'ARI_UNREACHABLE'
  | 'ARI_NOT_FOUND'
  | 'ARI_CONFLICT'
  | 'ARI_BAD_RESPONSE';

export interface AriErrorDetails {
  readonly method: string;
  /** Path below the ARI base URL (never the full URL, so no host credentials can leak). */
  readonly path: string;
  readonly status?: number;
  readonly cause?: unknown;
}

/** A failed ARI REST request. The message names method, path and Asterisk's reason, never a credential. */
export class AriError extends Error {
  override readonly name = 'AriError';
  readonly method: string;
  readonly path: string;
  readonly status?: number;

  constructor(
    readonly code: AriErrorCode,
    message: string,
    details: AriErrorDetails,
  ) {
    super(`${details.method} ${details.path}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = details.method;
    this.path = details.path;
    if (details.status !== undefined) this.status = details.status;
  }
}

/** The request found nothing at its path: the channel, playback or bridge is gone, or never was. */
export function isAriNotFound(error: unknown): error is AriError {
  return error instanceof AriError && error.code === 'ARI_NOT_FOUND';
}

/**
 * Awaits a request whose aim is met by its object being gone already (a hang-up, a stop, a bridge
 * deleted): "not found" counts as done, any other failure is thrown on.
 */
export async function doneIfGone(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (!isAriNotFound(error)) throw error;
  }
}
