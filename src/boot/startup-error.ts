// Why the server did not start, under a stable code per cause. A failure nobody recognised keeps
// its own words under STARTUP_FAILED: it is never filed under the code of whatever was loading.

export type StartupCode =
  | 'PBX_NOT_CONFIGURED'
  | 'PBX_SECRET_WEAK'
  | 'PBX_UNREACHABLE'
  | 'DATABASE_UNAVAILABLE'
  | 'REDIS_UNAVAILABLE'
  | 'FLOWS_INVALID'
  | 'ACD_CONFIG_INVALID'
  | 'CATEGORIES_INVALID'
  | 'USERS_INVALID'
  | 'USERS_DEMO_PASSWORD'
  | 'USERS_UNIT_UNKNOWN'
  | 'DISPATCH_RULES_INVALID'
  | 'RESPONSIBILITIES_INVALID'
  | 'KNOWLEDGE_FILES_INVALID'
  | 'QA_FORMS_INVALID'
  | 'CALENDAR_INVALID'
  | 'SMS_TEMPLATES_INVALID'
  | 'KNOWLEDGE_SYNONYMS_INVALID'
  | 'KNOWLEDGE_WORDS_INVALID'
  | 'HOTSPOT_SEASONS_INVALID'
  | 'STARTUP_FAILED';

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export class StartupError extends Error {
  constructor(
    readonly code: StartupCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StartupError';
  }

  /** A StartupError as it is; anything else as STARTUP_FAILED, saying what it was and during what. */
  static unrecognised(error: unknown, during: string): StartupError {
    if (error instanceof StartupError) return error;
    return new StartupError('STARTUP_FAILED', `${during}: ${describe(error)}`, { cause: error });
  }
}
