// GET /api/metrics: the ARI hops' timings for admins only, as count, p50, p90, p99 and max per
// event type and per request route (with its pool, errors and timeouts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

describe('GET /api/metrics', () => {
  let http: HttpTestApp;
  beforeAll(async () => {
    http = await startHttpTestApp();
  });
  afterAll(async () => http.close());

  it('is refused to agents, supervisors and QA (AUTH_FORBIDDEN), and without a token (AUTH_REQUIRED)', async () => {
    for (const user of ['8001', 'supervisor', 'qa']) {
      const reply = await http.as(user)({ method: 'GET', url: '/api/metrics' });
      expect([user, reply.statusCode, reply.json<{ error: { code: string } }>().error.code]).toEqual([user, 403, 'AUTH_FORBIDDEN']);
    }
    const anonymous = await http.app.inject({ method: 'GET', url: '/api/metrics' });
    expect([anonymous.statusCode, anonymous.json<{ error: { code: string } }>().error.code]).toEqual([401, 'AUTH_REQUIRED']);
  });

  it('answers an admin with nothing before the first sample', async () => {
    const reply = await http.as('admin')({ method: 'GET', url: '/api/metrics' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string, admission: expect.objectContaining({ mode: 'admit', sheds: 0 }) as unknown, ariEvents: [], ariRequests: [], amiActions: [], phoneSockets: 0 });
  });

  it('answers an admin with each event type and route that has samples', async () => {
    for (const ms of [1, 2, 3, 40]) http.metrics.timing('ari-event', 'StasisStart').record(ms);
    http.metrics.timing('ari-request', 'POST /channels/{id}/play').record(2);
    http.metrics.timing('ari-request', 'POST /channels/{id}/play').record(5000, 'timeout');
    http.metrics.timing('ari-request', 'POST /channels').record(30, 'error');
    http.metrics.timing('ami-action', 'MixMonitor').record(3);
    http.metrics.timing('ami-action', 'MixMonitor').record(5000, 'timeout');
    const reply = await http.as('admin')({ method: 'GET', url: '/api/metrics' });
    expect(reply.statusCode).toBe(200);
    const body = reply.json<{ ariEvents: unknown[]; ariRequests: unknown[]; amiActions: unknown[] }>();
    expect(body.amiActions).toEqual([{ action: 'MixMonitor', count: 2, p50: expect.any(Number) as number, p90: expect.any(Number) as number, p99: expect.any(Number) as number, max: expect.any(Number) as number, errors: 0, timeouts: 1 }]);
    expect(body.ariEvents).toEqual([{ type: 'StasisStart', count: 4, p50: expect.any(Number) as number, p90: 40, p99: 40, max: 40 }]);
    expect(body.ariRequests).toEqual([
      { route: 'POST /channels', pool: 'slow', count: 1, p50: 30, p90: 30, p99: 30, max: 30, errors: 1, timeouts: 0 },
      { route: 'POST /channels/{id}/play', pool: 'fast', count: 2, p50: expect.any(Number) as number, p90: 5000, p99: 5000, max: 5000, errors: 0, timeouts: 1 },
    ]);
  });
});
