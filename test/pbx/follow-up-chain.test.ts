// The follow-up of work orders end to end on real parts: the server on the test Asterisk, SIPp as the
// units' contacts and the citizens (PJSIP, RFC 4733 keys), the smpp package's server as the message
// centre. The server's clock is the test's: it moves 5 minutes to see an order go unsigned, and days to
// put a return visit inside or outside the calling window. Dispatch → 短信 → 5 minutes → a call (and a
// second 短信) → key 1 signs; a contact busy three times → the superior unit's contact signs; a reply →
// the visit → key 3 reopens; a visit due at night waits for the next working morning (make-up day,
// Spring Festival); the daily report counts it all.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { followUpKeys } from '../../src/domain/follow-up/follow-up-plan.js';
import { callFacts } from '../helpers/call-facts.js';
import { startCalledParty, type CalledBehaviour, type CalledParty } from '../helpers/sipp-called-party.js';
import { TEST_PORT_SHIFT } from '../helpers/test-pbx-settings.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { TestSmsc } from '../helpers/test-smsc.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const SIP_PORT = 16740 + TEST_PORT_SHIFT;
const MEDIA_PORT = 16750 + TEST_PORT_SHIFT;
const MIN = 60_000;
/** A China-time instant (UTC+8). */
const china = (y: number, mo: number, d: number, h: number, mi: number): number => Date.UTC(y, mo - 1, d, h - 8, mi);

const CONTACT = '13900000001'; // housing-bureau's contact
const SUPERIOR = '13900000000'; // city-government's contact, the housing bureau's superior
/** The citizen of the first order: SIPp answers and sends the number's last digit, 3 (不满意). */
const CITIZEN = '13800000003';

