// The work order typed during a call (PUT/GET /api/calls/:id/draft) through the whole HTTP app, over
// an in-memory database with the real migrations and the real live-call registry, call machine and
// ticket writer; only the phone system is the fake one (the pbx tier runs the same path against a
// real Asterisk in test/pbx/call-drafts.test.ts). Save, read back, who may write, the limits, and the
// merge with the call's facts in the one ticket written at hang-up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAcdFiles } from '../../src/adapters/acd/acd-files.js';
import { NodeTimers } from '../../src/adapters/clock/node-timers.js';
import { CallStore } from '../../src/adapters/db/call-store.js';
import { openDatabase, type OpenDatabase } from '../../src/adapters/db/open-database.js';
import { TicketStore } from '../../src/adapters/db/ticket-store.js';
import { AcdService } from '../../src/app/acd-service.js';
import { LiveCalls } from '../../src/app/calls/live-calls.js';
import { TicketWriter } from '../../src/app/calls/ticket-writer.js';
import { AcdEngine } from '../../src/domain/acd/acd-engine.js';
import { UNKNOWN_CALLER } from '../../src/domain/callers/caller-info.js';
import { createLogger } from '../../src/logging/logger.js';
import { FakeTelephony, settle } from '../helpers/fake-telephony.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { buildHttpApp, type HttpApp } from '../helpers/http-app.js';
import { LiveCallDriver } from '../helpers/live-call-driver.js';
import { shippedFlowSet } from '../helpers/shipped-flows.js';
import { waitFor } from '../helpers/wait.js';

const ENTERPRISE_CODE = '91320100MA1XY21231';

class Harness {
  clock = Date.now();
  readonly database: OpenDatabase = openDatabase(':memory:');
  readonly tickets = new TicketStore(this.database.db);
  readonly timers: FakeTimers[] = [];
  readonly live: LiveCalls;
  readonly acd: AcdService;
  /** Calls to 12345 queued and answered as the phone system and the ACD would send them. */
  readonly drive: LiveCallDriver;
  http!: HttpApp;

  constructor() {
    const logger = createLogger('silent');
    const calls = new CallStore(this.database.db);
    const { config, agents } = loadAcdFiles('fixtures/queues.yaml', 'fixtures/agents.yaml');
    this.acd = new AcdService(new AcdEngine(config, agents), new Map(agents.map((a) => [a.id, a])), logger, new NodeTimers());
    this.live = new LiveCalls({
      telephony: new FakeTelephony(),
      logger,
      now: () => this.clock,
      setup: () => ({ ivr: { flows: shippedFlowSet(), isOpen: () => true }, language: 'zh-CN', afterCallFlow: null }),
      directory: { lookup: () => UNKNOWN_CALLER },
      phoneFor: (agentId) => ({ kind: 'pjsip', endpoint: `phone-${agentId}` }),
      tellAcd: () => undefined,
      timers: () => {
        const timers = new FakeTimers();
        this.timers.push(timers);
        return timers;
      },
      writer: new TicketWriter({ calls, tickets: this.tickets, logger, now: () => this.clock, timers: new NodeTimers() }),
    });
    this.calls = calls;
    this.drive = new LiveCallDriver(this, '8001');
  }

  readonly calls: CallStore;

  async start(): Promise<void> {
    const health = { ari: () => true, ami: () => true, db: () => true };
    this.http = await buildHttpApp({ database: this.database, calls: this.calls, tickets: this.tickets, callService: this.live, acd: this.acd, logger: createLogger('silent'), health, now: () => this.clock });
  }

  async close(): Promise<void> {
    await this.live.drain();
    this.acd.stop();
    await this.http.app.close();
    this.database.close();
  }

  tick(ms = 1000): number {
    this.clock += ms;
    return this.clock;
  }

  /** The citizen hangs up; resolves with the call's ticket row once written. */
  async hangUp(callId: string): Promise<Record<string, unknown>> {
    this.tick(30_000);
    const at = this.tick();
    // What Asterisk sends when the caller hangs up: the hang-up, the channel leaving the app, gone.
    for (const event of [{ type: 'HangupRequested', cause: 16 }, { type: 'CallLeft' }, { type: 'ChannelGone', cause: 16 }] as const) {
      void this.live.handle({ ...event, channelId: `ch-${callId}`, at });
      await settle();
    }
    return waitFor(() => this.database.sqlite.prepare('select * from tickets where call_id = ?').get(callId) as Record<string, unknown> | undefined, 3000, 10);
  }

  ticketCount(callId: string): number {
    return (this.database.sqlite.prepare('select count(*) as n from tickets where call_id = ?').get(callId) as { n: number }).n;
  }

  events(callId: string): { kind: string; actor: string; data: string | null }[] {
    return this.database.sqlite.prepare('select e.kind, e.actor, e.data from ticket_events e join tickets t on t.id = e.ticket_id where t.call_id = ? order by e.id').all(callId) as { kind: string; actor: string; data: string | null }[];
  }

