// The hotspot routes over the real app and an in-memory SQLite with real migrations: who may read and
// act, each step from each state with its refusals, two supervisors on one version, and the proactive
// order (主动治理): on the unit's own list, dispatched, and never counted as a call in the daily report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HotspotStore } from '../../src/adapters/db/hotspot-store.js';
import { HotspotActions } from '../../src/app/hotspots/hotspot-actions.js';
import type { HotspotRecords } from '../../src/app/ports/hotspot-records.js';
import type { HotspotFinding } from '../../src/domain/hotspots/hotspot-facts.js';
import { loadCategories } from '../../src/adapters/tickets/category-file.js';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

const NOW = T0 + 3_600_000;
const finding = (key: string, over: Partial<HotspotFinding> = {}): HotspotFinding => ({
  key,
  kind: 'cluster',
  categoryCode: '0202',
  area: '东城街道',
  place: '幸福小区3号楼',
  from: '2026-11-20',
  to: '2026-11-23',
  observed: 3,
  expected: 0.2,
  score: 6,
  reason: '东城街道·屋顶漏水：幸福小区3号楼 4 日内 3 件',
  orderIds: [],
  select: null,
  ...over,
});

describe('hotspot routes', () => {
  let http: HttpTestApp;
  let store: HotspotStore;
  const orders: number[] = [];

  beforeAll(async () => {
    http = await startHttpTestApp({ now: () => NOW });
    store = new HotspotStore(http.database.db, http.database.sqlite);
    for (const [i, call] of ['o1', 'o2', 'o3'].entries()) {
      const at = T0 - (3 - i) * 3_600_000;
      const { ticket } = await http.tickets.closeCallWithTicket(callFacts(call, { startedAt: at - 60_000, answeredAt: at - 50_000, queue: 'general', queuedAt: at - 40_000, agentId: '8001', agentAnsweredAt: at - 30_000, endedAt: at }), at);
      await http.tickets.update(ticket.id, null, { categoryCode: '0202', area: '东城街道', location: '幸福小区3号楼', title: `漏水 ${i}` }, []);
      orders.push(ticket.id);
    }
  });
  afterAll(() => http.close());

  const sup = () => http.as('supervisor');
  const step = (id: number, body: Record<string, unknown>) => sup()({ method: 'POST', url: `/api/hotspots/${id}/steps`, payload: body });
  const raise = async (key: string, over: Partial<HotspotFinding> = {}): Promise<number> => (await store.upsert(finding(key, over), orders, NOW)).id;

  it('lets supervisors read warnings, and no agent, QA or unit', async () => {
    const id = await raise('cluster:roles');
    expect((await sup()({ method: 'GET', url: '/api/hotspots' })).statusCode).toBe(200);
    for (const who of ['8001', 'qa', 'housing', 'editor']) {
      expect((await http.as(who)({ method: 'GET', url: '/api/hotspots' })).json().error.code, who).toBe('AUTH_FORBIDDEN');
      expect((await http.as(who)({ method: 'POST', url: `/api/hotspots/${id}/steps`, payload: { step: 'dismiss', note: '误报' } })).statusCode, who).toBe(403);
    }
  });

  it('opens a warning with its orders newest first, its category name and its history', async () => {
    const id = await raise('cluster:detail');
    const reply = await sup()({ method: 'GET', url: `/api/hotspots/${id}` });
    expect(reply.statusCode).toBe(200);
    const body = reply.json();
    expect(body.warning).toMatchObject({ id, kind: 'cluster', state: 'new', categoryName: '屋顶漏水', place: '幸福小区3号楼', orderCount: 3, unitId: null, proactiveTicket: null });
    expect(body.orders.map((o: { id: number }) => o.id)).toEqual([...orders].reverse());
    expect(body.orders[0]).toMatchObject({ title: '漏水 2', location: '幸福小区3号楼', area: '东城街道', categoryCode: '0202' });
    expect(body.history).toEqual([{ step: 'raised', by: null, at: new Date(NOW).toISOString(), unitId: null, note: null }]);
    expect((await sup()({ method: 'GET', url: '/api/hotspots/99999' })).json().error.code).toBe('HOTSPOT_NOT_FOUND');
  });

  it('moves a warning step by step, refusing what its state or the body does not allow, and audits each step', async () => {
    const id = await raise('cluster:steps');
    expect((await step(id, { step: 'send' })).json().error.code).toBe('HOTSPOT_UNIT_UNKNOWN');
    expect((await step(id, { step: 'send', unitId: 'no-such-unit' })).json().error.code).toBe('HOTSPOT_UNIT_UNKNOWN');
    expect((await step(id, { step: 'handle' })).json().error.code).toBe('HOTSPOT_STEP_INVALID');
    expect((await step(id, { step: 'reopen' })).statusCode).toBe(409);
    const sent = await step(id, { step: 'send', unitId: 'housing-bureau', note: '请排查楼顶防水' });
    expect(sent.json().warning).toMatchObject({ state: 'sent', unitId: 'housing-bureau' });
    expect((await step(id, { step: 'handle', note: '已修复' })).json().warning).toMatchObject({ state: 'handled', unitId: 'housing-bureau' });
    expect((await step(id, { step: 'dismiss', note: '误报' })).json().error.code).toBe('HOTSPOT_STEP_INVALID');
    expect((await step(id, { step: 'reopen' })).json().warning).toMatchObject({ state: 'new', unitId: null });
    expect((await step(id, { step: 'dismiss' })).json().error.code).toBe('HOTSPOT_NOTE_REQUIRED');
    expect((await step(id, { step: 'dismiss', note: '   ' })).statusCode).toBe(400);
    expect((await step(id, { step: 'dismiss', note: '同一楼栋已统一维修' })).json().warning.state).toBe('dismissed');
    expect((await step(99999, { step: 'dismiss', note: 'x' })).json().error.code).toBe('HOTSPOT_NOT_FOUND');
    const history = (await sup()({ method: 'GET', url: `/api/hotspots/${id}` })).json().history;
    expect(history.map((h: { step: string }) => h.step)).toEqual(['raised', 'send', 'handle', 'reopen', 'dismiss']);
    expect(history[1]).toMatchObject({ by: 'supervisor', unitId: 'housing-bureau', note: '请排查楼顶防水' });
    const audit = ((await http.office.audit.page({ targets: [`hotspot:${id}`], limit: 50 }))?.rows ?? []).map((e) => `${e.action}:${e.result}`);
    expect(audit).toEqual(expect.arrayContaining(['hotspot.send:ok', 'hotspot.handle:ok', 'hotspot.reopen:ok', 'hotspot.dismiss:ok', 'hotspot.handle:failed']));
    expect((await sup()({ method: 'GET', url: '/api/hotspots?state=dismissed' })).json().items.map((w: { id: number }) => w.id)).toContain(id);
  });

  it('answers HOTSPOT_CONFLICT to the second of two supervisors acting on the version both read', async () => {
    const id = await raise('cluster:conflict');
    // The other supervisor's step lands right after this one's read: a store that lets it through then.
    const racing: HotspotRecords = Object.assign(Object.create(store) as HotspotStore, {
      get: async (warningId: number) => {
        const read = await store.get(warningId);
        if (read) await store.step(warningId, read.version, { state: 'sent', unitId: 'urban-management', entry: { step: 'send', by: 'other', at: NOW, unitId: 'urban-management', note: null } });
        return read;
      },
    });
    const told: unknown[] = [];
    const actions = new HotspotActions({ store: racing, tickets: http.tickets, ticketService: http.office.ticketService, taxonomy: loadCategories('fixtures/categories.yaml'), units: new Set(['housing-bureau']), audit: http.office.audit, now: () => NOW, changed: (view) => told.push(view) });
    const user = { id: 'supervisor', name: '班长', role: 'supervisor' as const, agentId: null, duties: [] };
    expect(await actions.step(id, { step: 'dismiss', note: '误报' }, user)).toEqual({ ok: false, code: 'HOTSPOT_CONFLICT' });
    expect(told).toEqual([]);
    expect(await store.get(id)).toMatchObject({ state: 'sent', unitId: 'urban-management' });
  });

  it('makes one proactive order from a warning: dispatched to the unit, on its list, the warning sent, and no call in the daily report', async () => {
    const id = await raise('surge:order', { kind: 'surge', place: null, reason: '东城街道·屋顶漏水：今日 3 件，近 28 日日均 0.2 件' });
    const before = (await sup()({ method: 'GET', url: '/api/reports/daily?day=2026-11-23' })).json();
    expect((await sup()({ method: 'POST', url: `/api/hotspots/${id}/orders`, payload: { unitId: 'nowhere' } })).json().error.code).toBe('HOTSPOT_UNIT_UNKNOWN');
    const made = await sup()({ method: 'POST', url: `/api/hotspots/${id}/orders`, payload: { unitId: 'housing-bureau', description: '近期该小区屋顶漏水集中，请主动排查。' } });
    expect(made.statusCode).toBe(201);
    const { warning, ticket } = made.json();
    expect(warning).toMatchObject({ state: 'sent', unitId: 'housing-bureau', proactiveTicket: ticket });
    const row = await http.tickets.get(ticket.id);
    expect(row).toMatchObject({ status: 'dispatched', mainUnit: 'housing-bureau', requestType: 'help', categoryCode: '0202', area: '东城街道', description: '近期该小区屋顶漏水集中，请主动排查。', returnVisitDeclined: true, filedBy: 'supervisor' });
    expect(row?.title).toContain('主动治理');
    expect(row?.signBy).not.toBeNull();
    const unitList = (await http.as('housing')({ method: 'GET', url: '/api/unit/orders' })).json().orders.map((o: { id: number }) => o.id);
    expect(unitList).toContain(ticket.id);
    const after = (await sup()({ method: 'GET', url: '/api/reports/daily?day=2026-11-23' })).json();
    expect(before.report.total.offered).toBe(3);
    expect(after.report).toEqual(before.report);
    expect(after.connectionRate24h).toEqual(before.connectionRate24h);
    const again = await sup()({ method: 'POST', url: `/api/hotspots/${id}/orders`, payload: { unitId: 'housing-bureau' } });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'HOTSPOT_ORDER_EXISTS']);
    const history = (await sup()({ method: 'GET', url: `/api/hotspots/${id}` })).json().history;
    expect(history.at(-1)).toMatchObject({ step: 'order', by: 'supervisor', unitId: 'housing-bureau', note: ticket.number });
    const audit = (await http.office.audit.page({ targets: [`hotspot:${id}`], limit: 10 }))?.rows ?? [];
    expect(audit.map((e) => e.action)).toContain('hotspot.order');
  });

  it('makes a 屡办不成 order a complaint, and none from a dismissed warning', async () => {
    const repeat = await raise('repeat:x', { kind: 'repeat' });
    const made = await sup()({ method: 'POST', url: `/api/hotspots/${repeat}/orders`, payload: { unitId: 'housing-bureau', title: '屡办不成：幸福小区3号楼漏水' } });
    expect((await http.tickets.get(made.json().ticket.id))).toMatchObject({ requestType: 'complaint', title: '屡办不成：幸福小区3号楼漏水' });
    const dismissed = await raise('cluster:dismissed');
    await step(dismissed, { step: 'dismiss', note: '误报' });
    expect((await sup()({ method: 'POST', url: `/api/hotspots/${dismissed}/orders`, payload: { unitId: 'housing-bureau' } })).json().error.code).toBe('HOTSPOT_STEP_INVALID');
  });

  it('files a warning on a major category (a cluster, a rolled-up surge) under the subcategory most of its orders have', async () => {
    const major = await raise('cluster:major', { categoryCode: '02' });
    const made = await sup()({ method: 'POST', url: `/api/hotspots/${major}/orders`, payload: { unitId: 'housing-bureau' } });
    expect(made.statusCode).toBe(201);
    expect(await http.tickets.get(made.json().ticket.id)).toMatchObject({ status: 'dispatched', categoryCode: '0202', mainUnit: 'housing-bureau' });
  });
});
