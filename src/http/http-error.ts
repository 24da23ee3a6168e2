// Every error answer has the same shape and a stable code from the catalogue: { error: { code, message } }.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../contract/api/error-body.js';
import { HTTP_ERRORS, isHttpErrorCode, type HttpErrorCode } from './error-catalogue.js';

export class HttpError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: HttpErrorCode,
    message: string = HTTP_ERRORS[code].message,
  ) {
    super(message);
    this.statusCode = HTTP_ERRORS[code].status;
  }
}

/** `throw httpError('CALL_NOT_FOUND')`, or with a detail in place of the default message. */
export function httpError(code: HttpErrorCode, message?: string): HttpError {
  return new HttpError(code, message);
}

function errorBody(code: HttpErrorCode, message: string = HTTP_ERRORS[code].message): ErrorBody {
  return { error: { code, message } };
}

/** Sends a catalogued error outside a throw (not-found handler, framework errors, plugins). */
export function sendError(reply: FastifyReply, code: HttpErrorCode, message?: string, status: number = HTTP_ERRORS[code].status): FastifyReply {
  return reply.status(status).send(errorBody(code, message));
}

export function handleError(error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof HttpError) {
    void sendError(reply, error.code, error.message);
    return;
  }
  const sqliteCode = (error as { code?: unknown }).code;
  if (sqliteCode === 'SQLITE_BUSY' || sqliteCode === 'SQLITE_LOCKED' || sqliteCode === 'SQLITE_FULL') {
    // Nothing was changed (the statement did not run); the client may try again shortly.
    request.log.warn({ err: error }, 'storage busy or full');
    void sendError(reply.header('retry-after', '1'), 'STORAGE_BUSY');
    return;
  }
  if (error.validation) {
    void sendError(reply, 'REQUEST_INVALID', error.message);
    return;
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's and its plugins' refusals keep their status; a code outside the table is not passed on.
    void sendError(reply, isHttpErrorCode(error.code) ? error.code : 'REQUEST_REJECTED', error.message, error.statusCode);
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void sendError(reply, 'INTERNAL');
}
