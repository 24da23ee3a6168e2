// The handling unit at work over HTTP on a real SQLite: its own orders only (another unit's answer
// as absent), sign, progress and reply, 退单 and 延期 with the supervisor's decision, every refusal
// by its code, the audit log, and the units' contacts shown to supervisors only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp, type Inject } from '../helpers/http-app.js';

const HOUR = 3_600_000;

describe('handling units over HTTP', () => {
  let http: HttpTestApp;
  let clock: number;
  let sup: Inject;
  let housing: Inject;
  let dongcheng: Inject;
  let urban: Inject;

  /** A filed complaint dispatched to the housing bureau, with Dongcheng assisting: its id, at version 3. */
  const dispatchedOrder = async (callId: string, confidential = false): Promise<number> => {
    await http.tickets.closeCallWithTicket(callFacts(callId, { callerNumber: '13800001111', queue: 'general', queuedAt: T0 + 5_000, agentId: '8001', agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000 }), T0 + 70_010);
    const ticket = await http.tickets.getByCall(callId);
    const id = ticket?.id ?? 0;
    const filed = await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${id}`, payload: { version: 1, requestType: 'complaint', categoryCode: '0203', title: '电梯故障', description: '3号楼电梯困人', callerName: '张先生', confidential } });
    expect(filed.statusCode, filed.body).toBe(200);
    const dispatched = await sup({ method: 'POST', url: `/api/tickets/${id}/dispatch`, payload: { version: 2, mainUnit: 'housing-bureau', assistingUnits: ['dongcheng-subdistrict'] } });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    return id;
  };
  const code = async (reply: ReturnType<Inject>): Promise<[number, string]> => {
    const r = await reply;
    return [r.statusCode, r.json().error?.code];
  };

  beforeEach(async () => {
    clock = T0 + 60_000;
    http = await startHttpTestApp({ now: () => clock });
    sup = http.as('supervisor');
    housing = http.as('housing');
    dongcheng = http.as('dongcheng');
    urban = http.as('urban');
  });
  afterEach(async () => http.close());

  it('a unit lists and reads only its own orders, in its own view: no call, agent or recording', async () => {
    const id = await dispatchedOrder('c1');
    await http.tickets.closeCallWithTicket(callFacts('c2', { queue: 'general', queuedAt: T0 + 5_000, endedAt: T0 + 40_000 }), T0 + 80_000);
    const mine = (await housing({ method: 'GET', url: '/api/unit/orders' })).json();
    expect(mine.orders.map((o: { id: number; standing: string }) => [o.id, o.standing])).toEqual([[id, 'main']]);
    expect(mine.orders[0]).toMatchObject({ status: 'dispatched', callerNumber: '13800001111', callerName: '张先生', mainUnit: 'housing-bureau', assistingUnits: ['dongcheng-subdistrict'] });
    expect(mine.orders[0].signBy).toBe('2026-11-24T16:00:00.000Z');
    expect((await dongcheng({ method: 'GET', url: '/api/unit/orders' })).json().orders.map((o: { standing: string }) => o.standing)).toEqual(['assisting']);
    expect((await urban({ method: 'GET', url: '/api/unit/orders' })).json().orders).toEqual([]);
    // A unit user's list is its own whatever it asks for.
    expect((await urban({ method: 'GET', url: '/api/unit/orders?unit=housing-bureau' })).json().orders).toEqual([]);
    const detail = (await housing({ method: 'GET', url: `/api/unit/orders/${id}` })).json().order;
    expect(detail).toMatchObject({ description: '3号楼电梯困人', history: [{ kind: 'created', actor: '12345' }, { kind: 'filed', actor: '12345' }, { kind: 'dispatch', actor: '12345' }] });
    for (const field of ['callId', 'agentId', 'queue', 'recordings', 'call']) expect(detail, field).not.toHaveProperty(field);
    expect(await code(urban({ method: 'GET', url: `/api/unit/orders/${id}` }))).toEqual([404, 'TICKET_NOT_FOUND']);
    expect(await code(housing({ method: 'GET', url: '/api/unit/orders/99999' }))).toEqual([404, 'TICKET_NOT_FOUND']);
    // The hotline's own views stay closed to units.
    for (const url of [`/api/tickets/${id}`, '/api/tickets', '/api/calls/active', '/api/agents', '/api/qa/forms', '/api/reports/daily?day=2026-11-23', `/api/recordings/x`]) {
      expect(await code(housing({ method: 'GET', url })), url).toEqual([403, 'AUTH_FORBIDDEN']);
    }
    expect(await code(sup({ method: 'GET', url: '/api/unit/orders' }))).toEqual([403, 'AUTH_FORBIDDEN']);
    expect(await code(http.as('admin')({ method: 'GET', url: '/api/unit/orders' }))).toEqual([400, 'UNIT_USER_REQUIRED']);
    expect((await http.as('admin')({ method: 'GET', url: '/api/unit/orders?unit=housing-bureau' })).json().orders).toHaveLength(1);
  });

  it('a confidential order shows the unit the caller masked and no name', async () => {
    const id = await dispatchedOrder('c1', true);
    const order = (await housing({ method: 'GET', url: `/api/unit/orders/${id}` })).json().order;
    expect(order).toMatchObject({ confidential: true, callerNumber: '138****1111', callerName: null });
  });

  it('signs, reports progress and replies; the assisting unit only adds notes; another unit is told the order does not exist', async () => {
    const id = await dispatchedOrder('c1');
    expect(await code(dongcheng({ method: 'POST', url: `/api/tickets/${id}/sign`, payload: { version: 3 } }))).toEqual([403, 'TICKET_NOT_YOURS']);
    expect(await code(urban({ method: 'POST', url: `/api/tickets/${id}/sign`, payload: { version: 3 } }))).toEqual([404, 'TICKET_NOT_FOUND']);
    expect(await code(urban({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: 3, kind: 'progress', note: 'x' } }))).toEqual([404, 'TICKET_NOT_FOUND']);
    expect(await code(housing({ method: 'POST', url: `/api/tickets/${id}/sign`, payload: { version: 2 } }))).toEqual([409, 'TICKET_VERSION_CONFLICT']);
    expect(await code(housing({ method: 'POST', url: `/api/tickets/${id}/sign`, payload: {} }))).toEqual([400, 'REQUEST_INVALID']);
    clock += HOUR;
    const signed = await housing({ method: 'POST', url: `/api/tickets/${id}/sign`, payload: { version: 3, note: '已签收，安排维保' } });
    expect(signed.json().ticket, signed.body).toMatchObject({ status: 'in-progress', version: 4 });
    expect(await http.tickets.get(id)).toMatchObject({ signedBy: 'housing', signedVia: 'web', firstResponseAt: clock });
    expect(await code(housing({ method: 'POST', url: `/api/tickets/${id}/sign`, payload: { version: 4 } }))).toEqual([409, 'TICKET_TRANSITION_INVALID']);
    const note = await dongcheng({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: 4, kind: 'progress', note: '街道已协助疏散' } });
    expect(note.json().ticket, note.body).toMatchObject({ status: 'in-progress', version: 5 });
    expect(await code(dongcheng({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: 5, kind: 'reply', note: 'x' } }))).toEqual([403, 'TICKET_NOT_YOURS']);
    expect((await housing({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: 5, kind: 'progress', note: '维保人员已到场' } })).json().ticket.status).toBe('in-progress');
    expect((await housing({ method: 'POST', url: `/api/tickets/${id}/feedback`, payload: { version: 6, kind: 'reply', note: '电梯已修复' } })).json().ticket.status).toBe('replied');
    const history = (await sup({ method: 'GET', url: `/api/tickets/${id}` })).json().ticket;
    expect(history.signedBy).toBe('housing');
    expect(history.history.slice(3).map((e: { kind: string; actor: string }) => [e.kind, e.actor])).toEqual([['response', 'housing'], ['progress', 'dongcheng'], ['progress', 'housing'], ['reply', 'housing']]);
    const unitView = (await housing({ method: 'GET', url: `/api/unit/orders/${id}` })).json().order.history;
    expect(unitView.map((e: { actor: string }) => e.actor)).toEqual(['12345', '12345', '12345', 'housing', 'dongcheng', 'housing', 'housing']);
    const audit = (await http.as('qa')({ method: 'GET', url: `/api/audit?action=ticket.signed` })).json();
    expect(audit.entries.filter((e: { result: string }) => e.result === 'ok')).toEqual([expect.objectContaining({ actor: 'housing', action: 'ticket.signed', detail: { channel: 'web', version: 4 } })]);
    // The refused signs are there too, each with its code.
    expect(audit.entries.filter((e: { result: string }) => e.result === 'denied').map((e: { actor: string; detail: { code: string } }) => [e.actor, e.detail.code])).toContainEqual(['dongcheng', 'TICKET_NOT_YOURS']);
  });

  it('a reminder call signs by phone through the same method: the number kept, masked in the audit', async () => {
    const id = await dispatchedOrder('c1');
    const result = await http.office.ticketService.units.sign(id, { kind: 'phone', number: '20001' }, null);
    expect(result.ok && result.ticket).toMatchObject({ status: 'in-progress', signedBy: '20001', signedVia: 'phone' });
    const audit = (await http.as('qa')({ method: 'GET', url: `/api/audit?action=ticket.signed` })).json();
    expect(audit.entries[0]).toMatchObject({ actor: 'phone:***01', role: 'phone', detail: { channel: 'phone' } });
    expect((await sup({ method: 'GET', url: `/api/tickets/${id}` })).json().ticket).toMatchObject({ signedVia: 'phone' });
  });

  it('退单: the unit asks with a reason, keeps the order until the hotline decides; rejected it stays, approved it goes to the new unit', async () => {
    const id = await dispatchedOrder('c1');
    expect(await code(housing({ method: 'POST', url: `/api/tickets/${id}/unit-request`, payload: { version: 3, kind: 'return' } }))).toEqual([400, 'REQUEST_INVALID']);
    expect(await code(housing({ method: 'POST', url: `/api/tickets/${id}/unit-request`, payload: { version: 3, kind: 'return', reason: '  ' } }))).toEqual([400, 'REQUEST_INVALID']);
    expect(await code(dongcheng({ method: 'POST', url: `/api/tickets/${id}/unit-request`, payload: { version: 3, kind: 'return', reason: '非本单位' } }))).toEqual([403, 'TICKET_NOT_YOURS']);
    expect(await code(sup({ method: 'POST', url: `/api/tickets/${id}/unit-request`, payload: { version: 3, kind: 'return', reason: 'x' } }))).toEqual([403, 'AUTH_FORBIDDEN']);
    const asked = await housing({ method: 'POST', url: `/api/tickets/${id}/unit-request`, payload: { version: 3, kind: 'return', reason: '电梯属特种设备，应由市场监管局处理' } });
    expect(asked.json().ticket, asked.body).toMatchObject({ status: 'dispatched', mainUnit: 'housing-bureau', version: 4 });
    expect(await code(housing({ method: 'POST', url: `/api/tickets/${id}/unit-request`, payload: { version: 4, kind: 'extension', reason: 'x', days: 2 } }))).toEqual([409, 'UNIT_REQUEST_PENDING']);
    const pending = (await sup({ method: 'GET', url: '/api/unit-requests' })).json().requests;
    expect(pending).toEqual([{ ticket: expect.objectContaining({ id, mainUnit: 'housing-bureau' }), request: expect.objectContaining({ kind: 'return', state: 'pending', unit: 'housing-bureau', reason: '电梯属特种设备，应由市场监管局处理' }) }]);
    expect((await sup({ method: 'GET', url: `/api/tickets/${id}` })).json().ticket.unitRequest).toMatchObject({ kind: 'return', state: 'pending' });
    expect(await code(housing({ method: 'GET', url: '/api/unit-requests' }))).toEqual([403, 'AUTH_FORBIDDEN']);

    expect(await code(sup({ method: 'POST', url: `/api/tickets/${id}/unit-request/decision`, payload: { version: 4, decision: 'approve', reason: '改派' } }))).toEqual([400, 'UNIT_REDISPATCH_UNIT_REQUIRED']);
    expect(await code(sup({ method: 'POST', url: `/api/tickets/${id}/unit-request/decision`, payload: { version: 4, decision: 'approve', reason: '改派', mainUnit: 'housing-bureau' } }))).toEqual([400, 'UNIT_REDISPATCH_SAME_UNIT']);
    expect(await code(sup({ method: 'POST', url: `/api/tickets/${id}/unit-request/decision`, payload: { version: 4, decision: 'approve', reason: '改派', mainUnit: 'nobody' } }))).toEqual([400, 'TICKET_UNIT_UNKNOWN']);
    expect(await code(sup({ method: 'POST', url: `/api/tickets/${id}/unit-request/decision`, payload: { version: 3, decision: 'reject', reason: 'x' } }))).toEqual([409, 'TICKET_VERSION_CONFLICT']);
    const rejected = await sup({ method: 'POST', url: `/api/tickets/${id}/unit-request/decision`, payload: { version: 4, decision: 'reject', reason: '电梯维保属物业管理，由住建局督促' } });
    expect(rejected.json().ticket, rejected.body).toMatchObject({ mainUnit: 'housing-bureau', version: 5 });
    expect(await code(sup({ method: 'POST', url: `/api/tickets/${id}/unit-request/decision`, payload: { version: 5, decision: 'reject', reason: 'x' } }))).toEqual([409, 'UNIT_REQUEST_NONE']);
    expect((await housing({ method: 'GET', url: `/api/unit/orders/${id}` })).json().order.request).toMatchObject({ state: 'rejected', decidedBy: 'supervisor', decisionReason: '电梯维保属物业管理，由住建局督促' });
    expect((await sup({ method: 'GET', url: '/api/unit-requests' })).json().requests).toEqual([]);

    await housing({ method: 'POST', url: `/api/tickets/${id}/unit-request`, payload: { version: 5, kind: 'return', reason: '再次申请：特种设备' } });
    clock += HOUR;
    const approved = await sup({ method: 'POST', url: `/api/tickets/${id}/unit-request/decision`, payload: { version: 6, decision: 'approve', reason: '改派市场监管局', mainUnit: 'market-regulation' } });
    expect(approved.json().ticket, approved.body).toMatchObject({ status: 'dispatched', mainUnit: 'market-regulation', version: 7 });
    expect(await http.tickets.get(id)).toMatchObject({ assistingUnits: [], dispatchedAt: clock, unitRequestState: 'approved', unitRequest: { redispatchedTo: 'market-regulation' } });
    // The order left the housing bureau: it is no longer theirs to read.
    expect(await code(housing({ method: 'GET', url: `/api/unit/orders/${id}` }))).toEqual([404, 'TICKET_NOT_FOUND']);
    const kinds = (await sup({ method: 'GET', url: `/api/tickets/${id}` })).json().ticket.history.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(3)).toEqual(['return-requested', 'return-rejected', 'return-requested', 'return-approved', 'dispatch']);
  });

  it('a supervisor re-dispatching while a return waits decides it: approved, and the request list is empty', async () => {
    const id = await dispatchedOrder('c1');
    await housing({ method: 'POST', url: `/api/tickets/${id}/unit-request`, payload: { version: 3, kind: 'return', reason: '非本单位职责' } });
    const dispatched = await sup({ method: 'POST', url: `/api/tickets/${id}/dispatch`, payload: { version: 4, mainUnit: 'urban-management', note: '改派城管' } });
    expect(dispatched.json().ticket, dispatched.body).toMatchObject({ mainUnit: 'urban-management', version: 5 });
    expect(await http.tickets.get(id)).toMatchObject({ unitRequestState: 'approved', unitRequest: { redispatchedTo: 'urban-management', decidedBy: 'supervisor' } });
    expect((await sup({ method: 'GET', url: '/api/unit-requests' })).json().requests).toEqual([]);
    expect((await urban({ method: 'GET', url: `/api/unit/orders/${id}` })).json().order).toMatchObject({ standing: 'main', request: null });
  });

  it('延期: asked in working days, approved moves the reply deadline and the later milestones', async () => {
    const id = await dispatchedOrder('c1');
    expect(await code(housing({ method: 'POST', url: `/api/tickets/${id}/unit-request`, payload: { version: 3, kind: 'extension', reason: '需协调' } }))).toEqual([400, 'UNIT_EXTENSION_DAYS_INVALID']);
    expect(await code(housing({ method: 'POST', url: `/api/tickets/${id}/unit-request`, payload: { version: 3, kind: 'extension', reason: '需协调', days: 30 } }))).toEqual([400, 'REQUEST_INVALID']);
    await housing({ method: 'POST', url: `/api/tickets/${id}/sign`, payload: { version: 3 } });
    const asked = await housing({ method: 'POST', url: `/api/tickets/${id}/unit-request`, payload: { version: 4, kind: 'extension', reason: '需协调电梯厂家配件', days: 2 } });
    expect(asked.statusCode, asked.body).toBe(200);
    // Dispatched Monday 23 Nov: reply by Thursday 26th 24:00; two working days more: Monday 30th 24:00.
    const approved = await sup({ method: 'POST', url: `/api/tickets/${id}/unit-request/decision`, payload: { version: 5, decision: 'approve', reason: '同意延期' } });
    expect(approved.statusCode, approved.body).toBe(200);
    const order = (await housing({ method: 'GET', url: `/api/unit/orders/${id}` })).json().order;
    expect(order).toMatchObject({ replyBy: '2026-11-30T16:00:00.000Z', followUpBy: '2026-12-01T16:00:00.000Z', closeBy: '2026-12-02T16:00:00.000Z', request: { kind: 'extension', state: 'approved', days: 2 } });
  });

  it('shows the units’ contacts and numbers to supervisors and admins only', async () => {
    const units = async (who: string): Promise<{ id: string; contact?: unknown; superior?: string }[]> => (await http.as(who)({ method: 'GET', url: '/api/units' })).json().units;
    expect((await units('supervisor')).find((u) => u.id === 'housing-bureau')).toMatchObject({ contact: { name: '刘联络', number: '13900000001' }, superior: 'city-government' });
    expect((await units('admin')).find((u) => u.id === 'housing-bureau')?.contact).toBeDefined();
    const forAgent = (await units('8001')).find((u) => u.id === 'housing-bureau');
    expect(forAgent).toMatchObject({ superior: 'city-government' });
    expect(forAgent).not.toHaveProperty('contact');
  });
});