  put(userId: string, callId: string, payload: unknown) {
    return this.http.as(userId)({ method: 'PUT', url: `/api/calls/${callId}/draft`, payload: payload as Record<string, unknown> });
  }

  get(userId: string, callId: string) {
    return this.http.as(userId)({ method: 'GET', url: `/api/calls/${callId}/draft` });
  }
}

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.start();
});
afterEach(async () => h.close());

const typed = { requestType: 'complaint', categoryCode: '0501', title: '夜间施工噪音', description: '小区旁工地每晚十一点后仍在施工。', location: '幸福小区东门', area: '玄武区', urgency: 'urgent' } as const;

describe('a call’s draft: save and read back', () => {
  it('is saved by the agent talking on the call, read back whole, and replaced by the next save', async () => {
    await h.drive.toTalking('c1');
    expect((await h.get('8001', 'c1')).json()).toEqual({ draft: null });
    const first = await h.put('8001', 'c1', typed);
    expect(first.statusCode).toBe(200);
    expect(first.json().draft).toMatchObject({ callId: 'c1', ...typed, confidential: false, returnVisitDeclined: false, enterpriseCreditCode: '', writtenBy: '8001', submittedAt: null });
    expect((await h.get('8001', 'c1')).json().draft).toMatchObject(typed);
    // A save is the whole form as it is now: a field left out is empty again.
    await h.put('8001', 'c1', { description: '改为：工地周末也施工。' });
    expect((await h.get('8001', 'c1')).json().draft).toMatchObject({ requestType: null, title: '', description: '改为：工地周末也施工。' });
  });

  it('refuses everyone but the call’s agent, with a stable code, and changes nothing', async () => {
    await h.drive.toTalking('c1');
    await h.put('8001', 'c1', typed);
    const other = await h.put('8002', 'c1', { title: '别人的' });
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'CALL_NOT_YOURS']);
    expect((await h.get('8002', 'c1')).json().error.code).toBe('CALL_NOT_YOURS');
    for (const user of ['supervisor', 'qa']) expect((await h.put(user, 'c1', { title: 'x' })).json().error.code).toBe('AUTH_FORBIDDEN');
    const anonymous = await h.http.app.inject({ method: 'PUT', url: '/api/calls/c1/draft', payload: { title: 'x' } });
    expect(anonymous.json().error.code).toBe('AUTH_REQUIRED');
    expect((await h.put('8001', 'nope', typed)).json().error.code).toBe('CALL_NOT_FOUND');
    expect((await h.get('8001', 'c1')).json().draft).toMatchObject(typed);
  });

  it('a call still waiting for an agent has nobody who may write its draft', async () => {
    await h.drive.toQueue('c2');
    expect((await h.put('8001', 'c2', typed)).json().error.code).toBe('CALL_NOT_YOURS');
    const ticket = await h.hangUp('c2');
    expect(ticket).toMatchObject({ status: 'missed', request_type: null, description: null });
  });

  it('refuses bad input with a stable code and keeps the draft as it was', async () => {
    await h.drive.toTalking('c1');
    await h.put('8001', 'c1', typed);
    const bad: [unknown, number, string][] = [
      [{ description: '长'.repeat(5001) }, 400, 'REQUEST_INVALID'],
      [{ title: 'x'.repeat(201) }, 400, 'REQUEST_INVALID'],
      [{ requestType: 'gossip' }, 400, 'REQUEST_INVALID'],
      [{ urgency: 'whenever' }, 400, 'REQUEST_INVALID'],
      [{ categoryCode: '05' }, 400, 'REQUEST_INVALID'],
      [{ categoryCode: '9999' }, 400, 'TICKET_CATEGORY_UNKNOWN'],
      [{ enterpriseCreditCode: 'abc' }, 400, 'REQUEST_INVALID'],
      [{ confidential: 'yes' }, 400, 'REQUEST_INVALID'],
      [{ returnVisitDeclined: 1 }, 400, 'REQUEST_INVALID'],
      [{ articlesUsed: [{ id: 'a', version: 1 }] }, 400, 'REQUEST_INVALID'],
      [{ articlesUsed: Array.from({ length: 11 }, (_, i) => ({ id: i + 1, version: 1 })) }, 400, 'REQUEST_INVALID'],
      [{ title: '好', version: 3 }, 400, 'REQUEST_INVALID'],
      [{ description: 'bell\u0007' }, 400, 'REQUEST_TEXT_INVALID'],
      [[typed], 400, 'REQUEST_INVALID'],
    ];
    for (const [payload, status, code] of bad) {
      const reply = await h.put('8001', 'c1', payload);
      expect([reply.statusCode, reply.json().error.code], JSON.stringify(payload).slice(0, 60)).toEqual([status, code]);
    }
    // The longest text allowed is taken, in Chinese characters.
    expect((await h.put('8001', 'c1', { ...typed, description: '长'.repeat(5000) })).statusCode).toBe(200);
    expect((await h.get('8001', 'c1')).json().draft).toMatchObject({ ...typed, description: '长'.repeat(5000) });
  });
});

