// The follow-up of work orders over the real stores of both databases, the real ticket service and the
// real text message service (no message centre: each message is stored, failed MESSAGE_NO_GATEWAY):
// dispatch → message → 5 minutes → call → signed by phone; a failed call → the superior unit's contact;
// a reply → return visit → dissatisfied reopens the order; every visit failed → the manual list. The
// calls are recorded by a stand-in of the outbound service here: the pbx tier places them for real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoGateway } from '../../../src/adapters/messages/no-gateway.js';
import { loadTextTemplates } from '../../../src/adapters/messages/template-file.js';
import { NodeTimers } from '../../../src/adapters/clock/node-timers.js';
import { FollowUpService } from '../../../src/app/follow-up/follow-up-service.js';
import { followUpMessages } from '../../../src/app/follow-up/follow-up-messages.js';
import { TextMessageService } from '../../../src/app/messages/text-message-service.js';
import type { CallRequest, FollowUpCalls } from '../../../src/app/ports/follow-ups.js';
import { TicketService } from '../../../src/app/ticket-service.js';
import { loadBackOfficeFiles } from '../../../src/boot/back-office-files.js';
import { loadTaxonomy } from '../../../src/boot/taxonomy.js';
import { loadConfig } from '../../../src/config.js';
import type { AuthUser } from '../../../src/domain/auth/roles.js';
import { DEFAULT_FOLLOW_UP, followUpKeys as K, remindedUnits, type CallState } from '../../../src/domain/follow-up/follow-up-plan.js';
import { createLogger } from '../../../src/logging/logger.js';
import { callFacts } from '../../helpers/call-facts.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const MIN = 60_000;
const START = Date.UTC(2026, 11, 3, 2, 0); // Thursday 10:00 China time
const SUPERVISOR: AuthUser = { id: 'supervisor', name: '赵班长', role: 'supervisor', agentId: null, duties: [] };

/** What the outbound service was asked, and what the test says became of each call. */
class RecordedCalls implements FollowUpCalls {
  readonly placed = new Map<string, CallRequest>();
  readonly cancelled: string[] = [];
  readonly ended = new Map<string, CallState>();
  async place(request: CallRequest): Promise<void> {
    if (!this.placed.has(request.key)) this.placed.set(request.key, request);
  }
  async cancel(key: string): Promise<void> {
    this.cancelled.push(key);
  }
  async states(keys: readonly string[]): Promise<ReadonlyMap<string, CallState>> {
    return new Map(keys.filter((key) => this.placed.has(key)).map((key) => [key, this.ended.get(key) ?? 'pending']));
  }
}

