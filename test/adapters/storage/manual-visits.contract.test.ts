// The list of return visits to make by hand (人工回访) on both databases: only replied orders whose
// automatic visits all failed, never a confidential or declined one, none rated since the reply;
// longest waiting first, page by page with a cursor, and a cursor not ours refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketChanges } from '../../../src/app/ports/ticket-records.js';
import { callFacts } from '../../helpers/call-facts.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const day = Date.UTC(2027, 3, 6, 2, 0, 0);
const HOUR = 3_600_000;
const replied = (at: number): TicketChanges => ({ status: 'replied', handledAt: at });
// Each order as the follow-up would leave it; `v` orders are listed, `x` ones are not.
const ORDERS: readonly { call: string; changes: TicketChanges }[] = [
  { call: 'v-late', changes: { ...replied(day), manualVisitAt: day + 5 * HOUR } },
  { call: 'v-early', changes: { ...replied(day), manualVisitAt: day + 2 * HOUR } },
  { call: 'v-rated-before-reply', changes: { ...replied(day + HOUR), ratedAt: day, satisfaction: 'dissatisfied', manualVisitAt: day + 3 * HOUR } },
  { call: 'v-same-time', changes: { ...replied(day), manualVisitAt: day + 5 * HOUR } },
  { call: 'x-automatic', changes: replied(day) },
  { call: 'x-confidential', changes: { ...replied(day), confidential: true, manualVisitAt: day + HOUR } },
  { call: 'x-declined', changes: { ...replied(day), returnVisitDeclined: true, manualVisitAt: day + HOUR } },
  { call: 'x-rated', changes: { ...replied(day), ratedAt: day + 4 * HOUR, satisfaction: 'satisfied', manualVisitAt: day + HOUR } },
  { call: 'x-closed', changes: { status: 'closed', handledAt: day, closedAt: day + HOUR, manualVisitAt: day + HOUR } },
  { call: 'x-in-progress', changes: { status: 'in-progress', manualVisitAt: day + HOUR } },
];

describe.each(STORAGE_BACKENDS)('the manual return-visit list on $name', (backend) => {
  let s: ContractStores;
  beforeAll(async () => {
    s = await backend.open('manual-visits');
    for (const [i, order] of ORDERS.entries()) {
      const { ticket } = await s.tickets.closeCallWithTicket(callFacts(order.call), day - 86_400_000 + i * 60_000);
      await s.tickets.update(ticket.id, null, order.changes, []);
    }
  });
  afterAll(() => s.close());

  it('lists the replied orders every automatic visit failed on, longest waiting first', async () => {
    const page = await s.tickets.manualVisits(50);
    expect(page?.tickets.map((t) => t.callId)).toEqual(['v-early', 'v-rated-before-reply', 'v-late', 'v-same-time']);
    expect(page?.nextCursor).toBeNull();
    expect(page?.tickets[0]).toMatchObject({ status: 'replied', handledAt: day, manualVisitAt: day + 2 * HOUR, confidential: false, returnVisitDeclined: false });
  });

  it('pages with a cursor through orders waiting since the same moment, and refuses a cursor not its own', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await s.tickets.manualVisits(1, cursor);
      seen.push(...(page?.tickets.map((t) => t.callId) ?? []));
      if (!page?.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['v-early', 'v-rated-before-reply', 'v-late', 'v-same-time']);
    expect(await s.tickets.manualVisits(10, 'bm90LW91cnM')).toBeNull();
    expect(await s.tickets.manualVisits(10, Buffer.from('1:2').toString('base64url'))).toBeNull();
  });

  it('drops an order once it is rated after the reply, or its wait is cleared', async () => {
    const early = await s.tickets.getByCall('v-early');
    const late = await s.tickets.getByCall('v-late');
    if (!early || !late) throw new Error('the orders were written in beforeAll');
    await s.tickets.update(early.id, null, { satisfaction: 'satisfied', ratedAt: day + 6 * HOUR }, []);
    await s.tickets.update(late.id, null, { manualVisitAt: null }, []);
    expect((await s.tickets.manualVisits(50))?.tickets.map((t) => t.callId)).toEqual(['v-rated-before-reply', 'v-same-time']);
  });
});
