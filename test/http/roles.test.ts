// Without a token, every route of the API description but the health check and the sign-in answers
// 401 AUTH_REQUIRED (so a route added tomorrow is closed the day it is added). Who may do what once
// signed in is the permission table's, walked through the API in permission-table.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

// The citizen phone's credential is public as its page is, and there only in demo mode (404 here).
// GET /metrics takes no sign-in: Prometheus sends HOTLINE_METRICS_TOKEN when one is set (ops-routes.test.ts).
const PUBLIC = new Set(['GET /health', 'POST /api/auth/login', 'GET /api/phone/citizen-credentials', 'GET /metrics']);
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

describe('roles on every route', () => {
  let http: HttpTestApp;
  beforeAll(async () => {
    http = await startHttpTestApp({ now: () => T0 + 3_600_000 });
    // Ticket 1 is a call agent 8001 took, with its recording: agent 8002 is not its agent.
    await http.tickets.closeCallWithTicket(callFacts('c-1', { queue: 'general', queuedAt: T0 + 5_000, agentId: '8001', agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000, recordings: [{ name: 'call-c-1', kind: 'conversation', format: 'wav', startedAt: T0 + 10_000 }] }), T0 + 70_010);
  });
  afterAll(async () => http.close());

  it('closes every route of the API description to a request without a token', async () => {
    const doc = (await http.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => [method.toUpperCase() as Method, path] as const));
    expect(operations.length).toBeGreaterThan(30);
    for (const [method, path] of operations) {
      const url = path.replace(/\{[^}]+\}/g, '1');
      const anonymous = await http.app.inject({ method, url });
      if (PUBLIC.has(`${method} ${path}`)) expect(anonymous.statusCode, `${method} ${path}`).not.toBe(401);
      else expect([`${method} ${path}`, anonymous.statusCode, anonymous.json<{ error: { code: string } }>().error.code]).toEqual([`${method} ${path}`, 401, 'AUTH_REQUIRED']);
    }
  });

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