describe.each(STORAGE_BACKENDS)('the follow-up of work orders on $name', (backend) => {
  let s: ContractStores;
  let clock = START;
  const calls = new RecordedCalls();
  let tickets: TicketService;
  let followUp: FollowUpService;
  const texts = { stop: () => undefined as void };

  beforeAll(async () => {
    s = await backend.open('follow-up');
    const config = loadConfig({});
    const files = loadBackOfficeFiles(config, loadTaxonomy(config));
    const logger = createLogger('silent');
    const now = () => clock;
    tickets = new TicketService({ store: s.tickets, taxonomy: loadTaxonomy(config), calendar: files.calendar, audit: s.audit, now, changed: (id) => void followUp.changed(id) });
    const templates = loadTextTemplates(config.textMessages.templatesFile);
    let ids = 0;
    const service = new TextMessageService({ records: s.textMessages, gateway: new NoGateway(), templates, timers: new NodeTimers(), now, newId: () => `m${++ids}`, logger });
    texts.stop = () => service.stop();
    followUp = new FollowUpService({
      tickets: s.followUps,
      actions: {
        signByPhone: async (id, number) => void (await tickets.units.sign(id, { kind: 'phone', number }, null)),
        rateByReturnVisit: async (id, rating) => void (await tickets.rateByReturnVisit(id, rating)),
      },
      messages: followUpMessages(service, templates, logger),
      calls,
      unitOf: remindedUnits(files.dispatchRules.units),
      settings: DEFAULT_FOLLOW_UP,
      now,
      logger,
    });
  });
  afterAll(async () => {
    texts.stop();
    await s.close();
  });

  /** A filed order of a call, dispatched to a unit by the supervisor at the clock's time. */
  async function dispatchedOrder(callId: string, unit: string): Promise<number> {
    const { ticket } = await s.tickets.closeCallWithTicket(callFacts(callId, { startedAt: clock - MIN, endedAt: clock }), clock);
    const filed = await s.tickets.update(ticket.id, null, { status: 'accepted', requestType: 'complaint', categoryCode: '0203', title: '电梯故障' }, []);
    expect(filed.ok).toBe(true);
    const result = await tickets.dispatch(ticket.id, filed.ok ? filed.ticket.version : 0, { main: unit, assisting: [] }, null, SUPERVISOR);
    expect(result.ok).toBe(true);
    await settle();
    return ticket.id;
  }

  /** The ticket service tells the follow-up without waiting for it: let it finish. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('messages the unit’s contact at dispatch, calls after 5 minutes, and the key 1 signs the order by phone', async () => {
    clock = START;
    const id = await dispatchedOrder('f1', 'housing-bureau');
    const message = await s.textMessages.byKey(K.signMessage(id, START));
    expect(message).toMatchObject({ templateId: 'order-to-sign', recipient: '13900000001', status: 'failed', failureCode: 'MESSAGE_NO_GATEWAY' });
    expect(message?.text).toContain('5分钟内');
    expect(calls.placed.size).toBe(0);
    expect((await s.tickets.get(id))?.followUpCheckAt).toBe(START + 5 * MIN);

    clock = START + 5 * MIN;
    expect(await followUp.sweep()).toBeGreaterThanOrEqual(1);
    const call = calls.placed.get(K.signCall(id, START, 'contact'));
    expect(call).toMatchObject({ purpose: 'sign-reminder', number: '13900000001', flow: 'sign-reminder', window: 'any', notBefore: START + 5 * MIN });
    expect(call?.variables).toMatchObject({ ticketNumber: (await s.tickets.get(id))?.number, summary: '电梯故障' });

    clock += MIN;
    calls.ended.set(call!.key, 'succeeded');
    await followUp.callFinished({ key: call!.key, ticketId: id, purpose: 'sign-reminder', number: call!.number, reached: true, variables: { signed: 'yes' } });
    expect(await s.tickets.get(id)).toMatchObject({ status: 'in-progress', signedVia: 'phone', signedBy: '13900000001' });
    expect(calls.placed.has(K.signCall(id, START, 'superior'))).toBe(false);
  });

  it('calls the superior unit’s contact when the unit’s own contact could not be reached', async () => {
    clock = START + 60 * MIN;
    const at = clock;
    const id = await dispatchedOrder('f2', 'urban-management');
    clock += 5 * MIN;
    await followUp.sweep();
    const first = K.signCall(id, at, 'contact');
    expect(calls.placed.get(first)?.number).toBe('13900000002');
    calls.ended.set(first, 'failed');
    await followUp.callFinished({ key: first, ticketId: id, purpose: 'sign-reminder', number: '13900000002', reached: false, variables: {} });
    expect(calls.placed.get(K.signCall(id, at, 'superior'))).toMatchObject({ number: '13900000000', purpose: 'sign-reminder' });
    expect((await s.tickets.get(id))?.status).toBe('dispatched');
  });

  it('visits the citizen after the reply; a dissatisfied key reopens the order; every visit failed lists it by hand', async () => {
    clock = START + 120 * MIN;
    const id = await dispatchedOrder('f3', 'housing-bureau');
    const signed = await tickets.units.sign(id, { kind: 'phone', number: '13900000001' }, null);
    expect(signed.ok).toBe(true);
    clock += 60 * MIN;
    const replied = await tickets.feedback(id, (await s.tickets.get(id))!.version, 'reply', '已修复', SUPERVISOR);
    expect(replied.ok).toBe(true);
    await settle();
    const visitKey = K.visit(id, clock);
    expect(calls.placed.get(visitKey)).toMatchObject({ purpose: 'return-visit', number: '13800001111', flow: 'return-visit', window: 'calling' });
    expect(calls.placed.get(visitKey)?.variables).toMatchObject({ ticketDate: '2026-12-03', summary: '电梯故障' });

    clock += 40 * MIN;
    calls.ended.set(visitKey, 'succeeded');
    await followUp.callFinished({ key: visitKey, ticketId: id, purpose: 'return-visit', number: '13800001111', reached: true, variables: { satisfaction: 'dissatisfied' } });
    const reopened = await s.tickets.get(id);
    expect(reopened).toMatchObject({ status: 'in-progress', satisfaction: 'dissatisfied', ratedAt: clock, handledAt: null });
    const history = await s.tickets.events(id);
    expect(history.find((e) => e.kind === 'satisfaction')).toMatchObject({ actor: 'return-visit-call', data: { rating: 'dissatisfied' } });

    // Replied again: a new visit, which fails every time → the manual list.
    clock += 60 * MIN;
    await tickets.feedback(id, reopened!.version, 'reply', '再次处理', SUPERVISOR);
    await settle();
    const second = K.visit(id, clock);
    expect(calls.placed.has(second)).toBe(true);
    calls.ended.set(second, 'failed');
    await followUp.callFinished({ key: second, ticketId: id, purpose: 'return-visit', number: '13800001111', reached: false, variables: {} });
    expect((await s.tickets.get(id))?.manualVisitAt).toBe(clock);
  });

  it('never visits a confidential order', async () => {
    clock = START + 400 * MIN;
    const id = await dispatchedOrder('f4', 'housing-bureau');
    await s.tickets.update(id, null, { confidential: true }, []);
    await tickets.units.sign(id, { kind: 'phone', number: '13900000001' }, null);
    await tickets.feedback(id, (await s.tickets.get(id))!.version, 'reply', '已答复', SUPERVISOR);
    await settle();
    expect([...calls.placed.values()].filter((c) => c.ticketId === id && c.purpose === 'return-visit')).toEqual([]);
    expect((await s.tickets.get(id))?.followUpCheckAt).toBeNull();
  });
});
