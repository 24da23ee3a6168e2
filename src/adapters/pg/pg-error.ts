// A PostgreSQL failure under a stable code. The message never carries the connection string (its
// password): only the host, port and database it names.

export type PgErrorCode =
  /** Nothing answered at the address, or the connection did not open within its timeout. */
  | 'PG_UNREACHABLE'
  /** The server refused who we are (password, role, database missing). */
  | 'PG_AUTH_FAILED'
  /** A statement ran longer than its timeout and was cancelled by the server. */
  | 'PG_TIMEOUT'
  /** The schema could not be brought up to date (a migration failed). */
  | 'PG_MIGRATION_FAILED'
  /** The connection string is not one. */
  | 'PG_BAD_URL';

export class PgError extends Error {
  override readonly name = 'PgError';

  constructor(
    readonly code: PgErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Where a connection string points, for messages and logs: never its user's password. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    return 'an unparsable address';
  }
}

// SQLSTATE classes (PostgreSQL's appendix "Error Codes"): 28 = invalid authorization, 3D000 = no such
// database; 57014 = query_canceled (statement_timeout).
const AUTH_STATES = new Set(['28000', '28P01', '3D000']);

/** A driver failure as one of our codes, keeping the driver's error as its cause. */
export function pgErrorOf(error: unknown, url: string, during: string): PgError {
  if (error instanceof PgError) return error;
  const state = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const reason = error instanceof Error ? error.message : String(error);
  const target = describeTarget(url);
  if (AUTH_STATES.has(state)) return new PgError('PG_AUTH_FAILED', `${during}: ${target} refused us (${state}): ${reason}`, { cause: error });
  if (state === '57014') return new PgError('PG_TIMEOUT', `${during}: ${target}: ${reason}`, { cause: error });
  return new PgError('PG_UNREACHABLE', `${during}: ${target} did not answer: ${reason}`, { cause: error });
}
