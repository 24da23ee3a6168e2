// The refusals a strict edge owes: numbers that are not finite integers, booleans posing as
// numbers, control characters in search text, and everything Fastify or Node's HTTP server refuses
// before a route runs, each answered in the product's shape with a product code, changing nothing.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpErrorCode } from '../../src/http/error-catalogue.js';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

describe('strict requests', () => {
  let http: HttpTestApp;
  const versions = (): unknown => http.database.sqlite.prepare('select id, version, title from tickets order by id').all();

  beforeAll(async () => {
    http = await startHttpTestApp({ now: () => T0 + 3_600_000 });
    await http.tickets.closeCallWithTicket(callFacts('c-1', { queue: 'general', queuedAt: T0 + 5_000, agentId: '8001', agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000 }), T0 + 70_010);
  });
  afterAll(async () => http.close());

  it.each([
    ['/api/tickets?q=abc%00', 'REQUEST_TEXT_INVALID'],
    ['/api/tickets?q=%1B%5B2J', 'REQUEST_TEXT_INVALID'],
    ['/api/tickets?limit=Infinity', 'REQUEST_INVALID'],
    ['/api/tickets?limit=1e309', 'REQUEST_INVALID'],
    ['/api/tickets?limit=0x10', 'REQUEST_INVALID'],
    ['/api/tickets?limit=%2010', 'REQUEST_INVALID'],
    ['/api/tickets?limit=true', 'REQUEST_INVALID'],
    ['/api/qa/calls?limit=Infinity', 'REQUEST_INVALID'],
    ['/api/qa/calls?minTalkSeconds=Infinity', 'REQUEST_INVALID'],
    ['/api/qa/calls?minTalkSeconds=86401', 'REQUEST_INVALID'],
  ])('GET %s → 400 %s', async (url, code) => {
    const reply = await http.as('admin')({ method: 'GET', url });
    expect([reply.statusCode, reply.json().error.code]).toEqual([400, code]);
  });

  it('still reads plain numbers and single values of a list', async () => {
    const reply = await http.as('admin')({ method: 'GET', url: '/api/tickets?limit=5&status=accepted' });
    expect([reply.statusCode, reply.json().tickets.length]).toEqual([200, 1]);
  });

  it.each([
    ['a boolean version', { version: true, title: 'x' }],
    ['a string version', { version: '1', title: 'x' }],
    ['a version past any number', '{"version": 1e309, "title": "x"}'],
    ['a fractional version', { version: 1.5, title: 'x' }],
    ['a null version', { version: null, title: 'x' }],
    ['a NUL in the title', { version: 1, title: 'a\u0000b' }],
    ['a lone surrogate in the title', '{"version": 1, "title": "a\\ud800"}'],
  ])('PATCH a ticket with %s is refused and changes nothing', async (_label, payload) => {
    const before = versions();
    const reply = await http.as('8001')({ method: 'PATCH', url: '/api/tickets/1', headers: { 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
    expect(reply.statusCode).toBe(400);
    expect(['REQUEST_INVALID', 'REQUEST_TEXT_INVALID']).toContain(reply.json().error.code);
    expect(versions()).toEqual(before);
  });

  it('keeps the line breaks and tabs of a description', async () => {
    const reply = await http.as('8001')({ method: 'PATCH', url: '/api/tickets/1', payload: { version: 1, description: 'line one\n\tline two\r\n' } });
    expect([reply.statusCode, reply.json().ticket.version]).toEqual([200, 2]);
  });

  it.each([
    ['bad JSON', { 'content-type': 'application/json' }, '{bad', 400, 'REQUEST_BODY_INVALID_JSON'],
    ['an empty JSON body', { 'content-type': 'application/json' }, '', 400, 'REQUEST_BODY_EMPTY'],
    ['plain text', { 'content-type': 'text/plain' }, 'version=1', 415, 'REQUEST_MEDIA_TYPE_UNSUPPORTED'],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'version=1', 415, 'REQUEST_MEDIA_TYPE_UNSUPPORTED'],
    ['a body over 1 MiB', { 'content-type': 'application/json' }, JSON.stringify({ version: 1, description: 'x'.repeat(1_100_000) }), 413, 'REQUEST_BODY_TOO_LARGE'],
  ])('a write with %s is refused under a product code', async (_label, headers, payload, status, code) => {
    const before = versions();
    const reply = await http.as('8001')({ method: 'PATCH', url: '/api/tickets/1', headers, payload });
    expect([reply.statusCode, reply.json().error.code]).toEqual([status, code]);
    expect(versions()).toEqual(before);
  });

  it('answers an unknown route and a bad URL in the product shape', async () => {
    const unknown = await http.as('admin')({ method: 'GET', url: '/api/nothing' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    const badUrl = await http.as('admin')({ method: 'GET', url: '/api/tickets/%E0%A4%A' });
    expect(isHttpErrorCode(badUrl.json().error.code)).toBe(true);
    expect(badUrl.statusCode).toBeLessThan(500);
  });

  it('answers a request line over the header limit with 431 and a product code, over a real socket', async () => {
    const address = await http.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET /api/tickets?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    const [head, body] = answer.split('\r\n\r\n');
    expect(head?.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(JSON.parse(body ?? '')).toEqual({ error: { code: 'REQUEST_HEADERS_TOO_LARGE', message: expect.any(String) } });
  });
});
