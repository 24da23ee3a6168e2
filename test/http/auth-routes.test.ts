// Sign-in over HTTP with the real scrypt hashes of fixtures/users.yaml (every demo password is
// "hotline-demo"): tokens, the cookie, lock-out of a name and of an address, sign-out, the role checks
// and the audit trail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type OpenDatabase } from '../../src/adapters/db/open-database.js';
import { AcdService } from '../../src/app/acd-service.js';
import { startHttpTestApp, type Inject } from '../helpers/http-app.js';

// Monday 2026-11-23, 15:00 China time: a working day.
const NOW = Date.UTC(2026, 10, 23, 7, 0, 0);
const PASSWORD = 'hotline-demo';
const TOKEN_TTL_MS = 14 * 3_600_000;

interface LoginBody {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: { readonly id: string; readonly name: string; readonly role: string; readonly agentId: string | null };
}

interface AuditLine {
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly target: string;
  readonly result: string;
  readonly detail: string | null;
}

const errorCode = (response: LightMyRequestResponse): string => response.json<{ error: { code: string } }>().error.code;

describe('sign-in routes', () => {
  let database: OpenDatabase;
  let app: FastifyInstance;
  let acd: AcdService;
  let clock: number;
  let asAgent: Inject;

  const login = (payload: object, remoteAddress?: string): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload, ...(remoteAddress ? { remoteAddress } : {}) });
  /** Fails `count` sign-ins from `address`, each under a different unknown name (no name gets locked). */
  const failFrom = async (address: string, count: number): Promise<void> => {
    for (let attempt = 1; attempt <= count; attempt++) {
      const wrong = await login({ username: `guess-${attempt}`, password: 'guess' }, address);
      expect([wrong.statusCode, errorCode(wrong)]).toEqual([401, 'AUTH_INVALID_CREDENTIALS']);
    }
  };
  const auditDetails = (): { limit: string | null; address: string | null }[] =>
    database.sqlite.prepare("select json_extract(detail, '$.limit') as \"limit\", json_extract(detail, '$.address') as address from audit_log where json_extract(detail, '$.reason') = 'locked' order by id").all() as {
      limit: string | null;
      address: string | null;
    }[];
  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
  const auditLines = (): AuditLine[] =>
    database.sqlite.prepare("select actor, role, action, target, result, detail from audit_log where action = 'auth.login' order by id").all() as AuditLine[];

  beforeEach(async () => {
    clock = NOW;
    const built = await startHttpTestApp({ now: () => clock });
    database = built.database;
    acd = built.acd;
    app = built.app;
    asAgent = built.as('8001');
  });
  afterEach(async () => {
    acd.stop();
    await app.close();
    database.close();
  });

  it('a good login returns a token, the user and an HttpOnly SameSite=Strict cookie; the token works on /api/auth/me', async () => {
    const response = await login({ username: '8001', password: PASSWORD });
    expect(response.statusCode).toBe(200);
    const body = response.json<LoginBody>();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.user).toEqual({ id: '8001', name: '王丽', role: 'agent', agentId: '8001', duties: [] });
    expect(body.expiresAt).toBe(new Date(NOW + TOKEN_TTL_MS).toISOString());
    const cookie = String(response.headers['set-cookie']);
    expect(cookie.startsWith(`hotline_token=${body.token};`)).toBe(true);
    const attributes = cookie.split(';').map((part) => part.trim());
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict']));
    expect(attributes.some((part) => /^Max-Age=\d+$/.test(part))).toBe(true);

    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(body.token) });
    expect(me.statusCode).toBe(200);
    expect(me.json<unknown>()).toEqual({ user: { id: '8001', name: '王丽', role: 'agent', agentId: '8001', duties: [] } });

    const supervisor = (await login({ username: 'supervisor', password: PASSWORD })).json<LoginBody>();
    expect(supervisor.user).toEqual({ id: 'supervisor', name: '赵班长', role: 'supervisor', agentId: null, duties: [] });
  });

  it('a wrong password and an unknown user get the same 401 AUTH_INVALID_CREDENTIALS', async () => {
    const wrong = await login({ username: '8001', password: 'hotline-demo!' });
    expect(wrong.statusCode).toBe(401);
    expect(errorCode(wrong)).toBe('AUTH_INVALID_CREDENTIALS');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const unknown = await login({ username: 'nobody', password: PASSWORD });
    expect(unknown.statusCode).toBe(401);
    expect(errorCode(unknown)).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.json<{ error: { message: string } }>().error.message).toBe(wrong.json<{ error: { message: string } }>().error.message);
  });

  it('after 5 wrong passwords the user name is locked: 429 AUTH_LOCKED with retry-after, even for the right password, until the minute is over', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await login({ username: 'supervisor', password: `guess-${attempt}` });
      expect([wrong.statusCode, errorCode(wrong)]).toEqual([401, 'AUTH_INVALID_CREDENTIALS']);
    }
    const locked = await login({ username: 'supervisor', password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(errorCode(locked)).toBe('AUTH_LOCKED');
    expect(locked.headers['retry-after']).toBe('60');
    clock += 20_000;
    const stillLocked = await login({ username: 'supervisor', password: PASSWORD });
    expect([stillLocked.statusCode, stillLocked.headers['retry-after']]).toEqual([429, '40']);
    // Another user name is not affected.
    expect((await login({ username: 'qa', password: PASSWORD })).statusCode).toBe(200);
    clock += 40_000;
    expect((await login({ username: 'supervisor', password: PASSWORD })).statusCode).toBe(200);
  });

  it('a name locked by wrong passwords from several addresses stays locked at any address; the audit names the user-name limit', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) await login({ username: 'supervisor', password: `guess-${attempt}` }, `198.51.100.${attempt}`);
    const locked = await login({ username: 'supervisor', password: PASSWORD }, '198.51.100.77');
    expect([locked.statusCode, errorCode(locked), locked.headers['retry-after']]).toEqual([429, 'AUTH_LOCKED', '60']);
    expect(auditDetails()).toEqual([{ limit: 'user-name', address: '198.51.100.77' }]);
  });

  it('after 20 failed sign-ins from one address it is refused for 10 minutes (429 AUTH_LOCKED with retry-after), even with the right password; other addresses sign in', async () => {
    await failFrom('203.0.113.9', 20);
    const limited = await login({ username: '8001', password: PASSWORD }, '203.0.113.9');
    expect([limited.statusCode, errorCode(limited), limited.headers['retry-after']]).toEqual([429, 'AUTH_LOCKED', '600']);
    expect(limited.headers['set-cookie']).toBeUndefined();
    // A success from another address is not blocked, and does not lift the limit.
    expect((await login({ username: '8001', password: PASSWORD }, '203.0.113.10')).statusCode).toBe(200);
    clock += 250_000;
    const later = await login({ username: 'qa', password: PASSWORD }, '203.0.113.9');
    expect([later.statusCode, later.headers['retry-after']]).toEqual([429, '350']);
    clock += 350_000;
    expect((await login({ username: '8001', password: PASSWORD }, '203.0.113.9')).statusCode).toBe(200);
    // Each refusal says in the audit log which limit refused it, and from where.
    expect(auditDetails()).toEqual([
      { limit: 'address', address: '203.0.113.9' },
      { limit: 'address', address: '203.0.113.9' },
    ]);
  });

  it('19 failures from one address leave it free; an IPv6 client is counted by its /64', async () => {
    await failFrom('203.0.113.20', 19);
    expect((await login({ username: 'qa', password: PASSWORD }, '203.0.113.20')).statusCode).toBe(200);
    for (let host = 1; host <= 20; host++) await login({ username: `guess-${host}`, password: 'guess' }, `2001:db8:0:7::${host.toString(16)}`);
    const rotated = await login({ username: 'qa', password: PASSWORD }, '2001:db8:0:7::abcd');
    expect([rotated.statusCode, errorCode(rotated)]).toEqual([429, 'AUTH_LOCKED']);
    expect((await login({ username: 'qa', password: PASSWORD }, '2001:db8:0:8::1')).statusCode).toBe(200);
  });

  it('logout revokes the token and clears the cookie', async () => {
    const { token } = (await login({ username: 'qa', password: PASSWORD })).json<LoginBody>();
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(200);
    expect(out.json<unknown>()).toEqual({ signedOut: true });
    expect(String(out.headers['set-cookie'])).toMatch(/^hotline_token=; .*Max-Age=0/);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(401);
    expect(errorCode(me)).toBe('AUTH_REQUIRED');
  });

  it('a protected route without a token, or with an unknown one, answers 401 AUTH_REQUIRED', async () => {
    for (const headers of [{}, bearer('not-a-token'), { authorization: 'Basic cWE6aG90bGluZS1kZW1v' }]) {
      const response = await app.inject({ method: 'GET', url: '/api/tickets', headers });
      expect(response.statusCode).toBe(401);
      expect(errorCode(response)).toBe('AUTH_REQUIRED');
    }
  });

  it('the cookie signs in reads (GET) but not writes (POST)', async () => {
    const { token } = (await login({ username: '8001', password: PASSWORD })).json<LoginBody>();
    const cookie = { cookie: `theme=dark; hotline_token=${token}` };
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json<{ user: { id: string } }>().user.id).toBe('8001');
    for (const url of ['/api/auth/logout', '/api/agents/8001/login']) {
      const write = await app.inject({ method: 'POST', url, headers: cookie });
      expect(write.statusCode).toBe(401);
      expect(errorCode(write)).toBe('AUTH_REQUIRED');
    }
    // The refused logout did not sign anyone out.
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('refuses malformed login bodies with 400 REQUEST_INVALID', async () => {
    const bodies = [
      { username: '8001' },
      { password: PASSWORD },
      { username: '8001', password: PASSWORD, role: 'admin' },
      { username: '8001', password: 'x'.repeat(300) },
      { username: '', password: PASSWORD },
      { username: '8001', password: '' },
      { username: ['8001', 'qa'], password: PASSWORD },
    ];
    for (const payload of bodies) {
      const response = await login(payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(errorCode(response)).toBe('REQUEST_INVALID');
    }
    // None of them reached the password check.
    expect(auditLines()).toEqual([]);
  });

  it('/health is public', async () => {
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json<unknown>()).toEqual({ status: 'ok', ari: 'up', ami: 'up', db: 'up', pbx: 'running' });
  });

  it('the OpenAPI document lists the ticket and QA routes', async () => {
    const docs = await asAgent({ method: 'GET', url: '/docs/json' });
    expect(docs.statusCode).toBe(200);
    const paths = Object.keys(docs.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/tickets', '/api/qa/reviews', '/api/reports/daily', '/api/auth/login']));
  });

  it('/docs/json is public (no sign-in needed to read the API description)', async () => {
    const docs = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json<{ paths: Record<string, unknown> }>().paths)).toEqual(expect.arrayContaining(['/api/tickets', '/api/qa/reviews']));
  });

  it('an agent gets 403 AUTH_FORBIDDEN on a supervisor-only route and when changing another agent', async () => {
    const feedback = await asAgent({ method: 'POST', url: '/api/tickets/1/feedback', payload: { version: 1, kind: 'response' } });
    expect(feedback.statusCode).toBe(403);
    expect(errorCode(feedback)).toBe('AUTH_FORBIDDEN');
    const other = await asAgent({ method: 'POST', url: '/api/agents/8002/pause', payload: { reason: 'meal' } });
    expect(other.statusCode).toBe(403);
    expect(errorCode(other)).toBe('AUTH_FORBIDDEN');
    const agents = (await asAgent({ method: 'GET', url: '/api/agents' })).json<{ agents: { id: string; state: string }[] }>().agents;
    expect(agents.find((a) => a.id === '8002')?.state).toBe('logged_out');
    // Their own state is theirs to change.
    expect((await asAgent({ method: 'POST', url: '/api/agents/8001/login' })).statusCode).toBe(200);
  });

  it('writes every login attempt to the audit log', async () => {
    await login({ username: '8001', password: PASSWORD });
    await login({ username: '8001', password: 'wrong' });
    await login({ username: 'nobody', password: PASSWORD });
    for (let attempt = 2; attempt <= 5; attempt++) await login({ username: '8001', password: 'wrong' });
    await login({ username: '8001', password: PASSWORD });
    const lines = auditLines();
    expect(lines.map(({ actor, role, action, target, result }) => ({ actor, role, action, target, result }))).toEqual([
      { actor: '8001', role: 'agent', action: 'auth.login', target: 'user:8001', result: 'ok' },
      { actor: '8001', role: 'agent', action: 'auth.login', target: 'user:8001', result: 'denied' },
      { actor: 'nobody', role: 'unknown', action: 'auth.login', target: 'user:nobody', result: 'denied' },
      ...[2, 3, 4, 5].map(() => ({ actor: '8001', role: 'agent', action: 'auth.login', target: 'user:8001', result: 'denied' })),
      // The attempt while locked is refused without checking the password, and logged with the user's role.
      { actor: '8001', role: 'agent', action: 'auth.login', target: 'user:8001', result: 'denied' },
    ]);
    const at = database.sqlite.prepare("select distinct at from audit_log where action = 'auth.login'").all() as { at: number }[];
    expect(at).toEqual([{ at: NOW }]);
    // The password itself is never written.
    expect(JSON.stringify(lines)).not.toContain(PASSWORD);
  });

  it('stores the audit detail as one JSON object (reason, failure count), and no detail as SQL null', async () => {
    await login({ username: '8001', password: PASSWORD });
    for (let attempt = 1; attempt <= 5; attempt++) await login({ username: '8001', password: 'wrong' });
    await login({ username: '8001', password: PASSWORD });
    const rows = database.sqlite
      .prepare("select result, detail is null as empty, json_extract(detail, '$.reason') as reason, json_extract(detail, '$.failures') as failures from audit_log order by id")
      .all() as { result: string; empty: number; reason: string | null; failures: number | null }[];
    expect(rows).toEqual([
      { result: 'ok', empty: 1, reason: null, failures: null },
      ...[1, 2, 3, 4, 5].map((failures) => ({ result: 'denied', empty: 0, reason: 'bad-credentials', failures })),
      { result: 'denied', empty: 0, reason: 'locked', failures: null },
    ]);
  });
});
