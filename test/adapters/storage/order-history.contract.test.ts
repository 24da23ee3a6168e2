// The demo's order history on both databases: a generated month of orders written with their calls into
// an empty tickets table only, each readable as a ticket (its number, unit, reply and rating), found by
// the text search the insert triggers feed, and a live call's ticket still filed after them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateYear, loadYearSources, type GeneratedOrder } from '../../../src/adapters/tickets/generated-year/index.js';
import { pastOrderRows } from '../../../src/boot/order-history.js';
import { callFacts } from '../../helpers/call-facts.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const sources = loadYearSources();
const year = generateYear({ ...sources, seed: 3, from: '2026-11-01', to: '2026-11-30', ordersPerDay: 40 });
const rows = pastOrderRows(year.orders);

describe.each(STORAGE_BACKENDS)('the order history on $name', (backend) => {
  let s: ContractStores;
  beforeAll(async () => {
    s = await backend.open('order_history');
  });
  afterAll(() => s.close());

  it('fills an empty tickets table with the orders and their calls, once', async () => {
    expect(rows.length).toBeGreaterThan(800);
    expect(await s.orderHistory.seedHistory(rows)).toBe(rows.length);
    expect(await s.orderHistory.seedHistory(rows.slice(0, 3))).toBe(0);
  });

  it('keeps each order as a ticket: number, category, place, unit, reply and rating', async () => {
    const closed = year.orders.findIndex((o) => o.status === 'closed' && o.mainUnit !== null && o.satisfaction !== null);
    const order = year.orders[closed] as GeneratedOrder;
    const ticket = await s.tickets.getByNumber((rows[closed] as { number: string }).number);
    expect(ticket).toMatchObject({
      callId: `history-${order.id}`, status: 'closed', categoryCode: order.categoryCode, area: order.area, location: order.location || null, mainUnit: order.mainUnit,
      replyBy: order.replyBy, handledAt: order.handledAt, satisfaction: order.satisfaction, createdAt: order.createdAt, callerNumber: order.callerNumber,
    });
    const missed = rows.find((r) => r.status === 'missed');
    expect(await s.tickets.getByNumber(missed?.number ?? '')).toMatchObject({ status: 'missed', missedIn: 'queue', callAnsweredAt: null, categoryCode: null });
  });

  it('indexes the orders for the text search, and a live call is filed after them', async () => {
    const withPlace = year.orders.find((o) => o.location.length >= 6) as GeneratedOrder;
    const page = await s.tickets.list({ text: withPlace.location.slice(0, 4), from: Date.parse('2026-10-01'), to: Date.parse('2026-12-31'), limit: 500 });
    expect(page?.tickets.map((t) => t.callId)).toContain(`history-${withPlace.id}`);
    const { created } = await s.tickets.closeCallWithTicket(callFacts('live-after-history'), Date.parse('2026-12-05T02:00:00Z'));
    expect(created).toBe(true);
  });
});
