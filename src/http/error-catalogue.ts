// The server's side of the error catalogue: the table itself is part of the contract
// (src/contract/api/error-codes.ts); here every service's own codes are checked to be in it, and a
// code computed at run time is turned into one of the table.
import type { DraftError } from '../app/calls/call-drafts.js';
import type { CallActionCode } from '../app/calls/live-calls.js';
import type { LoginResult } from '../app/auth-service.js';
import type { TicketActionError } from '../app/ticket-service.js';
import type { KnowledgeError } from '../app/knowledge/knowledge-service.js';
import type { AcdRejectCode } from '../domain/acd/acd-protocol.js';
import { HTTP_ERRORS, type HttpErrorCode } from '../contract/api/error-codes.js';

export { HTTP_ERRORS, type HttpErrorCode };

/** The codes the ACD answers an agent's state change with (the Acd port: null or one of these). */
export type AcdRefusalCode = AcdRejectCode | 'ACD_STOPPED' | 'ACD_FAILED' | 'ACD_UNAVAILABLE';

// The services' own codes reach clients as they are: each must be in the table (checked here).
type Catalogued<T extends HttpErrorCode> = T;
export type _ServiceCodesCatalogued = Catalogued<CallActionCode | DraftError | TicketActionError | KnowledgeError | Extract<LoginResult, { ok: false }>['code']>;
export type _AcdCodesCatalogued = Catalogued<AcdRefusalCode>;

export function isHttpErrorCode(code: unknown): code is HttpErrorCode {
  return typeof code === 'string' && Object.hasOwn(HTTP_ERRORS, code);
}

/** A code computed at run time (the ACD's, the QA scorer's), or `fallback` when it is not in the table. */
export function catalogued(code: string, fallback: HttpErrorCode): HttpErrorCode {
  return isHttpErrorCode(code) ? code : fallback;
}
