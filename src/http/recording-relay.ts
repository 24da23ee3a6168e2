// A recording asked of a server that does not hold its file (a web node of a cluster, or a worker of
// another box): the request goes on, as the user made it, to the server running the recording's PBX,
// whose box holds the file, and its answer comes back byte for byte (status, Range headers, audio).
// That server checks the user's right and writes the audit line, as for a request made to it.
import http from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpError } from './http-error.js';

/** Marks a relayed request: it is never relayed again (a file missing on its holder is an answer, not a loop). */
export const RELAYED_HEADER = 'x-hotline-relayed';
/** What a relayed request carries on: the user's credentials and the part of the file asked for. */
const FORWARDED = ['authorization', 'cookie', 'range'] as const;
/** What the answer carries back beside the audio. */
const RETURNED = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'cache-control', 'x-content-sha256'] as const;
/** How long the holder has to start answering. */
const RELAY_TIMEOUT_MS = 5000;

export function isRelayed(request: FastifyRequest): boolean {
  return request.headers[RELAYED_HEADER] !== undefined;
}

/** Sends the holder's answer to `reply`; a holder that cannot be reached is RECORDING_NOT_AVAILABLE. */
export function relayRecording(request: FastifyRequest, reply: FastifyReply, holderUrl: string): Promise<FastifyReply> {
  const target = new URL(request.url, holderUrl);
  const headers: Record<string, string> = { [RELAYED_HEADER]: '1' };
  for (const name of FORWARDED) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return new Promise((resolve, reject) => {
    const outgoing = http.get(target, { headers, timeout: RELAY_TIMEOUT_MS }, (answer) => {
      void reply.status(answer.statusCode ?? 502);
      for (const name of RETURNED) {
        const value = answer.headers[name];
        if (value !== undefined) void reply.header(name, value);
      }
      resolve(reply.send(answer));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${RELAY_TIMEOUT_MS} ms`)));
    outgoing.on('error', (error) => {
      request.log.warn({ err: error, holder: target.origin }, 'the server holding the recording did not answer');
      reject(httpError('RECORDING_NOT_AVAILABLE', 'The server holding the recording does not answer'));
    });
  });
}
