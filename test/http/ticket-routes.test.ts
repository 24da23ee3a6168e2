// The work-order cycle over HTTP on a real SQLite with the real migrations: filing, SLA, dispatch,
// unit feedback, return visits, warnings, role checks, filters and pages, and recordings served.
import { NodeTimers } from '../../src/adapters/clock/node-timers.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenDatabase } from '../../src/adapters/db/open-database.js';
import { KnowledgeStore } from '../../src/adapters/db/knowledge-store.js';
import { TicketStore } from '../../src/adapters/db/ticket-store.js';
import { createLogger } from '../../src/logging/logger.js';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';
import { wav } from '../helpers/wav-recording.js';
import { waitForAsync } from '../helpers/wait.js';

const HOUR = 3_600_000;


describe('work orders over HTTP', () => {
  let database: OpenDatabase;
  let http: HttpTestApp;
  let tickets: TicketStore;
  let clock: number;
  let recordingsDir: string;

  beforeEach(async () => {
    clock = T0 + 60_000;
    recordingsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-recordings-'));
    http = await startHttpTestApp({ now: () => clock, recordingsDir });
    database = http.database;
    tickets = http.tickets;
    // T0 is Monday 2026-11-23 10:00 China time: an answered call of agent 8001, and one nobody answered.
    await tickets.closeCallWithTicket(
      callFacts('answered-1', { queue: 'general', queuedAt: T0 + 5_000, agentId: '8001', agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000, recordings: [{ name: 'call-answered-1', kind: 'conversation', format: 'wav', startedAt: T0 + 10_200 }] }),
      T0 + 70_010,
    );
    await tickets.closeCallWithTicket(callFacts('missed-1', { callerNumber: '13900002222', queue: 'general', queuedAt: T0 + 5_000, endedAt: T0 + 40_000 }), T0 + 40_010);
  });
  afterEach(async () => {
    await http.close();
    fs.rmSync(recordingsDir, { recursive: true, force: true });
  });

  const ticketOf = (callId: string): { id: number; version: number } => {
    // Read from the file, as an auditor would: the tests name tickets inline, synchronously.
    const row = http.database.sqlite.prepare('select id, version from tickets where call_id = ?').get(callId) as { id: number; version: number } | undefined;
    if (!row) throw new Error(`no ticket for ${callId}`);
    return { id: row.id, version: row.version };
  };

  it('lists tickets newest first with filters and keyset pages; bad filters and cursors get stable codes', async () => {
    const sup = http.as('supervisor');
    const all = (await sup({ method: 'GET', url: '/api/tickets' })).json();
    expect(all.tickets.map((t: { callId: string }) => t.callId)).toEqual(['answered-1', 'missed-1']);
    expect(all.tickets[1]).toMatchObject({ status: 'missed', missedIn: 'queue', callerNumber: '13900002222' });
    const missed = (await sup({ method: 'GET', url: '/api/tickets?status=missed' })).json();
    expect(missed.tickets.map((t: { callId: string }) => t.callId)).toEqual(['missed-1']);
    expect((await sup({ method: 'GET', url: '/api/tickets?agent=8001&from=2026-11-23&to=2026-11-23' })).json().tickets).toHaveLength(1);
    expect((await sup({ method: 'GET', url: '/api/tickets?from=2026-11-24' })).json().tickets).toHaveLength(0);
    expect((await sup({ method: 'GET', url: '/api/tickets?caller=13900002222' })).json().tickets).toHaveLength(1);
    const first = (await sup({ method: 'GET', url: '/api/tickets?limit=1' })).json();
    expect(first.tickets).toHaveLength(1);
    const second = (await sup({ method: 'GET', url: `/api/tickets?limit=1&cursor=${first.nextCursor}` })).json();
    expect(second).toMatchObject({ tickets: [{ callId: 'missed-1' }], nextCursor: null });
    const badCursor = await sup({ method: 'GET', url: '/api/tickets?cursor=bm9wZQ' });
    expect([badCursor.statusCode, badCursor.json().error.code]).toEqual([400, 'TICKET_CURSOR_INVALID']);
    for (const query of ['status=lost', 'limit=0', 'limit=1000', 'category=1', 'from=yesterday', 'colour=red', 'caller=abc']) {
      const bad = await sup({ method: 'GET', url: `/api/tickets?${query}` });
      expect([query, bad.statusCode, bad.json().error.code]).toEqual([query, 400, 'REQUEST_INVALID']);
    }
    expect((await http.app.inject({ method: 'GET', url: '/api/tickets' })).json().error.code).toBe('AUTH_REQUIRED');
  });

  it('finds tickets by text: 2 characters or more over any range, a single character within a month', async () => {
    const { id } = ticketOf('answered-1');
    await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 1, title: '电梯故障', description: '幸福小区3栋电梯困人', location: '南湖街道' } });
    const sup = http.as('supervisor');
    const search = async (query: string): Promise<string[]> => {
      const response = await sup({ method: 'GET', url: `/api/tickets?${query}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().tickets.map((t: { callId: string }) => t.callId);
    };
    expect(await search(`q=${encodeURIComponent('电梯困人')}`)).toEqual(['answered-1']);
    expect(await search(`q=${encodeURIComponent('南湖街道')}`)).toEqual(['answered-1']);
    expect(await search(`q=${encodeURIComponent('20261123-000001')}`)).toEqual(['answered-1']);
    expect(await search(`q=${encodeURIComponent('"电梯" OR *')}`)).toEqual([]);
    expect(await search(`q=${encodeURIComponent('核酸检测')}`)).toEqual([]);
    // Edits are indexed as they are saved.
    await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 2, description: '楼道灯不亮' } });
    expect(await search(`q=${encodeURIComponent('电梯困人')}`)).toEqual([]);
    expect(await search(`q=${encodeURIComponent('楼道灯')}`)).toEqual(['answered-1']);
    expect(await search(`q=${encodeURIComponent('灯')}&from=2026-11-01&to=2026-11-23`)).toEqual(['answered-1']);
    // Two characters: the index of character pairs, without a range or over a year.
    expect(await search(`q=${encodeURIComponent('楼道')}`)).toEqual(['answered-1']);
    expect(await search(`q=${encodeURIComponent('道灯')}&from=2025-01-01`)).toEqual(['answered-1']);
    expect(await search(`q=${encodeURIComponent('困人')}`)).toEqual([]);
    expect(await search(`q=${encodeURIComponent('电梯')}`)).toEqual(['answered-1']);
    expect(await search(`q=${encodeURIComponent('"*')}`)).toEqual([]);
    const short = await sup({ method: 'GET', url: `/api/tickets?q=${encodeURIComponent('灯')}` });
    expect([short.statusCode, short.json().error.code]).toEqual([400, 'TICKET_TEXT_TOO_SHORT']);
    const long = await sup({ method: 'GET', url: `/api/tickets?q=${encodeURIComponent('灯')}&from=2026-01-01` });
    expect(long.json().error.code).toBe('TICKET_TEXT_TOO_SHORT');
  });

  it('the agent files the request: type, category and text merge into the call ticket, with the SLA due time', async () => {
    const { id } = ticketOf('answered-1');
    const filed = await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 1, requestType: 'consultation', categoryCode: '0301', title: '停水', description: '小区停水两天了', location: '南湖街道幸福小区3栋', area: '南湖街道' } });
    expect(filed.statusCode).toBe(200);
    // A consultation received Monday 10:00 is due at 24:00 on Tuesday, China time.
    expect(filed.json().ticket).toMatchObject({ version: 2, requestType: 'consultation', categoryCode: '0301', dueAt: '2026-11-24T16:00:00.000Z' });
    const complaint = await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 2, requestType: 'complaint' } });
    // Four working days after Monday: Friday 24:00.
    expect(complaint.json().ticket).toMatchObject({ version: 3, dueAt: '2026-11-27T16:00:00.000Z' });
    const detail = (await http.as('8001')({ method: 'GET', url: `/api/tickets/${id}` })).json().ticket;
    expect(detail).toMatchObject({ description: '小区停水两天了', filedBy: '8001', call: { talkMs: 60_000, waitMs: 5_000 } });
    expect(detail.history.map((e: { kind: string }) => e.kind)).toEqual(['created', 'filed', 'edited']);

    const stale = await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 1, description: 'x' } });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'TICKET_VERSION_CONFLICT']);
    const other = await http.as('8002')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 3, description: 'x' } });
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'TICKET_NOT_YOURS']);
    const unknownCategory = await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 3, categoryCode: '9999' } });
    expect([unknownCategory.statusCode, unknownCategory.json().error.code]).toEqual([400, 'TICKET_CATEGORY_UNKNOWN']);
    const badCode = await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 3, enterpriseCreditCode: '91350100M000100Y44' } });
    expect(badCode.json().error.code).toBe('TICKET_CREDIT_CODE_INVALID');
    for (const payload of [{ description: 'no version' }, { version: 3, requestType: 'gossip' }, { version: 3, status: 'closed' }, { version: 3, description: 'x'.repeat(5001) }]) {
      expect((await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload })).json().error.code).toBe('REQUEST_INVALID');
    }
    expect((await http.as('supervisor')({ method: 'GET', url: '/api/tickets/20261123-000099' })).json().error.code).toBe('TICKET_NOT_FOUND');
    expect((await tickets.get(id))?.version).toBe(3);
    // Changes and refusals are in the audit log too, with who and which version.
    const audit = database.sqlite.prepare("select actor, action, result, detail from audit_log where target = ? order by id").all(`ticket:${id}`) as { actor: string; action: string; result: string; detail: string }[];
    expect(audit.slice(0, 4).map((row) => [row.actor, row.action, row.result, JSON.parse(row.detail)])).toEqual([
      ['8001', 'ticket.file', 'ok', { version: 2, status: 'accepted' }],
      ['8001', 'ticket.file', 'ok', { version: 3, status: 'accepted' }],
      ['8001', 'ticket.file', 'denied', { code: 'TICKET_VERSION_CONFLICT' }],
      ['8002', 'ticket.file', 'denied', { code: 'TICKET_NOT_YOURS' }],
    ]);
  });

  it('files the knowledge articles used (each once, at most 10), shows them on the order with their titles, keeps them in its history; unknown ones stay, untitled', async () => {
    const { id } = ticketOf('answered-1');
    const known = await new KnowledgeStore(database.db).create(
      { title: '住宅专项维修资金使用申请', body: '业主申请使用维修资金……', kind: 'guide', categoryCode: '0201', sourceDocument: null, sourceNumber: null, ownerUnit: null, validFrom: null, validTo: null, reviewDue: null, alsoCategories: [] },
      'published',
      { by: 'editor', at: clock, note: null },
    );
    const used = [{ id: known.articleId, version: known.version }, { id: 9_999, version: 1 }, { id: known.articleId, version: 3 }];
    const filed = await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 1, requestType: 'consultation', articlesUsed: used } });
    expect(filed.statusCode).toBe(200);
    const detail = (await http.as('8001')({ method: 'GET', url: `/api/tickets/${id}` })).json().ticket;
    // An id the knowledge base does not know is kept as filed and shown without a title.
    expect(detail.articlesUsed).toEqual([
      { id: known.articleId, version: 1, title: '住宅专项维修资金使用申请' },
      { id: 9_999, version: 1, title: '' },
    ]);
    expect(detail.history.at(-1)).toMatchObject({ kind: 'filed', data: { fields: expect.arrayContaining(['articlesUsed']), articlesUsed: [{ id: known.articleId, version: 1 }, { id: 9_999, version: 1 }] } });
    // The list is replaced as a whole: an empty one clears it.
    const cleared = await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 2, articlesUsed: [] } });
    expect(cleared.statusCode).toBe(200);
    expect((await tickets.get(id))?.articlesUsed).toEqual([]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ id: i + 1, version: 1 }));
    for (const articlesUsed of [eleven, [{ id: 0, version: 1 }], [{ id: 1 }], [{ id: 1, version: 1, title: '自填' }], 'none']) {
      const reply = await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 3, articlesUsed } });
      expect([reply.statusCode, reply.json().error.code], JSON.stringify(articlesUsed).slice(0, 40)).toEqual([400, 'REQUEST_INVALID']);
    }
    expect((await tickets.get(id))?.version).toBe(3);
  });

  it('suggests the unit, dispatches with the 1345 clocks, takes the unit feedback and the return visits, and closes', async () => {
    const { id } = ticketOf('answered-1');
    const agent = http.as('8001');
    const sup = http.as('supervisor');
    const early = await agent({ method: 'POST', url: `/api/tickets/${id}/dispatch`, payload: { version: 1, mainUnit: 'water-group' } });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'TICKET_TYPE_REQUIRED']);
    await agent({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 1, requestType: 'help', categoryCode: '0301', description: '小区停水，水管爆裂' } });
    const suggestion = (await agent({ method: 'GET', url: `/api/tickets/${id}/dispatch-suggestion` })).json().suggestion;
    expect(suggestion).toMatchObject({ main: 'water-group', urgent: true });
    const unknown = await agent({ method: 'POST', url: `/api/tickets/${id}/dispatch`, payload: { version: 2, mainUnit: 'nobody' } });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'TICKET_UNIT_UNKNOWN']);
    const dispatched = await agent({ method: 'POST', url: `/api/tickets/${id}/dispatch`, payload: { version: 2, mainUnit: 'water-group', assistingUnits: ['nanhu-subdistrict'] } });
    expect(dispatched.json().ticket).toMatchObject({ status: 'dispatched', mainUnit: 'water-group', version: 3 });
    const sla = (await sup({ method: 'GET', url: `/api/tickets/${id}` })).json().ticket.sla;
    // Dispatched Monday: sign by Tuesday, reply by Thursday, follow up by Friday, close by next Monday (24:00 China time).
    expect(sla).toMatchObject({ signBy: '2026-11-24T16:00:00.000Z', replyBy: '2026-11-26T16:00:00.000Z', followUpBy: '2026-11-27T16:00:00.000Z', closeBy: '2026-11-30T16:00:00.000Z' });

    expect((await agent({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: 3, kind: 'response' } })).json().error.code).toBe('AUTH_FORBIDDEN');
    clock += HOUR;
    const signed = await sup({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: 3, kind: 'response', note: '已签收' } });
    expect(signed.json().ticket?.status, signed.body).toBe('in-progress');
    expect((await sup({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: 4, kind: 'reply', note: '已抢修' } })).json().ticket.status).toBe('replied');
    // The return visit is made from the return-visit list (8004 works it), not by the agent who took the call.
    const own = await agent({ method: 'POST', url: `/api/tickets/${id}/satisfaction`, payload: { version: 5, rating: 'satisfied' } });
    expect([own.statusCode, own.json().error.code]).toEqual([403, 'TICKET_NOT_YOURS']);
    const visitor = http.as('8004');
    const first = await visitor({ method: 'POST', url: `/api/tickets/${id}/satisfaction`, payload: { version: 5, rating: 'dissatisfied' } });
    // A dissatisfied citizen reopens the order.
    expect(first.json().ticket).toMatchObject({ status: 'in-progress', satisfaction: 'dissatisfied', warning: null });
    await sup({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: 6, kind: 'reply' } });
    const second = await visitor({ method: 'POST', url: `/api/tickets/${id}/satisfaction`, payload: { version: 7, rating: 'dissatisfied' } });
    // Twice dissatisfied in a row: the green warning.
    expect(second.json().ticket).toMatchObject({ status: 'in-progress', warning: 'green' });
    await sup({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: 8, kind: 'reply' } });
    const satisfied = await visitor({ method: 'POST', url: `/api/tickets/${id}/satisfaction`, payload: { version: 9, rating: 'basically-satisfied' } });
    expect(satisfied.json().ticket).toMatchObject({ status: 'replied', warning: null });
    const closed = await agent({ method: 'POST', url: `/api/tickets/${id}/status`, payload: { version: 10, to: 'closed', note: '回访基本满意' } });
    expect(closed.json().ticket.status).toBe('closed');
    const reopen = await sup({ method: 'POST', url: `/api/tickets/${id}/dispatch`, payload: { version: 11, mainUnit: 'water-group' } });
    expect([reopen.statusCode, reopen.json().error.code]).toEqual([409, 'TICKET_TRANSITION_INVALID']);
    const history = (await sup({ method: 'GET', url: `/api/tickets/${id}` })).json().ticket.history as { kind: string; toStatus: string | null }[];
    expect(history.map((e) => e.kind)).toEqual(['created', 'filed', 'dispatch', 'response', 'reply', 'satisfaction', 'status', 'reply', 'satisfaction', 'status', 'reply', 'satisfaction', 'status']);
    expect(history.at(-1)?.toStatus).toBe('closed');
  });

  it('turns a dispatched order red after 24 hours without a response, and yellow after 3 days without progress', async () => {
    const { id } = ticketOf('answered-1');
    await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 1, requestType: 'complaint', categoryCode: '0102' } });
    await http.as('8001')({ method: 'POST', url: `/api/tickets/${id}/dispatch`, payload: { version: 2, mainUnit: 'urban-management' } });
    clock += 23 * HOUR;
    await http.office.ticketService.refreshWarnings();
    expect((await tickets.get(id))?.warning).toBeNull();
    clock += HOUR;
    expect(await http.office.ticketService.refreshWarnings()).toBe(1);
    expect(await tickets.get(id)).toMatchObject({ warning: 'red', version: 3 });
    const redList = await http.as('supervisor')({ method: 'GET', url: '/api/tickets?warning=red' });
    expect(redList.statusCode, redList.body).toBe(200);
    const red = redList.json().tickets;
    expect(red.map((t: { id: number }) => t.id)).toEqual([id]);
    await http.as('supervisor')({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: 3, kind: 'response' } });
    expect((await tickets.get(id))?.warning).toBeNull();
    clock += 2 * 24 * HOUR;
    await http.office.ticketService.refreshWarnings();
    expect((await tickets.get(id))?.warning).toBe('yellow');
  });

  it('hides the number of a confidential caller from other agents, not from the agent who took the call', async () => {
    const { id } = ticketOf('answered-1');
    await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 1, confidential: true, callerName: '王先生' } });
    const byOther = (await http.as('8002')({ method: 'GET', url: `/api/tickets/${id}` })).json().ticket;
    expect(byOther).toMatchObject({ callerNumber: '138****1111', callerName: null });
    const byOwn = (await http.as('8001')({ method: 'GET', url: `/api/tickets/${id}` })).json().ticket;
    expect(byOwn).toMatchObject({ callerNumber: '13800001111', callerName: '王先生' });
  });

  it('measures the recording, serves it with Range to QA and the handling agent, checks its checksum and audits every access', async () => {
    const audio = wav(1500);
    fs.writeFileSync(path.join(recordingsDir, 'call-answered-1.wav'), audio);
    http.office.catalog.watch('call-answered-1');
    const row = await waitForAsync(async () => {
      const found = await http.office.recordings.get('call-answered-1');
      return found?.state === 'ready' ? found : undefined;
    }, 5000, 50);
    expect(row).toMatchObject({ sizeBytes: audio.length, durationMs: 1500, sha256: crypto.createHash('sha256').update(audio).digest('hex'), startedAt: T0 + 10_200, endedAt: T0 + 11_700 });
    const detail = (await http.as('qa')({ method: 'GET', url: `/api/tickets/${ticketOf('answered-1').id}` })).json().ticket;
    expect(detail.recordings).toEqual([expect.objectContaining({ id: 'call-answered-1', state: 'ready', durationMs: 1500, url: '/api/recordings/call-answered-1' })]);

    const url = '/api/recordings/call-answered-1';
    const whole = await http.as('qa')({ method: 'GET', url });
    expect([whole.statusCode, whole.headers['content-type'], whole.headers['accept-ranges']]).toEqual([200, 'audio/wav', 'bytes']);
    expect(whole.rawPayload.equals(audio)).toBe(true);
    const part = await http.as('8001')({ method: 'GET', url, headers: { range: 'bytes=44-99' } });
    expect([part.statusCode, part.headers['content-range'], part.rawPayload.length]).toEqual([206, `bytes 44-99/${audio.length}`, 56]);
    const tail = await http.as('supervisor')({ method: 'GET', url, headers: { range: 'bytes=-10' } });
    expect(tail.rawPayload.equals(audio.subarray(audio.length - 10))).toBe(true);
    const beyond = await http.as('qa')({ method: 'GET', url, headers: { range: `bytes=${audio.length}-` } });
    expect([beyond.statusCode, beyond.headers['content-range'], beyond.json().error.code]).toEqual([416, `bytes */${audio.length}`, 'RECORDING_RANGE_NOT_SATISFIABLE']);
    // An invalid range (last before first) is ignored, as RFC 9110 says: the whole recording.
    const invalid = await http.as('qa')({ method: 'GET', url, headers: { range: 'bytes=5-1' } });
    expect([invalid.statusCode, invalid.rawPayload.equals(audio)]).toEqual([200, true]);
    // The cookie set at sign-in works for an <audio> element, which cannot send headers.
    const cookie = await http.app.inject({ method: 'GET', url, headers: { cookie: `hotline_token=${http.tokenOf('qa')}` } });
    expect(cookie.statusCode).toBe(200);
    expect((await http.as('8002')({ method: 'GET', url })).json().error.code).toBe('AUTH_FORBIDDEN');
    expect((await http.as('qa')({ method: 'GET', url: '/api/recordings/nope' })).json().error.code).toBe('RECORDING_NOT_FOUND');

    const tampered = Buffer.from(audio);
    tampered[100] = 0;
    fs.writeFileSync(path.join(recordingsDir, 'call-answered-1.wav'), tampered);
    fs.utimesSync(path.join(recordingsDir, 'call-answered-1.wav'), new Date(), new Date(Date.now() + 5000));
    const corrupt = await http.as('qa')({ method: 'GET', url });
    expect([corrupt.statusCode, corrupt.json().error.code]).toEqual([500, 'RECORDING_CHECKSUM_MISMATCH']);

    const audit = database.sqlite.prepare("select actor, result from audit_log where action = 'recording.play' order by id").all();
    expect(audit).toEqual([
      { actor: 'qa', result: 'ok' },
      { actor: '8001', result: 'ok' },
      { actor: 'supervisor', result: 'ok' },
      { actor: 'qa', result: 'ok' },
      { actor: 'qa', result: 'ok' },
      { actor: 'qa', result: 'ok' },
      { actor: '8002', result: 'denied' },
      { actor: 'qa', result: 'denied' },
      { actor: 'qa', result: 'failed' },
    ]);
  });

  it('marks a recording whose file never appears as missing, and says so when asked for it', async () => {
    http.office.stop();
    const { RecordingCatalog } = await import('../../src/app/recording-catalog.js');
    const catalog = new RecordingCatalog({
      store: http.office.recordings, dir: recordingsDir, inspect: async () => Promise.reject(new Error('ENOENT')), remove: async () => undefined,
      now: () => clock, logger: createLogger('silent'), retentionMs: 1000, retryDelaysMs: [1, 1, 1], timers: new NodeTimers(),
    });
    catalog.watch('call-answered-1');
    await waitForAsync(async () => ((await http.office.recordings.get('call-answered-1'))?.state === 'missing' ? true : undefined), 2000, 50);
    const response = await http.as('qa')({ method: 'GET', url: '/api/recordings/call-answered-1' });
    expect([response.statusCode, response.json().error.code]).toEqual([409, 'RECORDING_NOT_AVAILABLE']);
    catalog.stop();
  });

  it('deletes a recording past its retention date and keeps its row, marked purged', async () => {
    http.office.stop();
    const file = path.join(recordingsDir, 'call-answered-1.wav');
    fs.writeFileSync(file, wav(500));
    const { RecordingCatalog } = await import('../../src/app/recording-catalog.js');
    const catalog = new RecordingCatalog({
      store: http.office.recordings, dir: recordingsDir, inspect: (await import('../../src/adapters/recordings/wav-info.js')).inspectFile,
      remove: (name) => fs.promises.unlink(name), now: () => clock, logger: createLogger('silent'), retentionMs: 24 * HOUR, retryDelaysMs: [1], timers: new NodeTimers(),
    });
    catalog.watch('call-answered-1');
    const ready = await waitForAsync(async () => { const row = await http.office.recordings.get('call-answered-1'); return row?.state === 'ready' ? row : undefined; }, 2000, 50);
    expect(ready.deleteAfter).toBe((ready.endedAt ?? 0) + 24 * HOUR);
    expect(await catalog.purgeExpired()).toBe(0);
    clock = (ready.deleteAfter ?? 0) + 1;
    expect(await catalog.purgeExpired()).toBe(1);
    expect(fs.existsSync(file)).toBe(false);
    expect(await http.office.recordings.get('call-answered-1')).toMatchObject({ state: 'purged', sha256: ready.sha256, durationMs: 500 });
    expect((await http.as('qa')({ method: 'GET', url: '/api/recordings/call-answered-1' })).json().error.code).toBe('RECORDING_NOT_AVAILABLE');
    catalog.stop();
  });
});