describe('the follow-up of work orders on real parts (Asterisk, SIPp, SMSC)', () => {
  let server: TestServer;
  let callee: CalledParty;
  let smsc: TestSmsc;
  // The server's clock: set to an instant, then running on with real time (the calls' timers are real).
  let base = Date.now();
  let setAt = Date.now();
  const now = (): number => base + (Date.now() - setAt);
  const setClock = (at: number): void => {
    base = at;
    setAt = Date.now();
  };
  const sup = (): ReturnType<TestServer['as']> => server.as('supervisor');
  const housing = (): ReturnType<TestServer['as']> => server.as('housing');
  /** SIPp answers the superior's number with key 1 (its last digit is 0); `own` adds numbers of the case. */
  const startCallee = (own: Readonly<Record<string, CalledBehaviour>> = {}): CalledParty =>
    startCalledParty(runtime.rootDir, 'follow-up-callee', SIP_PORT, MEDIA_PORT, { [SUPERIOR]: '1', ...own });

  beforeAll(async () => {
    smsc = await TestSmsc.start({ systemId: 'hotline', password: 'chainpw' });
    callee = startCallee();
    server = await startTestServer(
      runtime,
      'follow-up-chain',
      {
        HOTLINE_OUTBOUND_ENDPOINT: `PJSIP/citizen-trunk/sip:{number}@127.0.0.1:${SIP_PORT}`,
        HOTLINE_OUTBOUND_RING_SECONDS: '3',
        HOTLINE_OUTBOUND_WINDOW: '08:30-20:30',
        HOTLINE_FOLLOW_UP_SWEEP_SECONDS: '1',
        HOTLINE_SIGN_WITHIN_MINUTES: '5',
        HOTLINE_UNIT_CALL_RETRY: 'no-answer=1s,1s; busy=1s,1s; unreachable=; rejected=1s; failed=1s; unknown=; max=3',
        HOTLINE_SMS_GATEWAY: 'smpp',
        HOTLINE_SMPP_HOST: '127.0.0.1',
        HOTLINE_SMPP_PORT: String(smsc.port),
        HOTLINE_SMPP_SYSTEM_ID: 'hotline',
        HOTLINE_SMPP_PASSWORD: 'chainpw',
      },
      { now },
    );
  });
  afterAll(async () => {
    await server?.close();
    await callee?.stop();
    await smsc?.close();
  });

  /** A call's ticket filed as a complaint by its agent and dispatched to the housing bureau at the clock's time. */
  async function dispatchedOrder(callId: string, callerNumber: string): Promise<{ id: number; number: string; dispatchedAt: number }> {
    const at = now();
    await server.storage.tickets.closeCallWithTicket(callFacts(callId, { callerNumber, startedAt: at - 70_000, answeredAt: at - 69_000, queue: 'general', queuedAt: at - 65_000, agentId: '8001', agentAnsweredAt: at - 60_000, endedAt: at - 1000 }), at);
    const ticket = await server.storage.tickets.getByCall(callId);
    const id = ticket?.id ?? 0;
    const filed = await server.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 1, requestType: 'complaint', categoryCode: '0203', title: '电梯故障', description: '3号楼电梯困人', callerName: '张先生' } });
    expect(filed.statusCode, filed.body).toBe(200);
    const dispatched = await sup()({ method: 'POST', url: `/api/tickets/${id}/dispatch`, payload: { version: 2, mainUnit: 'housing-bureau', assistingUnits: [] } });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    const row = await server.storage.tickets.get(id);
    return { id, number: row?.number ?? '', dispatchedAt: row?.dispatchedAt ?? 0 };
  }

  const ticketOf = async (id: number) => server.storage.tickets.get(id);
  const versionOf = async (id: number): Promise<number> => (await ticketOf(id))?.version ?? 0;
  /** The message centre's submit_sm to the contact about this order. */
  const messageAbout = (orderNumber: string) => waitFor(() => smsc.submitted.find((m) => m.to === CONTACT && m.text.includes(orderNumber)), 10_000);
  const invitesTo = (number: string): number => callee.invites().get(number) ?? 0;

  /** Signed at once on the web and replied by the unit's user: the visit's task then waits in the store. */
  async function repliedOrder(callId: string, callerNumber: string): Promise<{ id: number; visitKey: string }> {
    const { id, number } = await dispatchedOrder(callId, callerNumber);
    await messageAbout(number);
    const signed = await housing()({ method: 'POST', url: `/api/tickets/${id}/sign`, payload: { version: await versionOf(id) } });
    expect(signed.statusCode, signed.body).toBe(200);
    const replied = await housing()({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: await versionOf(id), kind: 'reply', note: '电梯已修复' } });
    expect(replied.json().ticket?.status, replied.body).toBe('replied');
    const handledAt = (await ticketOf(id))?.handledAt ?? 0;
    return { id, visitKey: followUpKeys.visit(id, handledAt) };
  }

  it('a visit due at night waits for the next working morning: Friday 21:00 → Saturday (a make-up day) 08:30, Saturday 21:00 → after the Spring Festival', async () => {
    setClock(china(2026, 2, 13, 20, 30));
    const friday = await repliedOrder('chain-friday', '13700000004');
    const fridayTask = await waitForAsync(() => server.storage.callTasks.get(friday.visitKey).then((t) => t ?? undefined));
    expect(fridayTask.request).toMatchObject({ purpose: 'return-visit', number: '13700000004', flowId: 'return-visit' });
    expect(fridayTask.status).toEqual({ kind: 'pending', dueAt: china(2026, 2, 14, 8, 30) });
    // Not dialed before the clock moves on: the engine would otherwise dial it at the next request.
    server.outbound.cancel(friday.visitKey);

    setClock(china(2026, 2, 14, 21, 0));
    const saturday = await repliedOrder('chain-saturday', '13700000005');
    const saturdayTask = await waitForAsync(() => server.storage.callTasks.get(saturday.visitKey).then((t) => t ?? undefined));
    expect(saturdayTask.status).toEqual({ kind: 'pending', dueAt: china(2026, 2, 24, 8, 30) });
    server.outbound.cancel(saturday.visitKey);
    await server.outbound.drain();
    expect(invitesTo('13700000004')).toBe(0);
    expect(invitesTo('13700000005')).toBe(0);
  });

  let first: { id: number; number: string; dispatchedAt: number };

  it('dispatch → 短信 to the contact → nothing dialed for 5 minutes → one call, key 1 → signed by phone', async () => {
    setClock(china(2026, 12, 10, 9, 0)); // a Thursday
    first = await dispatchedOrder('chain-one', CITIZEN);
    const message = await messageAbout(first.number);
    expect(message.dataCoding).toBe(8); // UCS2
    expect(message.text).toContain('待签收');
    expect(message.text).toContain('5分钟内');
    // Planned at dispatch for its 5 minutes; two sweeps (1 s) pass, and nothing rings before then.
    expect((await ticketOf(first.id))?.followUpCheckAt).toBe(first.dispatchedAt + 5 * MIN);
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(invitesTo(CONTACT)).toBe(0);
    expect(await server.storage.callTasks.get(followUpKeys.signCall(first.id, first.dispatchedAt, 'contact'))).toBeUndefined();
    expect((await ticketOf(first.id))?.status).toBe('dispatched');

    setClock(first.dispatchedAt + 5 * MIN);
    const signed = await waitForAsync(async () => ((await ticketOf(first.id))?.status === 'in-progress' ? ticketOf(first.id) : undefined), 30_000);
    expect(signed).toMatchObject({ signedVia: 'phone', signedBy: CONTACT });
    expect(invitesTo(CONTACT)).toBe(1);
    // The call came with a second message the contact can read later (sign-overdue).
    const late = await waitFor(() => smsc.submitted.find((m) => m.to === CONTACT && m.text.includes(first.number) && m !== message), 10_000);
    expect(late.text).toContain('未签收');
    const task = await server.storage.callTasks.get(followUpKeys.signCall(first.id, first.dispatchedAt, 'contact'));
    expect(task?.request).toMatchObject({ purpose: 'sign-reminder', flowId: 'sign-reminder', number: CONTACT });
    expect(await server.storage.callTasks.get(followUpKeys.signCall(first.id, first.dispatchedAt, 'superior'))).toBeUndefined();
    const detail = (await sup()({ method: 'GET', url: `/api/tickets/${first.id}` })).json().ticket;
    expect(detail).toMatchObject({ status: 'in-progress', signedVia: 'phone' });
    expect(detail.history.at(-1)).toMatchObject({ kind: 'response', actor: 'phone', fromStatus: 'dispatched', toStatus: 'in-progress', data: { via: 'phone', unit: 'housing-bureau' } });
    const audit = (await server.as('qa')({ method: 'GET', url: '/api/audit?action=ticket.signed' })).json().entries;
    expect(audit.filter((e: { object: string }) => e.object === `ticket:${first.id}`)).toEqual([
      expect.objectContaining({ action: 'ticket.signed', actor: 'phone:139****0001', role: 'phone', result: 'ok', detail: expect.objectContaining({ channel: 'phone' }) }),
    ]);
  });

  it('the contact busy three times → one call to the superior unit’s contact, key 1 → signed by the superior’s phone', async () => {
    // The same contact now gives 486 busy: SIPp started again with that rule.
    await callee.stop();
    callee = startCallee({ [CONTACT]: 'busy' });
    setClock(china(2026, 12, 10, 9, 10));
    const order = await dispatchedOrder('chain-two', '13800000002');
    await messageAbout(order.number);
    setClock(order.dispatchedAt + 5 * MIN);
    const signed = await waitForAsync(async () => ((await ticketOf(order.id))?.status === 'in-progress' ? ticketOf(order.id) : undefined), 40_000);
    expect(signed).toMatchObject({ signedVia: 'phone', signedBy: SUPERIOR });
    const history = (await sup()({ method: 'GET', url: `/api/tickets/${order.id}` })).json().ticket.history;
    expect(history.at(-1)).toMatchObject({ kind: 'response', actor: 'phone', toStatus: 'in-progress', data: { via: 'phone', number: SUPERIOR } });
    const attempts = await server.storage.callTasks.attempts(followUpKeys.signCall(order.id, order.dispatchedAt, 'contact'));
    expect(attempts.map((a) => a.cause)).toEqual(['busy', 'busy', 'busy']);
    // The unit's retry policy (busy=1s,1s) on the server's clock: each retry a second after the last.
    expect(attempts.slice(1).map((a, i) => a.startedAt - attempts[i]!.startedAt >= 1000)).toEqual([true, true]);
    expect(invitesTo(CONTACT)).toBe(3);
    expect(invitesTo(SUPERIOR)).toBe(1);
  });

  it('a reply → 30 minutes → the return visit to the citizen, key 3 → the order reopened, dissatisfied', async () => {
    setClock(china(2026, 12, 10, 10, 0));
    const replied = await housing()({ method: 'POST', url: `/api/tickets/${first.id}/feedback`, payload: { version: await versionOf(first.id), kind: 'reply', note: '电梯已修复' } });
    expect(replied.json().ticket?.status, replied.body).toBe('replied');
    const handledAt = (await ticketOf(first.id))?.handledAt ?? 0;
    const visitKey = followUpKeys.visit(first.id, handledAt);
    const task = await waitForAsync(() => server.storage.callTasks.get(visitKey).then((t) => t ?? undefined));
    expect(task.status).toEqual({ kind: 'pending', dueAt: handledAt + 30 * MIN });
    expect(invitesTo(CITIZEN)).toBe(0);

    setClock(handledAt + 30 * MIN);
    // The engine's timer is real (30 minutes): any event makes it look at the clock, as its timer would.
    server.outbound.cancel('no-such-task');
    const reopened = await waitForAsync(async () => ((await ticketOf(first.id))?.satisfaction === 'dissatisfied' ? ticketOf(first.id) : undefined), 30_000);
    expect(reopened).toMatchObject({ status: 'in-progress', satisfaction: 'dissatisfied' });
    expect(invitesTo(CITIZEN)).toBe(1);
    const history = (await sup()({ method: 'GET', url: `/api/tickets/${first.id}` })).json().ticket.history;
    expect(history.find((e: { kind: string }) => e.kind === 'satisfaction')).toMatchObject({ actor: 'return-visit-call', data: { rating: 'dissatisfied' } });
  });

  it('the daily report counts the signs, the reminder calls and the visit of each day', async () => {
    const thursday = (await sup()({ method: 'GET', url: '/api/reports/daily?day=2026-12-10' })).json().followUp;
    expect(thursday).toMatchObject({
      dispatched: 2,
      signedWithinTarget: 0,
      messages: { sent: 4 }, // per order: the order-to-sign message, and the sign-overdue one with the call
      reminderCalls: { asked: 3, dialed: 3, reached: 2 },
      returnVisits: { dialed: 1, reached: 1, ratings: { satisfied: 0, 'basically-satisfied': 0, dissatisfied: 1 } },
    });
    const friday = (await sup()({ method: 'GET', url: '/api/reports/daily?day=2026-02-13' })).json().followUp;
    expect(friday).toMatchObject({ dispatched: 1, signedWithinTarget: 1, reminderCalls: { asked: 0 }, returnVisits: { dialed: 0, reached: 0 } });
  });
});
