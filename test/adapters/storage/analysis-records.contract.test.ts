// The analysis page's sums on both databases: the same calls offered (placed calls, callbacks we made
// and IVR-only calls left out), abandons and the 15 s service level as the daily report counts them,
// orders by their creation day and hour, category, area and main unit, with the units' rates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { D, seedAnalysisOrders } from '../../helpers/analysis-seed.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const byKey = <T,>(rows: T[], key: (row: T) => string): T[] => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

describe.each(STORAGE_BACKENDS)('analysis sums on $name', (backend) => {
  let s: ContractStores;
  beforeAll(async () => {
    s = await backend.open('analysis_sums');
    await seedAnalysisOrders(s);
  });
  afterAll(() => s.close());

  it('counts calls offered by the China day and hour they started, with the 15 s service level and abandons', async () => {
    const rows = byKey(await s.analysis.callHours(D, D), (r) => `${r.day}${String(r.hour).padStart(2, '0')}`);
    expect(rows).toEqual([
      { day: D, hour: 9, calls: 4, answered: 2, answeredWithinTarget: 1, abandoned: 1 },
      { day: D, hour: 23, calls: 1, answered: 1, answeredWithinTarget: 1, abandoned: 0 },
    ]);
    const wider = await s.analysis.callHours(D, '2026-11-24');
    expect(byKey(wider, (r) => `${r.day}${String(r.hour).padStart(2, '0')}`).map((r) => [r.day, r.hour, r.calls, r.answeredWithinTarget])).toEqual([
      [D, 9, 4, 1],
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

  // Last: it changes the seeded orders.
  it('follows a ticket’s changes: a reply on time and a rating move its unit’s figures, a new category and area move its cell', async () => {
    const a3 = await s.tickets.getByCall('a3');
    const a9 = await s.tickets.getByCall('a9');
    if (!a3 || !a9) throw new Error('seeded tickets missing');
    await s.tickets.update(a3.id, null, { handledAt: a3.replyBy === null ? null : a3.replyBy - 1, satisfaction: 'satisfied' }, []);
    await s.tickets.update(a9.id, null, { categoryCode: '0202', area: '东城街道' }, []);
    expect(byKey(await s.analysis.units(D, D), (r) => r.unitId)).toEqual([
      { unitId: 'housing-bureau', orders: 2, replied: 2, onTime: 1, rated: 2, satisfied: 2 },
      { unitId: 'traffic-police', orders: 2, replied: 2, onTime: 1, rated: 2, satisfied: 1 },
    ]);
    expect(byKey(await s.analysis.areaCategories('2026-11-24', '2026-11-24'), (r) => `${r.area}|${r.categoryCode}`)).toEqual([{ area: '东城街道', categoryCode: '0202', count: 2 }]);
    expect(await s.analysis.categoryDays('2026-11-24', '2026-11-24')).toEqual([{ day: '2026-11-24', categoryCode: '0202', count: 2 }]);
    expect(byKey(await s.hotspots.dayCounts('2026-11-24', '2026-11-24'), (r) => r.area)).toEqual([{ day: '2026-11-24', categoryCode: '0202', area: '东城街道', count: 2 }]);
  });
});
