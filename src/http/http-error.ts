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

// Fastify's own refusals, answered under the product's codes: clients match on one vocabulary.
const FASTIFY_CODES: Readonly<Record<string, HttpErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_BODY_INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_BODY_EMPTY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_BODY_LENGTH_MISMATCH',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST_MEDIA_TYPE_UNSUPPORTED',
  FST_ERR_CTP_INVALID_TYPE: 'REQUEST_MEDIA_TYPE_UNSUPPORTED',
  FST_ERR_CTP_INVALID_PARSE_TYPE: 'REQUEST_MEDIA_TYPE_UNSUPPORTED',
  FST_ERR_BAD_URL: 'REQUEST_URL_INVALID',
  FST_ERR_MAX_PARAM_LENGTH: 'REQUEST_URL_TOO_LONG',
};

/** The product's code for an error Fastify or a plugin raised with a 4xx. */
export function codeOfRefusal(code: unknown): HttpErrorCode {
  if (typeof code === 'string' && Object.hasOwn(FASTIFY_CODES, code)) return FASTIFY_CODES[code] as HttpErrorCode;
  return isHttpErrorCode(code) ? code : 'REQUEST_REJECTED';
}

const SQLITE_UNAVAILABLE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL']);
// PostgreSQL's SQLSTATE classes for a server that cannot take the statement now: 08 connection,
// 53 insufficient resources (disk full), 57 operator intervention (shutdown, statement timeout),
// 40 transaction rollback (serialization, deadlock), 55P03 lock not available. Our own codes for
// the same (adapters/pg/pg-error.ts) and the driver's socket errors count too.
const PG_UNAVAILABLE_CLASSES = ['08', '53', '57', '40'];
const UNAVAILABLE_CODES = new Set(['55P03', 'PG_UNREACHABLE', 'PG_TIMEOUT', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/**
 * Whether the database could not take the request now (busy, locked, full, unreachable, timed out):
 * nothing was changed and the client may try again. Looks through the error's causes, since the
 * query builder wraps the driver's error.
 */
export function storageUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (SQLITE_UNAVAILABLE.has(code) || UNAVAILABLE_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && PG_UNAVAILABLE_CLASSES.includes(code.slice(0, 2))))) return true;
    // node-postgres's pool says this when no connection opens within its timeout (no code).
    if (e instanceof Error && /timeout exceeded when trying to connect|Connection terminated/.test(e.message)) return true;
  }
  return false;
}

export function handleError(error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof HttpError) {
    void sendError(reply, error.code, error.message);
    return;
  }
  if (storageUnavailable(error)) {
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
    const code = codeOfRefusal(error.code);
    void sendError(reply, code, code === 'REQUEST_REJECTED' ? error.message : HTTP_ERRORS[code].message, code === 'REQUEST_REJECTED' ? error.statusCode : HTTP_ERRORS[code].status);
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void sendError(reply, 'INTERNAL');
}
