// The hotspot run end to end on a real SQLite with real migrations: five orders about one building
// inserted as calls' tickets, the service run as the interval would, and the cluster warning seen on
// GET /api/hotspots with its five orders and on a supervisor's real Socket.IO client (hotspot:changed);
// a second run with nothing new tells nobody again, and a step is told at once.
import Fastify, { type FastifyInstance } from 'fastify';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeTimers } from '../../src/adapters/clock/node-timers.js';
import { AgentGateway } from '../../src/adapters/socketio/gateway.js';
import { loadCategories } from '../../src/adapters/tickets/category-file.js';
import { HelpRequests } from '../../src/app/monitoring/help-requests.js';
import type { HotspotView } from '../../src/contract/api/hotspots.js';
import type { ClientToServer, ServerToClient } from '../../src/contract/socket-events.js';
import { createLogger } from '../../src/logging/logger.js';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

type Client = Socket<ServerToClient, ClientToServer>;
const HOUR = 3_600_000;
// 2026-11-23 18:00 China time: the orders came in over the day.
const NOW = T0 + 8 * HOUR;

describe('the hotspot run, end to end', () => {
  let http: HttpTestApp;
  let server: FastifyInstance;
  let gateway: AgentGateway;
  let url: string;
  let client: Client;
  const orderIds: number[] = [];

  beforeAll(async () => {
    http = await startHttpTestApp({ now: () => NOW });
    server = Fastify();
    gateway = new AgentGateway(server.server, {
      help: new HelpRequests(),
      auth: http.office.auth,
      acd: http.acd,
      calls: http.callService,
      pop: { history: async () => [], callsSince: async () => 0, queueName: () => null, taxonomy: loadCategories('fixtures/categories.yaml'), choiceWords: () => [], knowledge: { suggestions: { suggest: async () => [] }, waitMs: 300, timers: new NodeTimers(), logger: createLogger('silent') } },
      warnings: () => http.tickets.warningCounts(),
      admission: () => ({ mode: 'admit', since: new Date(0).toISOString() }),
      logger: createLogger('silent'),
      now: Date.now,
    });
    // As serve-http.ts wires it: every warning raised, refreshed or stepped goes to the supervisors' room.
    http.office.hotspots.onChanged((view) => gateway.hotspotChanged(view));
    server.addHook('preClose', async () => gateway.disconnectAll());
    url = await server.listen({ host: '127.0.0.1', port: 0 });
    // Background: orders about other places over the past weeks, each at a road of its own.
    const roads = ['人民路', '解放路', '中山路', '建设路', '和平路', '胜利路', '文化路', '光明路', '新华路', '长江路', '黄河路', '朝阳路', '青年路', '公园路', '学府路', '滨河路', '东风路', '五一路', '团结路', '幸福路'];
    for (let i = 0; i < 20; i += 1) {
      const at = T0 - (i + 1) * 20 * HOUR;
      const { ticket } = await http.tickets.closeCallWithTicket(callFacts(`bg${i}`, { callerNumber: `1390000${String(i).padStart(4, '0')}`, startedAt: at - 60_000, answeredAt: at - 50_000, endedAt: at }), at);
      await http.tickets.update(ticket.id, null, { categoryCode: i % 2 ? '0201' : '0104', area: '西城街道', location: `${roads[i]}${100 + i}号` }, []);
    }
    for (let i = 0; i < 6; i += 1) {
      const at = T0 + i * HOUR;
      const { ticket } = await http.tickets.closeCallWithTicket(callFacts(`leak${i}`, { callerNumber: `1370000${String(i).padStart(4, '0')}`, startedAt: at - 60_000, answeredAt: at - 50_000, endedAt: at }), at);
      await http.tickets.update(ticket.id, null, { categoryCode: '0202', area: '东城街道', location: `幸福小区3号楼${i + 1}单元`, title: '楼顶漏水' }, []);
      orderIds.push(ticket.id);
    }
    client = io(url, { auth: { token: http.tokenOf('supervisor') }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('connect_error', reject);
    });
  });
  afterAll(async () => {
    client.close();
    await server.close();
    await http.close();
  });

  it('raises the building’s cluster, lists it with its orders, and tells the supervisor’s socket once per warning', async () => {
    const heard: HotspotView[] = [];
    client.on('hotspot:changed', (view) => heard.push(view));
    const summary = await http.office.hotspots.service.run();
    const items: HotspotView[] = (await http.as('supervisor')({ method: 'GET', url: '/api/hotspots' })).json().items;
    // The six orders are both a cluster at the building and a surge of roof leaks in 东城街道 (none before).
    expect(items.map((w) => `${w.kind}:${w.area}`).sort()).toEqual(['cluster:东城街道', 'surge:东城街道']);
    expect(summary).toMatchObject({ day: '2026-11-23', findings: 2, created: 2, changed: 2 });
    const cluster = items.find((w) => w.kind === 'cluster');
    expect(cluster).toMatchObject({ state: 'new', area: '东城街道', orderCount: 6, from: '2026-11-23', to: '2026-11-23' });
    expect(cluster?.place).toContain('幸福小区3号楼');
    const detail = (await http.as('supervisor')({ method: 'GET', url: `/api/hotspots/${cluster?.id}` })).json();
    expect(detail.orders.map((o: { id: number }) => o.id)).toEqual([...orderIds].reverse());
    await expect.poll(() => heard.length).toBe(2);
    expect(heard.find((view) => view.id === cluster?.id)).toEqual(cluster);

    const again = await http.office.hotspots.service.run();
    expect(again).toMatchObject({ created: 0, changed: 0 });
    const dismissed = await http.as('supervisor')({ method: 'POST', url: `/api/hotspots/${cluster?.id}/steps`, payload: { step: 'dismiss', note: '已统一维修' } });
    expect(dismissed.statusCode).toBe(200);
    await expect.poll(() => heard.length).toBe(3);
    expect(heard[2]).toMatchObject({ id: cluster?.id, state: 'dismissed' });
  });
});
