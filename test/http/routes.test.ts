import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { PbxRole } from '../../src/contract/api/health.js';
import { type OpenDatabase } from '../../src/adapters/db/open-database.js';
import { AcdService } from '../../src/app/acd-service.js';
import { startHttpTestApp, type Inject } from '../helpers/http-app.js';
import { callFacts } from '../helpers/call-facts.js';

describe('HTTP routes', () => {
  let database: OpenDatabase;
  let app: FastifyInstance;
  let acd: AcdService;
  let sup: Inject;
  const health: { ari: boolean; ami: boolean; db: boolean; pbx: PbxRole } = { ari: true, ami: true, db: true, pbx: 'running' };

  beforeEach(async () => {
    const built = await startHttpTestApp({ health: { ari: () => health.ari, ami: () => health.ami, db: () => health.db, pbx: () => health.pbx } });
    database = built.database;
    acd = built.acd;
    const calls = built.calls;
    const tickets = built.tickets;
    app = built.app;
    sup = built.as('supervisor');
    const t0 = Date.UTC(2026, 10, 23, 2, 0, 0);
    await calls.start({ id: 'call-1', channelId: 'ch-1', callerNumber: '13800001111', callerName: null, dialedNumber: '12345', startedAt: t0 });
    await tickets.closeCallWithTicket(
      callFacts('call-1', { startedAt: t0, answeredAt: t0 + 20, queuedAt: t0 + 20, agentId: '8001', agentAnsweredAt: t0 + 1020, endedAt: t0 + 4020 }),
      t0 + 4030,
    );
    await calls.start({ id: 'call-2', channelId: 'ch-2', callerNumber: '13900002222', callerName: null, dialedNumber: '12345', startedAt: t0 + 10 });
  });
  afterEach(async () => {
    await app.close();
    database.close();
    Object.assign(health, { ari: true, ami: true, db: true, pbx: 'running' });
  });

  it('GET /health answers 200 ok when everything is up', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', ari: 'up', ami: 'up', db: 'up', pbx: 'running' });
  });

  it('sets the security headers on every answer, no CORS, and no caching of API data', async () => {
    const response = await sup({ method: 'GET', url: '/api/categories', headers: { origin: 'https://evil.example' } });
    expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.headers['x-frame-options']).toBe('DENY');
  });

  it('GET /health answers 503 degraded and names what is down', async () => {
    health.ami = false;
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'degraded', ari: 'up', ami: 'down', db: 'up', pbx: 'running' });
  });

  it('GET /health: a cluster\'s standby is healthy without ARI and AMI; one that lost its PBX is not', async () => {
    Object.assign(health, { ari: false, ami: false, pbx: 'standby' });
    const standby = await app.inject({ method: 'GET', url: '/health' });
    expect([standby.statusCode, standby.json()]).toEqual([200, { status: 'ok', ari: 'down', ami: 'down', db: 'up', pbx: 'standby' }]);
    Object.assign(health, { ari: true, ami: true, pbx: 'dropped' });
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
    Object.assign(health, { pbx: 'standby', db: false });
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
  });

  it('GET /api/calls/:id returns the call and its ticket, with the number masked', async () => {
    const response = await sup({ method: 'GET', url: '/api/calls/call-1' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.call).toMatchObject({ callId: 'call-1', callerNumber: '138****1111', state: 'ended', endedBy: 'caller', hangupCause: 16 });
    expect(body.ticket).toEqual({ number: '20261123-000001', status: 'accepted', talkMs: 3000, totalMs: 4020 });
  });

  it('GET /api/calls/:id gives a call without a ticket yet ticket null', async () => {
    const response = await sup({ method: 'GET', url: '/api/calls/call-2' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ call: { state: 'active' }, ticket: null });
  });

  it('refuses transfers and three-way calls it cannot carry out, with stable codes', async () => {
    const unknown = await sup({ method: 'POST', url: '/api/calls/nope/transfer', payload: { queue: 'elderly' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('CALL_NOT_FOUND');
    const noParty = await sup({ method: 'POST', url: '/api/calls/nope/parties', payload: { number: '12319' } });
    expect(noParty.json().error.code).toBe('CALL_NOT_FOUND');
    for (const payload of [{}, { queue: '' }, { queue: 'general', extra: 1 }, { queue: "x'; drop table calls; --" }, { queue: 'general', agent: '8001' }, { agent: '' }]) {
      const bad = await sup({ method: 'POST', url: '/api/calls/call-2/transfer', payload });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('REQUEST_INVALID');
    }
    for (const payload of [{ number: '12' }, { number: '0571-8888' }, { number: 'tel:12319' }, { number: '1'.repeat(30) }]) {
      const bad = await sup({ method: 'POST', url: '/api/calls/call-2/parties', payload });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('REQUEST_INVALID');
    }
  });

  it('answers unknown calls, bad ids and unknown routes with stable codes', async () => {
    const missing = await sup({ method: 'GET', url: '/api/calls/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'CALL_NOT_FOUND', message: expect.any(String) } });
    const bad = await sup({ method: 'GET', url: `/api/calls/${encodeURIComponent("x' or 1=1 --")}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('REQUEST_INVALID');
    const tooLong = await sup({ method: 'GET', url: `/api/calls/${'a'.repeat(500)}` });
    // Fastify refuses oversized path parameters itself, before any handler runs.
    expect(tooLong.statusCode).toBe(414);
    expect(tooLong.json().error.code).toBe('REQUEST_URL_TOO_LONG');
    const badUrl = await sup({ method: 'GET', url: '/api/calls/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json().error.code).toBe('REQUEST_URL_INVALID');
    const route = await sup({ method: 'GET', url: '/api/nothing-here' });
    expect(route.statusCode).toBe(404);
    expect(route.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('GET /api/calls/active lists the calls the server is handling now (none here)', async () => {
    const response = await sup({ method: 'GET', url: '/api/calls/active' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ calls: [] });
  });

  it('GET /api/queues gives live figures per queue, agents by state included', async () => {
    await acd.login('8001');
    const response = await sup({ method: 'GET', url: '/api/queues' });
    expect(response.statusCode).toBe(200);
    const queues = response.json().queues as { queueId: string; name: string; waiting: number; agents: Record<string, number> }[];
    expect(queues.map((q) => q.queueId)).toEqual(['general', 'elderly', 'enterprise', 'lang-en']);
    expect(queues.find((q) => q.queueId === 'elderly')).toMatchObject({ name: '爱心专席', waiting: 0 });
    expect(queues.find((q) => q.queueId === 'general')?.agents.available).toBe(1);
    acd.stop();
  });

  it('GET /api/categories gives the 21 major categories with their subcategories', async () => {
    const response = await sup({ method: 'GET', url: '/api/categories' });
    expect(response.statusCode).toBe(200);
    const categories = response.json().categories as { code: string; name: string; children: { code: string; name: string }[] }[];
    expect(categories).toHaveLength(21);
    expect(categories.find((c) => c.code === '02')?.children).toContainEqual(expect.objectContaining({ code: '0201', name: '物业管理' }));
    acd.stop();
  });

  it('agents log in, pause with a reason, resume and log out through the API; refusals carry the ACD code', async () => {
    const post = (url: string, payload?: object) => sup({ method: 'POST', url, ...(payload ? { payload } : {}) });
    const state = async (id: string): Promise<{ state: string; reason: string | null }> => {
      const agents = (await sup({ method: 'GET', url: '/api/agents' })).json().agents as { id: string; state: string; reason: string | null }[];
      return agents.find((a) => a.id === id) as { state: string; reason: string | null };
    };
    expect(await state('8002')).toMatchObject({ state: 'logged_out' });
    expect((await post('/api/agents/8002/login')).json()).toEqual({ ok: true });
    expect(await state('8002')).toMatchObject({ state: 'available' });
    const again = await post('/api/agents/8002/login');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ACD_WRONG_AGENT_STATE');
    expect((await post('/api/agents/8002/pause', { reason: 'meal' })).statusCode).toBe(200);
    expect(await state('8002')).toEqual(expect.objectContaining({ state: 'paused', reason: 'meal' }));
    const reserved = await post('/api/agents/8002/pause', { reason: 'no_answer' });
    expect([reserved.statusCode, reserved.json().error.code]).toEqual([400, 'PAUSE_REASON_RESERVED']);
    expect((await post('/api/agents/8002/pause', { reason: 'Meal Break!' })).json().error.code).toBe('REQUEST_INVALID');
    expect((await post('/api/agents/8002/resume')).statusCode).toBe(200);
    expect((await post('/api/agents/8002/logout')).statusCode).toBe(200);
    expect(await state('8002')).toMatchObject({ state: 'logged_out' });
    const unknown = await post('/api/agents/9999/login');
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'AGENT_NOT_FOUND']);
    acd.stop();
  });
});
