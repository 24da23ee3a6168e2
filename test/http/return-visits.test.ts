// Return visits over HTTP: the citizen's no to return visits (拒绝回访) filed on the order and read
// back; the list of visits to make by hand (GET /api/return-visits) for agents with the return-visits
// duty and supervisors, with its limits and cursor; a rating entered from it takes the order off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

const HOUR = 3_600_000;
const NOW = T0 + 30 * 86_400_000;

describe('return visits', () => {
  let http: HttpTestApp;
  const ids: Record<string, number> = {};

  /** An order the unit replied to, every automatic visit failed on `waitingSince` (null: not yet). */
  const repliedOrder = async (callId: string, waitingSince: number | null, extra: Record<string, unknown> = {}): Promise<number> => {
    const { ticket } = await http.tickets.closeCallWithTicket(callFacts(callId, { agentId: '8001', agentAnsweredAt: T0 + 10_000, queue: 'general', queuedAt: T0 + 5_000, endedAt: T0 + 70_000 }), T0 + 70_010);
    const replied = { status: 'replied', requestType: 'complaint', categoryCode: '0201', title: `电梯故障 ${callId}`, mainUnit: 'housing-bureau', handledAt: NOW - 10 * HOUR, manualVisitAt: waitingSince, ...extra };
    const written = await http.tickets.update(ticket.id, null, replied, []);
    if (!written.ok) throw new Error(written.code);
    ids[callId] = ticket.id;
    return ticket.id;
  };
  const list = (user: string, query = '') => http.as(user)({ method: 'GET', url: `/api/return-visits${query}` });

  beforeAll(async () => {
    http = await startHttpTestApp({ now: () => NOW });
    await repliedOrder('waits-long', NOW - 5 * HOUR);
    await repliedOrder('waits-short', NOW - 2 * HOUR);
    await repliedOrder('visited-automatically', null);
    await repliedOrder('secret', NOW - 6 * HOUR, { confidential: true });
  });
  afterAll(async () => http.close());

  it('files the citizen’s no to return visits on the order, reads it back, and keeps such an order off the list', async () => {
    const { ticket } = await http.tickets.closeCallWithTicket(callFacts('says-no', { agentId: '8001', agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000 }), T0 + 70_010);
    const filed = await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${ticket.id}`, payload: { version: 1, title: '噪音', returnVisitDeclined: true } });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json().ticket).toMatchObject({ returnVisitDeclined: true, confidential: false, version: 2 });
    expect((await http.as('8002')({ method: 'GET', url: `/api/tickets/${ticket.id}` })).json().ticket).toMatchObject({ returnVisitDeclined: true, title: '噪音' });
    expect((await http.as('8001')({ method: 'PATCH', url: `/api/tickets/${ticket.id}`, payload: { version: 2, returnVisitDeclined: 'no' } })).json().error.code).toBe('REQUEST_INVALID');
    expect(await http.tickets.get(ticket.id)).toMatchObject({ returnVisitDeclined: true, version: 2 });
    await http.tickets.update(ticket.id, null, { status: 'replied', handledAt: NOW - HOUR, manualVisitAt: NOW - 7 * HOUR }, []);
    expect((await list('8004')).json().orders.map((o: { id: number }) => o.id)).not.toContain(ticket.id);
  });

  it('lists the orders waiting for a visit by hand, longest waiting first, with what the visitor needs', async () => {
    const reply = await list('8004');
    expect(reply.statusCode, reply.body).toBe(200);
    const { orders, nextCursor } = reply.json();
    expect(orders.map((o: { id: number }) => o.id)).toEqual([ids['waits-long'], ids['waits-short']]);
    expect(nextCursor).toBeNull();
    const row = await http.tickets.get(ids['waits-long'] ?? 0);
    expect(orders[0]).toEqual({
      id: row?.id,
      number: row?.number,
      callerNumber: '13800001111',
      title: '电梯故障 waits-long',
      categoryCode: '0201',
      mainUnit: 'housing-bureau',
      handledAt: new Date(NOW - 10 * HOUR).toISOString(),
      manualVisitAt: new Date(NOW - 5 * HOUR).toISOString(),
      version: row?.version,
    });
  });

  it('is for agents with the return-visits duty, supervisors and admins; not for other agents, QA or units', async () => {
    for (const user of ['8004', 'supervisor', 'admin']) expect((await list(user)).statusCode, user).toBe(200);
    for (const user of ['8001', 'qa', 'housing']) {
      const refused = await list(user);
      expect([refused.statusCode, refused.json().error.code], user).toEqual([403, 'AUTH_FORBIDDEN']);
    }
    const anonymous = await http.app.inject({ method: 'GET', url: '/api/return-visits' });
    expect(anonymous.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('pages with a cursor, and refuses a bad query with a stable code', async () => {
    const first = (await list('8004', '?limit=1')).json();
    expect(first.orders.map((o: { id: number }) => o.id)).toEqual([ids['waits-long']]);
    const second = (await list('8004', `?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.orders.map((o: { id: number }) => o.id)).toEqual([ids['waits-short']]);
    for (const query of ['?limit=0', '?limit=201', '?limit=ten', '?status=replied', `?cursor=${'x'.repeat(65)}`]) {
      const reply = await list('8004', query);
      expect([reply.statusCode, reply.json().error.code], query).toEqual([400, 'REQUEST_INVALID']);
    }
    const forged = await list('8004', `?cursor=${Buffer.from('visit:abc').toString('base64url')}`);
    expect([forged.statusCode, forged.json().error.code]).toEqual([400, 'TICKET_CURSOR_INVALID']);
  });

  it('an order rated from the list leaves it', async () => {
    const id = ids['waits-long'] ?? 0;
    const version = (await http.tickets.get(id))?.version;
    const rated = await http.as('8004')({ method: 'POST', url: `/api/tickets/${id}/satisfaction`, payload: { version, rating: 'basically-satisfied' } });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().ticket).toMatchObject({ satisfaction: 'basically-satisfied', status: 'replied' });
    expect((await list('8004')).json().orders.map((o: { id: number }) => o.id)).toEqual([ids['waits-short']]);
  });
});
