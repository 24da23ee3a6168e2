// Hotspot warnings on both databases: the rules' inputs read from the orders (day counts on China days,
// recent orders, a selection's order ids), a finding kept and refreshed by its key with its state and
// history untouched, and a step that only the first of two writers on one version gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HotspotFinding } from '../../../src/domain/hotspots/hotspot-facts.js';
import { callFacts } from '../../helpers/call-facts.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

const HOUR = 3_600_000;
// 2027-03-01 00:00 China time is 2027-02-28 16:00 UTC.
const MARCH_1 = Date.UTC(2027, 1, 28, 16, 0, 0);
const ORDERS: readonly { call: string; at: number; category: string | null; area: string | null; location?: string; caller?: string; replied?: number }[] = [
  { call: 'h1', at: MARCH_1 - HOUR, category: 'roof-leak', area: '东城街道' }, // 2027-02-28 23:00 China
  { call: 'h2', at: MARCH_1 + HOUR, category: 'roof-leak', area: '东城街道', location: '幸福小区3号楼' },
  { call: 'h3', at: MARCH_1 + 2 * HOUR, category: 'roof-leak', area: '东城街道', location: '幸福小区3号楼', caller: '13900002222', replied: MARCH_1 + 5 * HOUR },
  { call: 'h4', at: MARCH_1 + 3 * HOUR, category: 'roof-leak', area: null },
  { call: 'h5', at: MARCH_1 + 4 * HOUR, category: 'roof-leak', area: '' },
  { call: 'h6', at: MARCH_1 + 5 * HOUR, category: 'noise', area: '西城街道' },
  { call: 'h7', at: MARCH_1 + 24 * HOUR + 1, category: 'roof-leak', area: '东城街道' },
  { call: 'h8', at: MARCH_1 + 6 * HOUR, category: null, area: '东城街道' },
];

const finding = (over: Partial<HotspotFinding> = {}): HotspotFinding => ({
  key: 'surge:roof-leak:东城街道:2027-03-01',
  kind: 'surge',
  categoryCode: 'roof-leak',
  area: '东城街道',
  place: null,
  from: '2027-03-01',
  to: '2027-03-01',
  observed: 2,
  expected: 0.25,
  score: 7.5,
  reason: '东城街道·屋顶漏水：今日 2 件，近 28 日日均 0.25 件',
  orderIds: [],
  select: { categoryCode: 'roof-leak', area: '东城街道', from: '2027-03-01', to: '2027-03-01' },
  ...over,
});

