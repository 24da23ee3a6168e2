// A Redis failure under a stable code. Messages name host and port only, never the password.

export type RedisErrorCode =
  /** The connection did not open (nothing listening, refused, or past the connect timeout). */
  | 'REDIS_UNREACHABLE'
  /** The client is between connections: the command was refused at once, not queued for later. */
  | 'REDIS_UNAVAILABLE'
  /** No reply within the command's timeout: the server may or may not have run it. */
  | 'REDIS_TIMEOUT'
  /** Redis answered with an error (a script's, a wrong type, a refused command). */
  | 'REDIS_REPLY_ERROR'
  | 'REDIS_BAD_URL';

export class RedisError extends Error {
  override readonly name = 'RedisError';

  constructor(
    readonly code: RedisErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Where a Redis URL points, for messages and logs. */
export function describeRedis(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '6379'}`;
  } catch {
    return 'an unparsable address';
  }
}

// node-redis names its failures by class; we read the name so this file does not depend on its
// class identities (one copy of the package may be loaded twice by a bundler).
const UNAVAILABLE = new Set(['ClientOfflineError', 'ClientClosedError', 'SocketClosedUnexpectedlyError', 'DisconnectsClientError']);
const TIMED_OUT = new Set(['TimeoutError', 'TimeoutReadError', 'SocketTimeoutError']);
const REPLY = new Set(['ErrorReply', 'SimpleError', 'BlobError']);

export function redisErrorOf(error: unknown, url: string, during: string): RedisError {
  if (error instanceof RedisError) return error;
  const name = error instanceof Error ? error.constructor.name : '';
  const reason = error instanceof Error ? error.message : String(error);
  const where = describeRedis(url);
  if (TIMED_OUT.has(name)) return new RedisError('REDIS_TIMEOUT', `${during}: ${where} did not answer in time`, { cause: error });
  if (UNAVAILABLE.has(name)) return new RedisError('REDIS_UNAVAILABLE', `${during}: not connected to ${where}: ${reason}`, { cause: error });
  if (REPLY.has(name)) return new RedisError('REDIS_REPLY_ERROR', `${during}: ${where} answered: ${reason}`, { cause: error });
  return new RedisError('REDIS_UNREACHABLE', `${during}: ${where}: ${reason}`, { cause: error });
}
