// Every route against every role: who may, who is refused (403 AUTH_FORBIDDEN), and that nothing
// but the health check, the sign-in and the API description answers without a token (401).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

type Role = 'agent' | 'supervisor' | 'qa' | 'admin';
const USER: Readonly<Record<Role, string>> = { agent: '8002', supervisor: 'supervisor', qa: 'qa', admin: 'admin' };

// [method, url, body, the roles the route itself lets in]
const ROUTES: readonly (readonly ['GET' | 'POST' | 'PATCH', string, object | undefined, readonly Role[]])[] = [
  ['GET', '/api/tickets', undefined, ['agent', 'supervisor', 'qa', 'admin']],
  ['PATCH', '/api/tickets/1', { version: 99 }, ['agent', 'supervisor', 'admin']],
  ['POST', '/api/tickets/1/status', { version: 99, to: 'closed' }, ['agent', 'supervisor', 'admin']],
  ['POST', '/api/tickets/1/dispatch', { version: 99, mainUnit: 'water-group' }, ['agent', 'supervisor', 'admin']],
  ['POST', '/api/tickets/1/feedback', { version: 99, kind: 'response' }, ['supervisor', 'admin']],
  ['POST', '/api/tickets/1/satisfaction', { version: 99, rating: 'satisfied' }, ['agent', 'supervisor', 'admin']],
  ['POST', '/api/calls/nope/transfer', { queue: 'elderly' }, ['agent', 'supervisor', 'admin']],
  ['POST', '/api/calls/nope/parties', { number: '12319' }, ['agent', 'supervisor', 'admin']],
  ['GET', '/api/qa/forms', undefined, ['qa', 'supervisor', 'admin']],
  ['GET', '/api/qa/calls', undefined, ['qa', 'supervisor', 'admin']],
  ['POST', '/api/qa/reviews', { callId: 'c-1', answers: [] }, ['qa', 'supervisor', 'admin']],
  ['GET', '/api/qa/summary?from=2026-11-01&to=2026-11-30', undefined, ['qa', 'supervisor', 'admin']],
  ['GET', '/api/qa/reviews.csv?from=2026-11-01&to=2026-11-30', undefined, ['qa', 'supervisor', 'admin']],
  ['POST', '/api/qa/samples', { day: '2026-11-23', percent: 10 }, ['qa', 'supervisor', 'admin']],
  ['GET', '/api/reports/daily?day=2026-11-23', undefined, ['qa', 'supervisor', 'admin']],
  ['GET', '/api/recordings/call-c-1', undefined, ['qa', 'supervisor', 'admin']],
  ['POST', '/api/agents/8001/pause', { reason: 'meal' }, ['supervisor', 'admin']],
  ['GET', '/api/agents', undefined, ['agent', 'supervisor', 'qa', 'admin']],
  ['GET', '/api/calls/active', undefined, ['agent', 'supervisor', 'qa', 'admin']],
];

describe('roles on every route', () => {
  let http: HttpTestApp;
  beforeAll(async () => {
    http = await startHttpTestApp({ now: () => T0 + 3_600_000 });
    // Ticket 1 is a call agent 8001 took, with its recording: agent 8002 is not its agent.
    http.tickets.closeCallWithTicket(callFacts('c-1', { queue: 'general', queuedAt: T0 + 5_000, agentId: '8001', agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000, recordings: [{ name: 'call-c-1', kind: 'conversation', format: 'wav', startedAt: T0 + 10_000 }] }), T0 + 70_010);
  });
  afterAll(async () => http.close());

  for (const [method, url, body, allowed] of ROUTES) {
    it(`${method} ${url.split('?')[0]}: ${allowed.join(', ')} only`, async () => {
      const anonymous = await http.app.inject({ method, url, ...(body ? { payload: body } : {}) });
      expect([anonymous.statusCode, anonymous.json<{ error: { code: string } }>().error.code]).toEqual([401, 'AUTH_REQUIRED']);
      for (const role of ['agent', 'supervisor', 'qa', 'admin'] as const) {
        const response = await http.as(USER[role])({ method, url, ...(body ? { payload: body } : {}) });
        const code = response.statusCode >= 400 ? response.json<{ error: { code: string } }>().error.code : null;
        if (allowed.includes(role)) expect([role, code]).not.toEqual([role, 'AUTH_FORBIDDEN']);
        // An agent reaching a ticket of another agent's call is refused by the ticket's own rule.
        else expect([role, response.statusCode, code]).toEqual([role, 403, expect.stringMatching(/^(AUTH_FORBIDDEN|TICKET_NOT_YOURS)$/)]);
      }
    });
  }

  it('an agent may not file on another agent\'s call, nor change another agent\'s state', async () => {
    const patch = await http.as('8002')({ method: 'PATCH', url: '/api/tickets/1', payload: { version: 1, title: 'x' } });
    expect([patch.statusCode, patch.json<{ error: { code: string } }>().error.code]).toEqual([403, 'TICKET_NOT_YOURS']);
    const pause = await http.as('8002')({ method: 'POST', url: '/api/agents/8001/pause', payload: { reason: 'meal' } });
    expect([pause.statusCode, pause.json<{ error: { code: string } }>().error.code]).toEqual([403, 'AUTH_FORBIDDEN']);
  });

  it('answers /health, the sign-in and /docs without a token', async () => {
    expect((await http.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await http.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    expect((await http.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } })).statusCode).toBe(401);
  });
});
