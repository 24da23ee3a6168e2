// The calls and orders both databases' analysis sums are tested on (analysis-records.contract.test.ts,
// ticket-sums-migration.contract.test.ts): calls offered and not (placed calls, callbacks we made, an
// IVR-only call), abandons and a callback kept, waits either side of 15 s, orders either side of
// midnight, replies on time and late, every kind of rating.
import type { TicketChanges, TicketRecords } from '../../src/app/ports/ticket-records.js';
import { chinaInstant } from '../../src/domain/calendar/china-time.js';
import { callFacts } from './call-facts.js';

export const D = '2026-11-23';
const nine = chinaInstant(D, 9 * 60);
const lateNight = chinaInstant(D, 23 * 60 + 59) + 50_000; // 23:59:50 China time
const nextDay = chinaInstant('2026-11-24', 10 * 60);
const H = 3_600_000;

async function call(s: { tickets: TicketRecords }, id: string, startedAt: number, facts: Parameters<typeof callFacts>[1], order?: TicketChanges): Promise<void> {
  const endedAt = startedAt + 60_000;
  await s.tickets.closeCallWithTicket(callFacts(id, { startedAt, answeredAt: startedAt + 100, endedAt, ...facts }), endedAt);
  if (order === undefined) return;
  const ticket = await s.tickets.getByCall(id);
  if (!ticket) throw new Error(`no ticket for ${id}`);
  await s.tickets.update(ticket.id, null, order, []);
}

const queued = (startedAt: number, waitMs: number, answered: boolean) => ({ queue: 'general', queuedAt: startedAt + 1_000, agentId: answered ? '8001' : null, agentAnsweredAt: answered ? startedAt + 1_000 + waitMs : null, conversationEndedAt: answered ? startedAt + 50_000 : null });

/** Writes the nine calls (a1…a9) through the ticket records, as the hotline writes them. */
export async function seedAnalysisOrders(s: { tickets: TicketRecords }): Promise<void> {
  await call(s, 'a1', nine, queued(nine, 10_000, true), { requestType: 'complaint', categoryCode: '0202', area: '东城街道', mainUnit: 'housing-bureau', replyBy: nine + 10 * H, handledAt: nine + 5 * H, satisfaction: 'satisfied' });
  await call(s, 'a2', nine + 60_000, queued(nine + 60_000, 20_000, true), { requestType: 'consultation', categoryCode: '0202', area: '东城街道', mainUnit: 'housing-bureau', replyBy: nine + 10 * H, handledAt: nine + 11 * H, satisfaction: 'basically_satisfied' });
  await call(s, 'a3', nine + 120_000, queued(nine + 120_000, 40_000, false), { requestType: 'help', categoryCode: '0401', mainUnit: 'traffic-police', replyBy: nine + 10 * H });
  await call(s, 'a4', nine + 180_000, { ...queued(nine + 180_000, 30_000, false), ivrPath: [{ at: nine + 190_000, kind: 'outcome', outcome: 'callback-requested', detail: '3' }] });
  // Never reached a queue: no call offered to a human, but its order counts.
  await call(s, 'a5', nine + 240_000, {}, { requestType: 'complaint', categoryCode: '0401', area: '西城街道', mainUnit: 'traffic-police', satisfaction: 'dissatisfied', handledAt: nine + 2 * H });
  // Calls we placed: a return visit, and the callback of a4.
  await call(s, 'a6', nine + 300_000, { ...queued(nine + 300_000, 1_000, true), dialedNumber: 'outbound' });
  await call(s, 'a7', nine + 360_000, { ...queued(nine + 360_000, 1_000, true), ivrPath: [{ at: nine + 360_000, kind: 'outcome', outcome: 'callback-of', detail: 'a4' }] });
  // Started 23:59:50, its order written after midnight: the call is the 23rd's, the order the 24th's.
  await call(s, 'a8', lateNight, queued(lateNight, 5_000, true), { requestType: 'complaint', categoryCode: '0202', area: '东城街道' });
  await call(s, 'a9', nextDay, queued(nextDay, 5_000, true), { requestType: 'suggestion', categoryCode: '1101', area: '南湖街道', mainUnit: 'housing-bureau' });
}

