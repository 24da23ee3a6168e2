// Every error answer has the same shape and a stable code: { error: { code, message } }.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

export function handleError(error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof HttpError) {
    void reply.status(error.statusCode).send(errorBody(error.code, error.message));
    return;
  }
  const sqliteCode = (error as { code?: unknown }).code;
  if (sqliteCode === 'SQLITE_BUSY' || sqliteCode === 'SQLITE_LOCKED' || sqliteCode === 'SQLITE_FULL') {
    // Nothing was changed (the statement did not run); the client may try again shortly.
    request.log.warn({ err: error }, 'storage busy or full');
    void reply.status(503).header('retry-after', '1').send(errorBody('STORAGE_BUSY', 'The database is busy or full; try again in a moment'));
    return;
  }
  if (error.validation) {
    void reply.status(400).send(errorBody('REQUEST_INVALID', error.message));
    return;
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    void reply.status(error.statusCode).send(errorBody(error.code ?? 'REQUEST_REJECTED', error.message));
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.status(500).send(errorBody('INTERNAL', 'Internal error'));
}
