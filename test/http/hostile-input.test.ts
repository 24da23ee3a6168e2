// Property-based: every route, fed malformed, oversized and hostile input (injection strings, bad
// encodings, wrong types, huge values), answers 2xx or a 4xx with a stable code, never 5xx, and a
// refused request leaves the stored data exactly as it was.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

const HOSTILE = [
  "' or 1=1 --", '"; drop table tickets; --', '<script>alert(1)</script>', '../../etc/passwd', '%00', '\u0000', '\uFFFF', '\uD800',
  '${jndi:ldap://x}', '{{7*7}}', 'NaN', '-1', '1e309', '9'.repeat(40), 'x'.repeat(70_000), '🙂'.repeat(50), '__proto__', 'constructor',
];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 50 }));
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.oneof(fc.constantFrom('version', 'to', 'rating', 'kind', 'mainUnit', 'requestType', 'categoryCode', 'description', 'username', 'password', 'callId', 'answers', 'day', 'percent', 'reason', 'queue', 'number', '__proto__'), fc.string()), fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }))));

const ROUTES: readonly { method: 'GET' | 'POST' | 'PATCH'; path: (id: string) => string; user: string; body?: boolean; query?: boolean }[] = [
  { method: 'GET', path: () => '/api/tickets', user: 'supervisor', query: true },
  { method: 'GET', path: (id) => `/api/tickets/${id}`, user: 'supervisor' },
  { method: 'PATCH', path: (id) => `/api/tickets/${id}`, user: '8001', body: true },
  { method: 'POST', path: (id) => `/api/tickets/${id}/status`, user: '8001', body: true },
  { method: 'POST', path: (id) => `/api/tickets/${id}/dispatch`, user: 'supervisor', body: true },
  { method: 'POST', path: (id) => `/api/tickets/${id}/feedback`, user: 'supervisor', body: true },
  { method: 'POST', path: (id) => `/api/tickets/${id}/satisfaction`, user: 'supervisor', body: true },
  { method: 'GET', path: (id) => `/api/tickets/${id}/dispatch-suggestion`, user: 'supervisor' },
  { method: 'GET', path: (id) => `/api/recordings/${id}`, user: 'qa' },
  { method: 'GET', path: (id) => `/api/calls/${id}`, user: 'supervisor' },
  { method: 'POST', path: (id) => `/api/calls/${id}/transfer`, user: 'supervisor', body: true },
  { method: 'POST', path: (id) => `/api/calls/${id}/parties`, user: 'supervisor', body: true },
  { method: 'POST', path: (id) => `/api/agents/${id}/pause`, user: 'supervisor', body: true },
  { method: 'POST', path: () => '/api/auth/login', user: 'qa', body: true },
  { method: 'GET', path: () => '/api/qa/calls', user: 'qa', query: true },
  { method: 'POST', path: () => '/api/qa/reviews', user: 'qa', body: true },
  { method: 'POST', path: () => '/api/qa/samples', user: 'qa', body: true },
  { method: 'GET', path: () => '/api/qa/summary', user: 'qa', query: true },
  { method: 'GET', path: () => '/api/reports/daily', user: 'supervisor', query: true },
  { method: 'POST', path: (id) => `/api/agents/${id}/login`, user: 'supervisor' },
  { method: 'POST', path: (id) => `/api/agents/${id}/resume`, user: 'supervisor' },
  { method: 'POST', path: (id) => `/api/agents/${id}/ticket-filed`, user: 'supervisor', body: true },
  { method: 'GET', path: () => '/api/qa/reviews', user: 'qa', query: true },
  { method: 'GET', path: () => '/api/qa/reviews.csv', user: 'qa', query: true },
  { method: 'GET', path: () => '/api/units', user: 'supervisor', query: true },
  { method: 'GET', path: () => '/api/categories', user: 'supervisor', query: true },
  { method: 'GET', path: () => '/api/calls/active', user: 'supervisor', query: true },
  { method: 'POST', path: () => '/api/auth/logout', user: 'qa', body: true },
];

/** A lone surrogate cannot be percent-encoded as UTF-8: send the bytes a broken client would. */
function pathSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

describe('hostile input on every route', () => {
  let http: HttpTestApp;

  beforeAll(async () => {
    http = await startHttpTestApp({ now: () => T0 + 3_600_000 });
    http.tickets.closeCallWithTicket(callFacts('c-1', { queue: 'general', queuedAt: T0 + 5_000, agentId: '8001', agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000 }), T0 + 70_010);
    http.tickets.closeCallWithTicket(callFacts('c-2', { callerNumber: '13900002222' }), T0 + 80_000);
  });
  afterAll(async () => http.close());

  /** Everything a request could change, but the audit log (which records refusals on purpose). */
  const fingerprint = (): unknown =>
    http.database.sqlite
      .prepare(
        `select (select count(*) from tickets) as tickets, (select sum(version) from tickets) as versions, (select group_concat(status) from tickets) as statuses,
          (select count(*) from ticket_events) as events, (select count(*) from qa_reviews) as reviews, (select count(*) from qa_samples) as samples,
          (select count(*) from auth_tokens) as tokens, (select count(*) from recordings) as recordings`,
      )
      .get();

  const id = fc.oneof(fc.constantFrom('1', '2', '20261123-000001', 'c-1'), hostileString.map(pathSegment));
  const query = fc.dictionary(fc.oneof(fc.constantFrom('from', 'to', 'status', 'type', 'category', 'agent', 'caller', 'q', 'limit', 'cursor', 'warning', 'day', 'minTalkSeconds'), fc.string({ maxLength: 10 })), hostileString, { maxKeys: 4 });

  for (const route of ROUTES) {
    it(`${route.method} ${route.path(':id')} never fails with a 5xx and refuses without changing data`, async () => {
      await fc.assert(
        fc.asyncProperty(id, query, anyJson, async (rawId, params, body) => {
          const before = fingerprint();
          const search = route.query ? new URLSearchParams(params).toString() : '';
          const response = await http.as(route.user)({
            method: route.method,
            url: `${route.path(rawId)}${search ? `?${search}` : ''}`,
            ...(route.body ? { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
          });
          expect(response.statusCode, `${route.method} ${route.path(rawId)} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.json<{ error: { code: string } }>().error.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
            expect(fingerprint()).toEqual(before);
          }
        }),
        { numRuns: 60, seed: 20261124 },
      );
    });
  }

  it('refuses bodies that are not JSON, too large, or of another type, with a stable code', async () => {
    const patch = (payload: string, type: string) => http.as('8001')({ method: 'PATCH', url: '/api/tickets/1', payload, headers: { 'content-type': type } });
    const before = fingerprint();
    for (const [payload, type] of [['{', 'application/json'], ['\u0000\u0001', 'application/json'], ['version=1', 'application/x-www-form-urlencoded'], ['x'.repeat(2 * 1024 * 1024), 'application/json'], ['[]', 'text/plain']] as const) {
      const response = await patch(payload, type);
      expect([400, 413, 415]).toContain(response.statusCode);
      expect(response.json<{ error: { code: string } }>().error.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    }
    expect(fingerprint()).toEqual(before);
  });
});
