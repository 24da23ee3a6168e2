// The analysis page's sums on both databases: the same calls offered (placed calls, callbacks we made
// and IVR-only calls left out), abandons and the 15 s service level as the daily report counts them,
// orders by their creation day and hour, category, area and main unit, with the units' rates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFacts } from '../../helpers/call-facts.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';
import { chinaInstant } from '../../../src/domain/calendar/china-time.js';
import type { TicketChanges } from '../../../src/app/ports/ticket-records.js';

const D = '2026-11-23';
const nine = chinaInstant(D, 9 * 60);
const lateNight = chinaInstant(D, 23 * 60 + 59) + 50_000; // 23:59:50 China time
const nextDay = chinaInstant('2026-11-24', 10 * 60);
const H = 3_600_000;

async function call(s: ContractStores, id: string, startedAt: number, facts: Parameters<typeof callFacts>[1], order?: TicketChanges): Promise<void> {
  const endedAt = startedAt + 60_000;
  await s.tickets.closeCallWithTicket(callFacts(id, { startedAt, answeredAt: startedAt + 100, endedAt, ...facts }), endedAt);
  if (order === undefined) return;
  const ticket = await s.tickets.getByCall(id);
  if (!ticket) throw new Error(`no ticket for ${id}`);
  await s.tickets.update(ticket.id, null, order, []);
}

const queued = (startedAt: number, waitMs: number, answered: boolean) => ({ queue: 'general', queuedAt: startedAt + 1_000, agentId: answered ? '8001' : null, agentAnsweredAt: answered ? startedAt + 1_000 + waitMs : null, conversationEndedAt: answered ? startedAt + 50_000 : null });

async function seed(s: ContractStores): Promise<void> {
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

const byKey = <T,>(rows: T[], key: (row: T) => string): T[] => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

describe.each(STORAGE_BACKENDS)('analysis sums on $name', (backend) => {
  let s: ContractStores;
  beforeAll(async () => {
    s = await backend.open('analysis_sums');
    await seed(s);
  });
  afterAll(() => s.close());

  it('counts calls offered by the China day and hour they started, with the 15 s service level and abandons', async () => {
    const rows = byKey(await s.analysis.callHours(D, D, 15_000), (r) => `${r.day}${String(r.hour).padStart(2, '0')}`);
    expect(rows).toEqual([
      { day: D, hour: 9, calls: 4, answered: 2, answeredWithinTarget: 1, abandoned: 1 },
      { day: D, hour: 23, calls: 1, answered: 1, answeredWithinTarget: 1, abandoned: 0 },
    ]);
    const wider = await s.analysis.callHours(D, '2026-11-24', 5_000);
    expect(byKey(wider, (r) => `${r.day}${String(r.hour).padStart(2, '0')}`).map((r) => [r.day, r.hour, r.calls, r.answeredWithinTarget])).toEqual([
      [D, 9, 4, 0],
      [D, 23, 1, 1],
      ['2026-11-24', 10, 1, 1],
    ]);
  });

  it('counts filed orders by the China day and hour they were created', async () => {
    const rows = byKey(await s.analysis.orderHours(D, '2026-11-24'), (r) => `${r.day}${String(r.hour).padStart(2, '0')}`);
    expect(rows).toEqual([
      { day: D, hour: 9, count: 4 },
      { day: '2026-11-24', hour: 0, count: 1 },
      { day: '2026-11-24', hour: 10, count: 1 },
    ]);
    expect(await s.analysis.orderHours('2026-11-25', '2026-11-30')).toEqual([]);
  });

  it('counts orders by day and subcategory, and by area and subcategory ("" when not filled)', async () => {
    expect(byKey(await s.analysis.categoryDays(D, D), (r) => r.categoryCode)).toEqual([
      { day: D, categoryCode: '0202', count: 2 },
      { day: D, categoryCode: '0401', count: 2 },
    ]);
    expect(byKey(await s.analysis.areaCategories(D, '2026-11-24'), (r) => `${r.area}|${r.categoryCode}`)).toEqual([
      { area: '', categoryCode: '0401', count: 1 },
      { area: '东城街道', categoryCode: '0202', count: 3 },
      { area: '南湖街道', categoryCode: '1101', count: 1 },
      { area: '西城街道', categoryCode: '0401', count: 1 },
    ]);
  });

  it('sums each main unit’s orders, replies on time, ratings and satisfied ratings (满意 and 基本满意)', async () => {
    expect(byKey(await s.analysis.units(D, D), (r) => r.unitId)).toEqual([
      { unitId: 'housing-bureau', orders: 2, replied: 2, onTime: 1, rated: 2, satisfied: 2 },
      { unitId: 'traffic-police', orders: 2, replied: 1, onTime: 0, rated: 1, satisfied: 0 },
    ]);
  });
});
