// What the HTTP server answers a client whose request it cannot even parse (a request line or
// headers over Node's limit, broken HTTP, a request that never finished): the product's error
// shape and code, written straight to the socket because no request object exists yet.
import http from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorBody } from '../contract/api/error-body.js';
import { HTTP_ERRORS, type HttpErrorCode } from './error-catalogue.js';

function codeOf(error: NodeJS.ErrnoException): HttpErrorCode {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'REQUEST_HEADERS_TOO_LARGE';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'REQUEST_MALFORMED';
}

/** The raw HTTP/1.1 answer for a client error: status line, JSON body, connection closed. */
export function clientErrorResponse(error: NodeJS.ErrnoException): string {
  const code = codeOf(error);
  const { status, message } = HTTP_ERRORS[code];
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  return [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Fastify's `clientErrorHandler`: a reset socket gets nothing, a live one the product's answer. */
export function handleClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) socket.write(clientErrorResponse(error));
  socket.destroy(error);
}