describe('a call’s draft at hang-up', () => {
  it('gives one ticket with the call’s facts and the agent’s fields, and is closed after it', async () => {
    await h.drive.toTalking('c1');
    await h.put('8001', 'c1', { ...typed, callerName: '王女士', enterpriseName: '示范科技', enterpriseCreditCode: ENTERPRISE_CODE, returnVisitDeclined: true, articlesUsed: [{ id: 5, version: 2 }, { id: 5, version: 2 }] });
    expect((await h.get('8001', 'c1')).json().draft).toMatchObject({ returnVisitDeclined: true, confidential: false, articlesUsed: [{ id: 5, version: 2 }] });
    const ticket = await h.hangUp('c1');
    expect(ticket).toMatchObject({
      caller_number: '13800001111',
      agent_id: '8001',
      queue: 'general',
      status: 'accepted',
      request_type: 'complaint',
      category_code: '0501',
      title: typed.title,
      description: typed.description,
      location: typed.location,
      area: typed.area,
      urgency: 'urgent',
      caller_name: '王女士',
      enterprise_name: '示范科技',
      enterprise_credit_code: ENTERPRISE_CODE,
      return_visit_declined: 1,
      articles_used: '[{"id":5,"version":2}]',
      confidential: 0,
      filed_at: null,
    });
    expect(ticket.talk_ms).toBeGreaterThan(0);
    expect(ticket.due_at).toBeGreaterThan(Number(ticket.call_started_at));
    expect(JSON.parse(String(ticket.ivr_path))).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'outcome', outcome: 'queued' })]));
    expect(h.events('c1').map((e) => [e.kind, e.actor])).toEqual([
      ['created', 'system'],
      ['drafted', '8001'],
    ]);
    expect(h.database.sqlite.prepare('select count(*) as n from call_drafts').get()).toEqual({ n: 0 });
    // After hang-up the draft is closed: the agent files on the ticket, as before.
    for (const reply of [await h.put('8001', 'c1', { title: '晚到的' }), await h.get('8001', 'c1')]) expect([reply.statusCode, reply.json().error.code]).toEqual([409, 'CALL_DRAFT_CLOSED']);
    expect(h.ticketCount('c1')).toBe(1);
  });

  it('a submit during the call files the one ticket at hang-up; editing after it works with versions as before', async () => {
    await h.drive.toTalking('c1');
    await h.put('8001', 'c1', { ...typed, submit: true });
    // A submit files a work order: it is in the audit log, as filing on a ticket is.
    expect(h.database.sqlite.prepare("select actor, target, result from audit_log where action = 'call.draft.submit'").all()).toEqual([{ actor: '8001', target: 'call:c1', result: 'ok' }]);
    // Typing goes on after the submit: the latest fields count, and it stays submitted.
    const later = await h.put('8001', 'c1', { ...typed, description: '补充：周末也施工。' });
    expect(later.json().draft.submittedAt).not.toBeNull();
    const ticket = await h.hangUp('c1');
    expect(h.ticketCount('c1')).toBe(1);
    expect(ticket).toMatchObject({ request_type: 'complaint', description: '补充：周末也施工。', filed_by: '8001' });
    expect(ticket.filed_at).not.toBeNull();
    expect(h.events('c1').map((e) => e.kind)).toEqual(['created', 'filed']);
    const id = Number(ticket.id);
    const version = Number(ticket.version);
    const edit = await h.http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version, area: '秦淮区' } });
    expect(edit.statusCode).toBe(200);
    const stale = await h.http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version, area: '鼓楼区' } });
    expect(stale.json().error.code).toBe('TICKET_VERSION_CONFLICT');
    expect(h.events('c1').map((e) => e.kind)).toEqual(['created', 'filed', 'edited']);
  });

  it('keeps a half-typed credit code in the history instead of on the ticket, and the registry’s facts where the agent typed nothing', async () => {
    await h.drive.toTalking('c1');
    await h.put('8001', 'c1', { description: '咨询社保', enterpriseCreditCode: '9132010' });
    const ticket = await h.hangUp('c1');
    expect(ticket).toMatchObject({ description: '咨询社保', enterprise_credit_code: null, caller_name: null, request_type: null });
    const drafted = h.events('c1').find((e) => e.kind === 'drafted');
    expect(JSON.parse(drafted?.data ?? '{}')).toMatchObject({ fields: ['description'], notCarried: { enterpriseCreditCode: '9132010' } });
  });

  it('a call that ends with nothing typed gets the ticket of today, with no draft event', async () => {
    await h.drive.toTalking('c1');
    const ticket = await h.hangUp('c1');
    expect(ticket).toMatchObject({ request_type: null, description: null, filed_at: null });
    expect(h.events('c1').map((e) => e.kind)).toEqual(['created']);
  });
});
