// Operations over HTTP on a single box: GET /metrics in Prometheus's text format (open without
// HOTLINE_METRICS_TOKEN; with it, only that bearer token passes, a user's sign-in token included
// refused), and GET /api/cluster for supervisors and admins (this server alone on a single box).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? (NaN|[+-]Inf|-?\d+(\.\d+)?(e[+-]?\d+)?)$/;

/** Every line is a HELP, a TYPE or a well-formed sample of a family announced before it. */
function checkExposition(text: string): Map<string, string[]> {
  const families = new Map<string, string[]>();
  let current = '';
  for (const line of text.trimEnd().split('\n')) {
    const head = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (head) {
      current = head[2] ?? '';
      if (head[1] === 'TYPE') expect(['gauge', 'counter', 'summary']).toContain(head[3]);
      if (!families.has(current)) families.set(current, []);
      continue;
    }
    expect(line, line).toMatch(SAMPLE);
    expect(line.startsWith(current), `${line} outside its family ${current}`).toBe(true);
    families.get(current)?.push(line);
  }
  return families;
}

describe('GET /metrics without a token set', () => {
  let http: HttpTestApp;
  beforeAll(async () => {
    http = await startHttpTestApp();
  });
  afterAll(async () => http.close());

  it('answers anyone with the exposition of this server and its ACD, and no cluster families', async () => {
    http.metrics.timing('ari-request', 'POST /channels/{id}/play').record(20);
    http.metrics.timing('ari-request', 'POST /channels/{id}/play').record(5000, 'timeout');
    const reply = await http.app.inject({ method: 'GET', url: '/metrics' });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = checkExposition(reply.body);
    expect(families.get('hotline_pbx_role')).toContain('hotline_pbx_role{pbx="single-box",role="running"} 1');
    expect(families.get('hotline_pbx_role')).toContain('hotline_pbx_role{pbx="single-box",role="standby"} 0');
    expect(families.get('hotline_calls_active')).toEqual(['hotline_calls_active 0']);
    expect(families.get('hotline_tickets_written_total')).toEqual(['hotline_tickets_written_total 0']);
    expect(families.get('hotline_admission_shedding')).toEqual(['hotline_admission_shedding 0']);
    expect(families.get('hotline_ari_request_seconds')).toEqual(expect.arrayContaining(['hotline_ari_request_seconds_count{route="POST /channels/{id}/play",pool="fast"} 2']));
    expect(families.get('hotline_ari_request_timeouts_total')).toEqual(['hotline_ari_request_timeouts_total{route="POST /channels/{id}/play"} 1']);
    const queues = http.acd.queueStats().map((q) => q.queueId);
    expect(queues.length).toBeGreaterThan(0);
    expect(families.get('hotline_queue_waiting')).toEqual(queues.map((id) => `hotline_queue_waiting{queue="${id}"} 0`));
    expect(families.get('hotline_agents')).toContain(`hotline_agents{state="logged_out"} ${http.acd.agents.size}`);
    expect([...families.keys()].filter((name) => name.startsWith('hotline_lease') || name.startsWith('hotline_stream'))).toEqual([]);
    // Counts and timings only: nobody's number or name.
    expect(reply.body).not.toMatch(/1[3-9]\d{9}/);
  });

  it("shows how late the event loop ran, a stretch of synchronous work included", async () => {
    // The loop held for 80 ms, as a long synchronous commit would hold it.
    const until = Date.now() + 80;
    while (Date.now() < until) {
      // busy on purpose
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    const families = checkExposition((await http.app.inject({ method: 'GET', url: '/metrics' })).body);
    const quantiles = families.get('hotline_event_loop_delay_seconds') ?? [];
    expect(quantiles.filter((line) => line.includes('quantile='))).toHaveLength(3);
    expect(quantiles.some((line) => /^hotline_event_loop_delay_seconds_count \d+$/.test(line))).toBe(true);
    const max = Number((families.get('hotline_event_loop_delay_max_seconds')?.[0] ?? '').split(' ')[1]);
    expect(max).toBeGreaterThanOrEqual(0.05);
  });

  it('counts an agent signing in under their new state', async () => {
    expect(await http.acd.login('8001')).toBeNull();
    const reply = await http.app.inject({ method: 'GET', url: '/metrics' });
    expect(checkExposition(reply.body).get('hotline_agents')).toContain('hotline_agents{state="available"} 1');
  });
});

describe('GET /metrics with HOTLINE_METRICS_TOKEN', () => {
  let http: HttpTestApp;
  beforeAll(async () => {
    http = await startHttpTestApp({ env: { HOTLINE_METRICS_TOKEN: 'scrape-secret-1' } });
  });
  afterAll(async () => http.close());

  it('refuses a missing or wrong token, and a user sign-in, with 401 METRICS_TOKEN_INVALID', async () => {
    const asked = [
      await http.app.inject({ method: 'GET', url: '/metrics' }),
      await http.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret-2' } }),
      await http.as('admin')({ method: 'GET', url: '/metrics' }),
    ];
    for (const reply of asked) {
      expect([reply.statusCode, reply.json<{ error: { code: string } }>().error.code, reply.headers['www-authenticate']]).toEqual([401, 'METRICS_TOKEN_INVALID', 'Bearer realm="metrics"']);
    }
  });

  it('answers the scraper that sends the token', async () => {
    const reply = await http.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret-1' } });
    expect(reply.statusCode).toBe(200);
    expect(checkExposition(reply.body).get('hotline_calls_active')).toEqual(['hotline_calls_active 0']);
  });
});

describe('GET /api/cluster on a single box', () => {
  let http: HttpTestApp;
  beforeAll(async () => {
    http = await startHttpTestApp();
  });
  afterAll(async () => http.close());

  it('answers supervisors and admins with this server alone', async () => {
    for (const user of ['supervisor', 'admin']) {
      const reply = await http.as(user)({ method: 'GET', url: '/api/cluster' });
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toEqual({
        cluster: false,
        node: { node: expect.any(String) as string, pbx: null, pbxRole: 'running', mayLead: true, url: '', startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string },
      });
    }
  });

  it('refuses agents and QA (AUTH_FORBIDDEN), and anyone not signed in (AUTH_REQUIRED)', async () => {
    for (const user of ['8001', 'qa']) {
      const reply = await http.as(user)({ method: 'GET', url: '/api/cluster' });
      expect([user, reply.statusCode, reply.json<{ error: { code: string } }>().error.code]).toEqual([user, 403, 'AUTH_FORBIDDEN']);
    }
    const anonymous = await http.app.inject({ method: 'GET', url: '/api/cluster' });
    expect([anonymous.statusCode, anonymous.json<{ error: { code: string } }>().error.code]).toEqual([401, 'AUTH_REQUIRED']);
  });
});
