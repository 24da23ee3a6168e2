// A route's `schema.response`: its success answers, and the error body under each status its
// codes have, each status listing its codes and their meaning, so /docs says what a route answers.
import { errorBodyOf } from '../contract/api/error-body.js';
import { HTTP_ERRORS, type HttpErrorCode } from './error-catalogue.js';

/** Any route may fail inside (INTERNAL) or find the database busy (STORAGE_BUSY; signing in reads it too). */
const ANY_ROUTE: readonly HttpErrorCode[] = ['INTERNAL', 'STORAGE_BUSY'];
const BEFORE_ROUTE: readonly HttpErrorCode[] = [
  'REQUEST_TEXT_INVALID',
  'REQUEST_BODY_INVALID_JSON',
  'REQUEST_BODY_EMPTY',
  'REQUEST_MEDIA_TYPE_UNSUPPORTED',
  'REQUEST_BODY_TOO_LARGE',
  'REQUEST_BODY_LENGTH_MISMATCH',
  'REQUEST_URL_INVALID',
  'REQUEST_URL_TOO_LONG',
  'REQUEST_HEADERS_TOO_LARGE',
  'REQUEST_MALFORMED',
  'REQUEST_TIMEOUT',
  'REQUEST_REJECTED',
];
const OTHER_REFUSALS = errorBodyOf(`Refused before the route ran: ${BEFORE_ROUTE.join(', ')}`);

export type Access = 'signed-in' | 'public';

/** A reply whose body is not JSON (audio, CSV): documented by its content type, never serialized. */
export const binaryReply = (description: string, contentType: string): object => ({ description, content: { [contentType]: { schema: { type: 'string', format: 'binary' } } } });

/**
 * `success` answers as given (TypeBox schemas, or a `content` map for a body that is not JSON);
 * every code in `errors` (and those any route may answer) under its catalogue status. Typed as
 * `success` alone: handlers return successes and throw errors.
 */
export function replies<S extends Readonly<Record<number, object>>>(success: S, errors: readonly HttpErrorCode[] = [], access: Access = 'signed-in'): S {
  const codes = [...(access === 'public' ? [] : ['AUTH_REQUIRED' as const]), ...errors, ...ANY_ROUTE];
  const byStatus = new Map<number, HttpErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = HTTP_ERRORS[code].status;
    if (!(status in success)) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const errorReplies = Object.fromEntries([...byStatus].map(([status, list]) => [status, errorBodyOf(list.map((code) => `${code}: ${HTTP_ERRORS[code].message}`).join('. '))]));
  return { '4xx': OTHER_REFUSALS, ...errorReplies, ...success };
}
