// The audit log over HTTP: entries written by the real routes (a recording played, refused and
// unavailable; a ticket filed; a failed sign-in) read back with each filter, in keyset pages, and
// as CSV for Excel; only QA staff and admins may read it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { AuditReply } from '../../src/contract/api/audit.js';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp, type Inject } from '../helpers/http-app.js';
import { seedRecording } from '../helpers/wav-recording.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (at: number): string => new Date(at).toISOString();
const errorCode = (response: LightMyRequestResponse): string => response.json<{ error: { code: string } }>().error.code;

// What the real routes write, oldest first (T0 is Monday 2026-11-23 10:00 China time).
const PLAYED = 'qa recording.play ok';
const REFUSED = '8002 recording.play denied';
const UNAVAILABLE = 'supervisor recording.play failed';
const FILED = '8001 ticket.file ok';
const BAD_LOGIN = 'nobody auth.login denied';

describe('the audit log over HTTP', () => {
  let http: HttpTestApp;
  let clock: number;
  let recordingsDir: string;
  let qa: Inject;
  let ticketId: number;

  const get = async (url: string, as: Inject = qa): Promise<AuditReply> => {
    const response = await as({ method: 'GET', url });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json<AuditReply>();
  };
  const what = async (query: string): Promise<string[]> => (await get(`/api/audit${query}`)).entries.map((e) => `${e.actor} ${e.action} ${e.result}`);
  const at = async (when: number, action: () => Promise<LightMyRequestResponse>, status: number): Promise<void> => {
    clock = when;
    expect((await action()).statusCode).toBe(status);
  };

  beforeEach(async () => {
    clock = T0 + MINUTE;
    recordingsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-audit-'));
    http = await startHttpTestApp({ now: () => clock, recordingsDir });
    qa = http.as('qa');
    const answered = async (callId: string, agentId: string): Promise<void> => {
      const recordings = [{ name: `call-${callId}`, kind: 'conversation' as const, format: 'wav' as const, startedAt: T0 + 10_200 }];
      await http.tickets.closeCallWithTicket(callFacts(callId, { queue: 'general', queuedAt: T0 + 5_000, agentId, agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000, recordings }), T0 + 70_010);
    };
    await answered('answered-1', '8001');
    await answered('answered-2', '8002');
    ticketId = (await http.tickets.getByCall('answered-1'))?.id ?? 0;
  });
  afterEach(async () => {
    await http.close();
    fs.rmSync(recordingsDir, { recursive: true, force: true });
  });

  /** The five entries above, each a minute or a day apart. */
  const writeThroughTheRoutes = async (): Promise<void> => {
    await seedRecording(http, recordingsDir, 'call-answered-1', 500);
    const recording = (id: string): string => `/api/recordings/${id}`;
    await at(T0 + MINUTE, () => qa({ method: 'GET', url: recording('call-answered-1'), headers: { range: 'bytes=0-99' } }), 206);
    await at(T0 + 2 * MINUTE, () => http.as('8002')({ method: 'GET', url: recording('call-answered-1') }), 403);
    await at(T0 + 3 * MINUTE, () => http.as('supervisor')({ method: 'GET', url: recording('call-answered-2') }), 409);
    await at(T0 + DAY, () => http.as('8001')({ method: 'PATCH', url: `/api/tickets/${ticketId}`, payload: { version: 1, title: '路灯不亮' } }), 200);
    await at(T0 + DAY + MINUTE, () => http.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong-password' } }), 401);
  };

  it('answers every entry newest first, with when, who, what, the result and the detail', async () => {
    await writeThroughTheRoutes();
    const { entries, nextCursor } = await get('/api/audit');
    expect(entries.map((e) => `${e.actor} ${e.action} ${e.result}`)).toEqual([BAD_LOGIN, FILED, UNAVAILABLE, REFUSED, PLAYED]);
    expect(nextCursor).toBeNull();
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    expect(entries[4]).toEqual({ id: expect.any(Number), at: iso(T0 + MINUTE), actor: 'qa', role: 'qa', action: 'recording.play', object: 'recording:call-answered-1', result: 'ok', detail: { range: 'bytes=0-99' } });
    expect(entries[3]).toMatchObject({ at: iso(T0 + 2 * MINUTE), role: 'agent', detail: { reason: expect.any(String) } });
    expect(entries[1]).toMatchObject({ at: iso(T0 + DAY), object: `ticket:${ticketId}`, detail: { version: 2 } });
    expect(entries[0]).toMatchObject({ role: 'unknown', object: 'user:nobody', detail: { reason: 'bad-credentials', failures: 1 } });
  });

  it('filters by actor, object (any of several), action, result and time (China days or instants)', async () => {
    await writeThroughTheRoutes();
    expect(await what('?actor=qa')).toEqual([PLAYED]);
    expect(await what('?actor=8002')).toEqual([REFUSED]);
    expect(await what('?actor=someone-else')).toEqual([]);
    expect(await what('?object=recording:call-answered-1')).toEqual([REFUSED, PLAYED]);
    expect(await what(`?object=recording:call-answered-1&object=ticket:${ticketId}`)).toEqual([FILED, REFUSED, PLAYED]);
    expect(await what('?object=recording:call-answered')).toEqual([]);
    expect(await what('?action=recording.play')).toEqual([UNAVAILABLE, REFUSED, PLAYED]);
    expect(await what('?action=ticket.file')).toEqual([FILED]);
    expect(await what('?result=denied')).toEqual([BAD_LOGIN, REFUSED]);
    expect(await what('?result=failed')).toEqual([UNAVAILABLE]);
    expect(await what('?result=ok&action=recording.play')).toEqual([PLAYED]);
    expect(await what('?from=2026-11-24')).toEqual([BAD_LOGIN, FILED]);
    expect(await what('?to=2026-11-23')).toEqual([UNAVAILABLE, REFUSED, PLAYED]);
    expect(await what('?from=2026-11-23&to=2026-11-23')).toEqual([UNAVAILABLE, REFUSED, PLAYED]);
    expect(await what('?from=2026-11-22&to=2026-11-22')).toEqual([]);
    // An instant is taken as given: from included, to excluded.
    expect(await what(`?from=${iso(T0 + 2 * MINUTE)}&to=${iso(T0 + DAY)}`)).toEqual([UNAVAILABLE, REFUSED]);
  });

  it('call=<id> means the objects of that call: its recordings and its ticket', async () => {
    await writeThroughTheRoutes();
    expect(await what('?call=answered-1')).toEqual([FILED, REFUSED, PLAYED]);
    expect(await what('?call=answered-1&action=recording.play')).toEqual([REFUSED, PLAYED]);
    expect(await what('?call=answered-2')).toEqual([UNAVAILABLE]);
    // With objects as well: the objects of the call among those named.
    expect(await what(`?call=answered-1&object=ticket:${ticketId}`)).toEqual([FILED]);
    expect(await what('?call=answered-1&object=recording:call-answered-2')).toEqual([]);
    // A call the server does not know has nothing in the log (rather than everything).
    expect(await what('?call=no-such-call')).toEqual([]);
  });

  it('pages newest first with nextCursor over more entries than a page, every entry once; a foreign cursor is AUDIT_CURSOR_INVALID', async () => {
    for (let i = 0; i < 250; i += 1) {
      await http.office.audit.write({ at: T0 + i * 1000, actor: 'bulk', role: 'qa', action: 'recording.play', target: `recording:bulk-${i % 3}`, result: 'ok' });
    }
    await http.office.audit.write({ at: T0, actor: 'other', role: 'qa', action: 'recording.play', target: 'recording:bulk-0', result: 'ok' });
    const walk = async (query: string): Promise<{ sizes: number[]; ids: number[] }> => {
      const sizes: number[] = [];
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const page: AuditReply = await get(`/api/audit${query}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
        sizes.push(page.entries.length);
        ids.push(...page.entries.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return { sizes, ids };
    };
    const all = await walk('?actor=bulk&limit=100');
    expect(all.sizes).toEqual([100, 100, 50]);
    expect(new Set(all.ids).size).toBe(250);
    expect(all.ids).toEqual([...all.ids].sort((a, b) => b - a));
    // The filters hold on every page: 84 of the 250 are on bulk-0.
    expect((await walk('?actor=bulk&object=recording:bulk-0&limit=30')).sizes).toEqual([30, 30, 24]);
    const first = await get('/api/audit?actor=bulk');
    expect(first.entries).toHaveLength(100);
    expect(first.entries[0]).toMatchObject({ at: iso(T0 + 249_000), detail: null });

    const ticketCursor = Buffer.from(`${T0}:1`).toString('base64url');
    for (const cursor of ['bm9wZQ', ticketCursor, Buffer.from('audit:x').toString('base64url'), '']) {
      const bad = await qa({ method: 'GET', url: `/api/audit?cursor=${cursor}` });
      expect([bad.statusCode, errorCode(bad)], cursor).toEqual([400, 'AUDIT_CURSOR_INVALID']);
    }
  });

  it('refuses what is not a filter it takes with REQUEST_INVALID', async () => {
    const tooMany = Array.from({ length: 21 }, (_, i) => `object=ticket:${i}`).join('&');
    const queries = ['?limit=0', '?limit=501', '?limit=ten', '?result=maybe', '?from=2026-02-30', '?to=yesterday', '?action=Recording.Play', `?actor=${'a'.repeat(65)}`, `?${tooMany}`, '?agent=8001', '?call=bad%20id'];
    for (const query of queries) {
      const bad = await qa({ method: 'GET', url: `/api/audit${query}` });
      expect([bad.statusCode, errorCode(bad)], query).toEqual([400, 'REQUEST_INVALID']);
    }
    for (const query of ['?limit=10', '?cursor=bm9wZQ', '?result=maybe']) {
      const bad = await qa({ method: 'GET', url: `/api/audit.csv${query}` });
      expect([bad.statusCode, errorCode(bad)], query).toEqual([400, 'REQUEST_INVALID']);
    }
    expect((await get('/api/audit?limit=500')).entries).toEqual([]);
  });

  it('GET /api/audit.csv: the same filters as UTF-8 CSV with a BOM, cells quoted and formulas defused', async () => {
    await writeThroughTheRoutes();
    clock = T0 + DAY + 2 * MINUTE;
    await http.office.audit.write({ at: clock, actor: '=HYPERLINK("http://evil.example","点这里")', role: 'unknown', action: 'auth.login', target: 'user:+1', result: 'denied', detail: { note: '-2, "引号"' } });
    await http.office.audit.write({ at: clock, actor: '@SUM(A1)', role: 'unknown', action: 'auth.login', target: 'user:-1', result: 'denied' });
    const response = await qa({ method: 'GET', url: '/api/audit.csv?from=2026-11-24&to=2026-11-24' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="audit-2026-11-24-2026-11-24.csv"');
    expect(response.headers['x-audit-truncated']).toBeUndefined();
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = response.rawPayload.toString('utf8').slice(1).split('\r\n');
    const [atSign, injected, login, filed] = (await get('/api/audit?from=2026-11-24&to=2026-11-24')).entries;
    // A JSON detail has quotes and commas: the cell is quoted and its quotes doubled.
    const loginDetail = `"${JSON.stringify(login?.detail).replaceAll('"', '""')}"`;
    expect(loginDetail).toMatch(/^"\{""reason"":""bad-credentials"",""failures"":1[,}]/);
    expect(lines).toEqual([
      '编号 id,时间 time,用户 actor,角色 role,操作 action,对象 object,结果 result,详情 detail',
      `${atSign?.id},${iso(clock)},'@SUM(A1),unknown,auth.login,user:-1,denied,`,
      `${injected?.id},${iso(clock)},"'=HYPERLINK(""http://evil.example"",""点这里"")",unknown,auth.login,user:+1,denied,"{""note"":""-2, \\""引号\\""""}"`,
      `${login?.id},${iso(T0 + DAY + MINUTE)},nobody,unknown,auth.login,user:nobody,denied,${loginDetail}`,
      `${filed?.id},${iso(T0 + DAY)},8001,agent,ticket.file,ticket:${ticketId},ok,"{""version"":2,""status"":""accepted""}"`,
      '',
    ]);

    // The call's recording accesses, as the QA page links them; no range: from the start, to today.
    const ofCall = await qa({ method: 'GET', url: '/api/audit.csv?call=answered-1&action=recording.play' });
    expect(ofCall.headers['content-disposition']).toBe('attachment; filename="audit-start-2026-11-24.csv"');
    const rows = ofCall.rawPayload.toString('utf8').split('\r\n').slice(1, -1);
    expect(rows.map((row) => row.split(',').slice(2, 7).join(' '))).toEqual(['8002 agent recording.play recording:call-answered-1 denied', 'qa qa recording.play recording:call-answered-1 ok']);
    const instants = await qa({ method: 'GET', url: `/api/audit.csv?from=${iso(T0)}` });
    expect(instants.headers['content-disposition']).toBe('attachment; filename="audit-2026-11-23T020000000Z-2026-11-24.csv"');
  });

  it('GET /api/audit.csv holds the newest 10,000 entries and says when there were more', async () => {
    const insert = http.database.sqlite.prepare("insert into audit_log (at, actor, role, action, target, result) values (?, 'bulk', 'qa', 'recording.play', 'recording:x', 'ok')");
    http.database.sqlite.transaction(() => {
      for (let i = 0; i < 10_001; i += 1) insert.run(T0 + i);
    })();
    const response = await qa({ method: 'GET', url: '/api/audit.csv?actor=bulk' });
    expect(response.headers['x-audit-truncated']).toBe('true');
    const lines = response.rawPayload.toString('utf8').split('\r\n');
    expect(lines).toHaveLength(1 + 10_000 + 1);
    expect(lines[1]).toContain(iso(T0 + 10_000));
    expect(lines[10_000]).toContain(iso(T0 + 1));
  });

  it('only QA staff and admins read the log: agents and supervisors get AUTH_FORBIDDEN, no token AUTH_REQUIRED', async () => {
    for (const url of ['/api/audit', '/api/audit.csv']) {
      for (const user of ['qa', 'admin']) expect((await http.as(user)({ method: 'GET', url })).statusCode, `${user} ${url}`).toBe(200);
      for (const user of ['8001', 'supervisor']) {
        const refused = await http.as(user)({ method: 'GET', url });
        expect([refused.statusCode, errorCode(refused)], `${user} ${url}`).toEqual([403, 'AUTH_FORBIDDEN']);
      }
      const anonymous = await http.app.inject({ method: 'GET', url });
      expect([anonymous.statusCode, errorCode(anonymous)]).toEqual([401, 'AUTH_REQUIRED']);
    }
  });
});