describe.each(STORAGE_BACKENDS)('hotspot records on $name', (backend) => {
  let s: ContractStores;
  const ids = new Map<string, number>();
  beforeAll(async () => {
    s = await backend.open('hotspots');
    for (const order of ORDERS) {
      const { ticket } = await s.tickets.closeCallWithTicket(callFacts(order.call, { callerNumber: order.caller ?? '13800001111', startedAt: order.at - 60_000, answeredAt: order.at - 50_000, endedAt: order.at }), order.at);
      ids.set(order.call, ticket.id);
      await s.tickets.update(ticket.id, null, { categoryCode: order.category, area: order.area, location: order.location ?? null, handledAt: order.replied ?? null }, []);
    }
  });
  afterAll(() => s.close());
  const id = (call: string): number => ids.get(call) ?? 0;

  it('counts orders per China day, category and area; an order naming no area counts under ""; orders without a category are left out', async () => {
    const counts = await s.hotspots.dayCounts('2027-02-28', '2027-03-01');
    const sorted = [...counts].sort((a, b) => `${a.day}${a.categoryCode}${a.area}`.localeCompare(`${b.day}${b.categoryCode}${b.area}`));
    expect(sorted).toEqual([
      { day: '2027-02-28', categoryCode: 'roof-leak', area: '东城街道', count: 1 },
      { day: '2027-03-01', categoryCode: 'noise', area: '西城街道', count: 1 },
      { day: '2027-03-01', categoryCode: 'roof-leak', area: '', count: 2 },
      { day: '2027-03-01', categoryCode: 'roof-leak', area: '东城街道', count: 2 },
    ]);
    expect(await s.hotspots.dayCounts('2027-03-02', '2027-03-02')).toEqual([{ day: '2027-03-02', categoryCode: 'roof-leak', area: '东城街道', count: 1 }]);
  });

  it('reads the recent orders as the rules do, oldest first, with the reply time', async () => {
    const recent = await s.hotspots.recentOrders(MARCH_1, MARCH_1 + 3 * HOUR);
    expect(recent).toEqual([
      { id: id('h2'), createdAt: MARCH_1 + HOUR, categoryCode: 'roof-leak', area: '东城街道', location: '幸福小区3号楼', callerNumber: '13800001111', repliedAt: null },
      { id: id('h3'), createdAt: MARCH_1 + 2 * HOUR, categoryCode: 'roof-leak', area: '东城街道', location: '幸福小区3号楼', callerNumber: '13900002222', repliedAt: MARCH_1 + 5 * HOUR },
    ]);
  });

  it('selects the orders of a category, area and days, newest first, within the limit', async () => {
    expect(await s.hotspots.orderIds({ categoryCode: 'roof-leak', area: '东城街道', from: '2027-03-01', to: '2027-03-02' }, 10)).toEqual([id('h7'), id('h3'), id('h2')]);
    expect(await s.hotspots.orderIds({ categoryCode: 'roof-leak', area: '', from: '2027-03-01', to: '2027-03-01' }, 10)).toEqual([id('h5'), id('h4')]);
    expect(await s.hotspots.orderIds({ categoryCode: 'roof-leak', area: null, from: '2027-02-28', to: '2027-03-01' }, 3)).toEqual([id('h5'), id('h4'), id('h3')]);
  });

  it('raises a finding once, refreshes it by its key keeping its state and history, and says when it changed', async () => {
    const first = await s.hotspots.upsert(finding(), [id('h2'), id('h3')], MARCH_1 + 10 * HOUR);
    expect(first).toMatchObject({ created: true, changed: true });
    const same = await s.hotspots.upsert(finding(), [id('h3'), id('h2')], MARCH_1 + 11 * HOUR);
    expect(same).toEqual({ id: first.id, created: false, changed: false });
    const stored = await s.hotspots.get(first.id);
    expect(stored).toMatchObject({ state: 'new', orderCount: 2, version: 1, raisedAt: MARCH_1 + 10 * HOUR, updatedAt: MARCH_1 + 10 * HOUR, unitId: null, proactiveTicketId: null });
    expect(stored?.finding).toEqual({ ...finding(), orderIds: [] });

    const sent = await s.hotspots.step(first.id, 1, { state: 'sent', unitId: 'housing-bureau', entry: { step: 'send', by: 'sup1', at: MARCH_1 + 12 * HOUR, unitId: 'housing-bureau', note: '请排查' } });
    expect(sent).toMatchObject({ state: 'sent', unitId: 'housing-bureau', version: 2 });
    const grown = await s.hotspots.upsert(finding({ observed: 3, score: 9, reason: '东城街道·屋顶漏水：今日 3 件' }), [id('h2'), id('h3'), id('h7')], MARCH_1 + 13 * HOUR);
    expect(grown).toEqual({ id: first.id, created: false, changed: true });
    expect(await s.hotspots.get(first.id)).toMatchObject({ state: 'sent', unitId: 'housing-bureau', version: 2, orderCount: 3, updatedAt: MARCH_1 + 13 * HOUR, finding: { observed: 3, score: 9 } });
    expect(await s.hotspots.evidence(first.id)).toEqual([id('h7'), id('h3'), id('h2')]);
    expect((await s.hotspots.history(first.id)).map((h) => [h.step, h.by, h.unitId, h.note])).toEqual([
      ['raised', null, null, null],
      ['send', 'sup1', 'housing-bureau', '请排查'],
    ]);
  });

  it('keeps at most 500 orders of evidence, each once', async () => {
    const many = Array.from({ length: 700 }, (_, i) => id(ORDERS[i % ORDERS.length]?.call ?? 'h1'));
    const { id: warning } = await s.hotspots.upsert(finding({ key: 'cluster:many', kind: 'cluster', select: null }), many, MARCH_1);
    expect((await s.hotspots.evidence(warning)).length).toBe(ORDERS.length);
    expect((await s.hotspots.get(warning))?.orderCount).toBe(ORDERS.length);
  });

  it('lets one of two steps on the same version through, and a dismissed warning found again stays dismissed', async () => {
    const { id: warning } = await s.hotspots.upsert(finding({ key: 'cluster:幸福小区3号楼', kind: 'cluster', place: '幸福小区3号楼', select: null }), [id('h2'), id('h3')], MARCH_1);
    const entry = { by: 'sup1', at: MARCH_1 + HOUR, unitId: null, note: '误报' };
    const [a, b] = await Promise.all([
      s.hotspots.step(warning, 1, { state: 'dismissed', entry: { ...entry, step: 'dismiss' } }),
      s.hotspots.step(warning, 1, { state: 'sent', unitId: 'housing-bureau', entry: { ...entry, step: 'send', by: 'sup2' } }),
    ]);
    expect([a, b].filter((r) => r !== null)).toHaveLength(1);
    expect((await s.hotspots.history(warning)).length).toBe(2);
    const winner = await s.hotspots.get(warning);
    if (winner?.state === 'sent') await s.hotspots.step(warning, 2, { state: 'dismissed', entry: { ...entry, step: 'dismiss' } });
    await s.hotspots.upsert(finding({ key: 'cluster:幸福小区3号楼', kind: 'cluster', place: '幸福小区3号楼', observed: 9, select: null }), [id('h2'), id('h3'), id('h7')], MARCH_1 + 2 * HOUR);
    expect(await s.hotspots.get(warning)).toMatchObject({ state: 'dismissed', finding: { observed: 9 } });
  });

  it('lists open warnings first, then by score, filtered by state, kind and period', async () => {
    const low = await s.hotspots.upsert(finding({ key: 'season:x', kind: 'season', score: 1, from: '2027-04-01', to: '2027-04-10' }), [], MARCH_1);
    const listed = await s.hotspots.list({ limit: 10 });
    expect(listed.map((w) => w.state)).toEqual(['sent', 'new', 'new', 'dismissed']);
    expect(listed.map((w) => w.finding.score)).toEqual([9, 7.5, 1, 7.5]);
    expect((await s.hotspots.list({ limit: 10, kind: 'season' })).map((w) => w.id)).toEqual([low.id]);
    expect((await s.hotspots.list({ limit: 10, state: 'dismissed' })).map((w) => w.finding.kind)).toEqual(['cluster']);
    expect((await s.hotspots.list({ limit: 10, from: '2027-04-05', to: '2027-04-30' })).map((w) => w.id)).toEqual([low.id]);
    expect(await s.hotspots.list({ limit: 10, from: '2027-03-02', to: '2027-03-31' })).toEqual([]);
    expect(await s.hotspots.list({ limit: 1 })).toHaveLength(1);
    expect(await s.hotspots.get(999_999)).toBeNull();
  });
});
