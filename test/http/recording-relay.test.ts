// The recording relay of a cluster: a server without the file passes the request on to the one
// holding it, with the user's credentials and the range asked for, marked as relayed, and gives its
// answer back as it came (status, range headers, the bytes); a holder that does not answer is
// RECORDING_NOT_AVAILABLE. The whole path through real servers is in the local cluster's pbx test.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { handleError } from '../../src/http/http-error.js';
import { RELAYED_HEADER, isRelayed, relayRecording } from '../../src/http/recording-relay.js';

const AUDIO = Buffer.from('RIFF....WAVEfmt some audio bytes of a recording');

/** The server holding the file: answers a range of AUDIO and remembers what it was asked. */
async function holder(): Promise<{ url: string; asked: http.IncomingHttpHeaders[]; close: () => Promise<void> }> {
  const asked: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((request, response) => {
    asked.push(request.headers);
    const part = AUDIO.subarray(4, 12);
    response.writeHead(206, { 'content-type': 'audio/wav', 'content-range': `bytes 4-11/${AUDIO.length}`, 'content-length': part.length, 'accept-ranges': 'bytes', 'x-content-sha256': 'abc', 'x-private': 'not relayed' });
    response.end(part);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, asked, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function relayingApp(holderUrl: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.setErrorHandler(handleError);
  app.get('/api/recordings/:id', (request, reply) => (isRelayed(request) ? reply.status(409).send({ relayed: true }) : relayRecording(request, reply, holderUrl)));
  await app.ready();
  return app;
}

const closing: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

describe('the recording relay', () => {
  it("passes the user's credentials and range on, marked as relayed, and gives the holder's answer back", async () => {
    const held = await holder();
    const app = await relayingApp(held.url);
    closing.push(held.close, () => app.close());
    const answer = await app.inject({ method: 'GET', url: '/api/recordings/call-1?x=1', headers: { authorization: 'Bearer t0ken', cookie: 'hotline_token=t0ken', range: 'bytes=4-11', 'x-other': 'kept here' } });
    expect(answer.statusCode).toBe(206);
    expect(answer.rawPayload.equals(AUDIO.subarray(4, 12))).toBe(true);
    expect(answer.headers).toMatchObject({ 'content-type': 'audio/wav', 'content-range': `bytes 4-11/${AUDIO.length}`, 'accept-ranges': 'bytes', 'x-content-sha256': 'abc' });
    expect(answer.headers['x-private']).toBeUndefined();
    expect(held.asked).toHaveLength(1);
    expect(held.asked[0]).toMatchObject({ authorization: 'Bearer t0ken', cookie: 'hotline_token=t0ken', range: 'bytes=4-11', [RELAYED_HEADER]: '1' });
    expect(held.asked[0]?.['x-other']).toBeUndefined();
  });

  it('answers RECORDING_NOT_AVAILABLE when the holder does not answer', async () => {
    const held = await holder();
    await held.close();
    const app = await relayingApp(held.url);
    closing.push(() => app.close());
    const answer = await app.inject({ method: 'GET', url: '/api/recordings/call-1' });
    expect([answer.statusCode, answer.json().error.code]).toEqual([409, 'RECORDING_NOT_AVAILABLE']);
  });

  it('knows a relayed request, so it is never relayed twice', async () => {
    const app = await relayingApp('http://127.0.0.1:1');
    closing.push(() => app.close());
    const answer = await app.inject({ method: 'GET', url: '/api/recordings/call-1', headers: { [RELAYED_HEADER]: '1' } });
    expect(answer.json()).toEqual({ relayed: true });
  });
});
