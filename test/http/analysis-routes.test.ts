// GET /api/analysis and the analysis report (JSON, CSV, PDF) over a hand-built week of orders: the
// ranges and starts refused with their codes, who may read them, the CSV's bytes (BOM, Chinese header,
// quoting), the PDF's token (valid while printing, revoked after), and hostile input never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { HotspotStore } from '../../src/adapters/db/hotspot-store.js';
import { TokenStore } from '../../src/adapters/db/token-store.js';
import type { PrintResult, ReportPrinter } from '../../src/app/ports/report-printer.js';
import { chinaInstant } from '../../src/domain/calendar/china-time.js';
import type { HotspotFinding } from '../../src/domain/hotspots/hotspot-facts.js';
import { callFacts } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

// Saturday 2026-12-05, 15:00 China time: the last whole week is 11-23..11-29, the last whole month November.
const NOW = chinaInstant('2026-12-05', 15 * 60);
const H = 3_600_000;
const HOSTILE_AREA = '东城街道,"南区"\n二号';

const code = (response: LightMyRequestResponse): string => response.json<{ error: { code: string } }>().error.code;

class FakePrinter implements ReportPrinter {
  readonly prints: { path: string; ownerAtPrint: string | null }[] = [];
  lastToken = '';
  constructor(private readonly tokens: TokenStore, private readonly result: (path: string) => PrintResult) {}
  available(): boolean {
    return true;
  }
  async print(path: string, token: string): Promise<PrintResult> {
    this.lastToken = token;
    this.prints.push({ path, ownerAtPrint: (await this.tokens.verify(token, NOW))?.userId ?? null });
    return this.result(path);
  }
}

describe('analysis routes', () => {
  let http: HttpTestApp;
  let printer: FakePrinter;
  let fail = false;

  beforeAll(async () => {
    let tokens: TokenStore | null = null;
    const late = { verify: (token: string, now: number) => (tokens as TokenStore).verify(token, now) } as TokenStore;
    printer = new FakePrinter(late, (path) => (fail ? { ok: false, reason: 'failed', message: 'timeout' } : { ok: true, pdf: new TextEncoder().encode(`%PDF-1.4 ${path}`) }));
    http = await startHttpTestApp({ now: () => NOW, reportPrinter: printer });
    tokens = new TokenStore(http.database.db);
    const orders: [string, number, Record<string, unknown>][] = [
      ['w1', chinaInstant('2026-11-23', 9 * 60), { requestType: 'complaint', categoryCode: '0202', area: HOSTILE_AREA, mainUnit: 'housing-bureau', replyBy: chinaInstant('2026-11-27'), handledAt: chinaInstant('2026-11-24'), satisfaction: 'satisfied' }],
      ['w2', chinaInstant('2026-11-25', 14 * 60), { requestType: 'complaint', categoryCode: '0202', area: '西城街道', mainUnit: 'housing-bureau', replyBy: chinaInstant('2026-11-26'), handledAt: chinaInstant('2026-11-28'), satisfaction: 'dissatisfied' }],
      ['w3', chinaInstant('2026-11-29', 20 * 60), { requestType: 'help', categoryCode: '0401', area: '西城街道', mainUnit: 'traffic-police' }],
      ['p1', chinaInstant('2026-11-18', 10 * 60), { requestType: 'complaint', categoryCode: '0202', area: '西城街道' }],
    ];
    for (const [id, at, order] of orders) {
      await http.tickets.closeCallWithTicket(callFacts(id, { startedAt: at, answeredAt: at + 100, queue: 'general', queuedAt: at + 1_000, agentId: '8001', agentAnsweredAt: at + 6_000, conversationEndedAt: at + 60_000, endedAt: at + 61_000 }), at + 61_000);
      const ticket = await http.tickets.getByCall(id);
      if (!ticket) throw new Error(id);
      await http.tickets.update(ticket.id, null, order, []);
    }
    const hotspots = new HotspotStore(http.database.db, http.database.sqlite);
    const finding = (key: string, kind: HotspotFinding['kind'], score: number): HotspotFinding => ({ key, kind, categoryCode: '0202', area: '西城街道', place: kind === 'repeat' ? '幸福小区3号楼' : null, from: '2026-11-24', to: '2026-11-26', observed: 2, expected: 0.4, score, reason: `西城街道·屋顶漏水 ${kind}`, orderIds: [], select: null });
    await hotspots.upsert(finding('surge-1', 'surge', 3.2), [2], NOW - H);
    await hotspots.upsert(finding('repeat-1', 'repeat', 5.5), [1, 2], NOW - H);
  });
  afterAll(() => http.close());

  it('sums the last 30 days by default and any range up to 400 days', async () => {
    const page = await http.as('supervisor')({ method: 'GET', url: '/api/analysis' });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ from: '2026-11-06', to: '2026-12-05', totals: { calls: 4, orders: 4, answered: 4, answeredWithinTarget: 4 } });
    const week = (await http.as('qa')({ method: 'GET', url: '/api/analysis?from=2026-11-23&to=2026-11-29' })).json();
    expect(week.totals).toEqual({ calls: 3, answered: 3, answeredWithinTarget: 3, abandoned: 0, orders: 3, answerRate: 1, serviceLevel: 1, onTimeRate: 0.5, satisfactionRate: 0.5 });
    expect(week.topCategories[0]).toMatchObject({ categoryCode: '0202', name: '屋顶漏水', count: 2, previous: 1, change: 1 });
    expect(week.units.map((u: { name: string }) => u.name)).toEqual(['市住房和城乡建设局', '市公安局交警支队']);
    expect((await http.as('supervisor')({ method: 'GET', url: '/api/analysis?from=2025-11-01&to=2026-12-04' })).statusCode).toBe(200);
  });

  it('refuses a backwards, too long or impossible range with ANALYSIS_RANGE_INVALID', async () => {
    for (const query of ['from=2026-11-30&to=2026-11-01', 'from=2025-10-30&to=2026-12-04', 'from=2026-02-30&to=2026-03-01', 'to=2026-13-01']) {
      const response = await http.as('supervisor')({ method: 'GET', url: `/api/analysis?${query}` });
      expect([response.statusCode, code(response)], query).toEqual([400, 'ANALYSIS_RANGE_INVALID']);
    }
    const shape = await http.as('supervisor')({ method: 'GET', url: '/api/analysis?from=yesterday' });
    expect([shape.statusCode, code(shape)]).toEqual([400, 'REQUEST_INVALID']);
  });

  it('lets supervisors, QA staff and admins read; agents, units and kb-editors not', async () => {
    for (const [user, status] of [['supervisor', 200], ['qa', 200], ['admin', 200], ['8001', 403], ['housing', 403], ['editor', 403]] as const) {
      for (const url of ['/api/analysis', '/api/reports/analysis?period=week', '/api/reports/analysis.csv?period=week&table=days']) {
        expect((await http.as(user)({ method: 'GET', url })).statusCode, `${user} ${url}`).toBe(status);
      }
    }
    expect((await http.app.inject({ method: 'GET', url: '/api/analysis' })).statusCode).toBe(401);
  });

  it('reports the last whole week by default, titled, against the week before, with its warnings strongest first', async () => {
    const report = (await http.as('supervisor')({ method: 'GET', url: '/api/reports/analysis?period=week' })).json();
    expect(report.title).toBe('2026年第48周民情分析报告 (11月23日—11月29日)');
    expect(report.analysis).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });
    expect(report.previous).toMatchObject({ from: '2026-11-16', to: '2026-11-22', calls: 1, orders: 1 });
    expect(report.warnings.map((w: { kind: string; orderCount: number; categoryName: string }) => [w.kind, w.orderCount, w.categoryName])).toEqual([['repeat', 2, '屋顶漏水'], ['surge', 1, '屋顶漏水']]);
    expect(report.repeats).toBe(2);
    const month = (await http.as('supervisor')({ method: 'GET', url: '/api/reports/analysis?period=month&start=2026-11-01' })).json();
    expect([month.title, month.analysis.to, month.analysis.totals.orders]).toEqual(['2026年11月民情分析报告', '2026-11-30', 4]);
  });

  it('refuses a start that does not begin the period with REPORT_START_INVALID', async () => {
    for (const url of ['/api/reports/analysis?period=week&start=2026-11-24', '/api/reports/analysis?period=month&start=2026-11-02', '/api/reports/analysis.csv?period=month&start=2026-02-30&table=days', '/api/reports/analysis.pdf?period=week&start=2026-11-22']) {
      const response = await http.as('supervisor')({ method: 'GET', url });
      expect([response.statusCode, code(response)], url).toEqual([400, 'REPORT_START_INVALID']);
    }
  });

  it('gives one table as CSV: UTF-8 with a BOM, a Chinese header, quoted commas, quotes and newlines, a Chinese file name', async () => {
    const response = await http.as('supervisor')({ method: 'GET', url: '/api/reports/analysis.csv?period=month&start=2026-11-01&table=heat' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="analysis-report-2026-11-heat.csv"; filename*=UTF-8''${encodeURIComponent('民情分析报告-2026-11-heat.csv')}`);
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1)).toBe('区域,住房保障与物业,交通运输\r\n西城街道,2,1\r\n"东城街道,""南区""\n二号",1,0\r\n');
    const units = await http.as('supervisor')({ method: 'GET', url: '/api/reports/analysis.csv?period=week&table=units' });
    expect(units.body.slice(1).split('\r\n').slice(0, 3)).toEqual(['承办单位,工单量,已答复,按时答复,按时答复率(%),已评价,满意,满意率(%)', '市住房和城乡建设局,2,2,1,50,2,1,50', '市公安局交警支队,1,0,0,,0,0,']);
    const warnings = await http.as('supervisor')({ method: 'GET', url: '/api/reports/analysis.csv?period=week&start=2026-11-23&table=warnings' });
    expect(warnings.headers['content-disposition']).toContain(encodeURIComponent('民情分析报告-2026-W48-warnings.csv'));
    expect(warnings.body.split('\r\n')[1]).toMatch(/^屡办不成,新预警,屋顶漏水,西城街道,幸福小区3号楼,2026-11-24,2026-11-26,2,0.4,5.5,/);
  });

  it('prints the report page with a token of the requester valid while printing and revoked after', async () => {
    const response = await http.as('qa')({ method: 'GET', url: '/api/reports/analysis.pdf?period=month' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('民情分析报告-2026-11.pdf'));
    expect(response.body).toBe('%PDF-1.4 /report.html?period=month&start=2026-11-01');
    expect(printer.prints.at(-1)).toEqual({ path: '/report.html?period=month&start=2026-11-01', ownerAtPrint: 'qa' });
    const afterwards = await http.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${printer.lastToken}` } });
    expect(afterwards.statusCode).toBe(401);
    fail = true;
    const failed = await http.as('supervisor')({ method: 'GET', url: '/api/reports/analysis.pdf?period=week' });
    fail = false;
    expect([failed.statusCode, code(failed)]).toEqual([503, 'REPORT_PDF_FAILED']);
  });

  it('answers REPORT_PDF_UNAVAILABLE when no Chromium is installed', async () => {
    const bare = await startHttpTestApp({ now: () => NOW, env: { HOTLINE_CHROMIUM_PATH: '/nonexistent/chromium' }, reportPrinter: 'chromium' });
    try {
      const tokens = () => bare.database.sqlite.prepare('select count(*) as n from auth_tokens').get();
      const before = tokens();
      const response = await bare.as('supervisor')({ method: 'GET', url: '/api/reports/analysis.pdf?period=week' });
      expect([response.statusCode, code(response)]).toEqual([503, 'REPORT_PDF_UNAVAILABLE']);
      // Refused before a sign-in token was issued for the page.
      expect(tokens()).toEqual(before);
    } finally {
      await bare.close();
    }
  });

  it('never answers hostile input with a 5xx', async () => {
    const urls = [
      '/api/analysis?from=0000-01-01&to=0000-01-02',
      '/api/analysis?from=9999-12-30&to=9999-12-31',
      '/api/analysis?from=9998-12-30&to=9998-12-31',
      '/api/analysis?from=1969-12-31&to=1970-01-01',
      '/api/analysis?to=1970-01-01',
      '/api/analysis?from=2026-11-01&to=2026-11-01&from=2026-11-02',
      '/api/analysis?from=2026-11-01%00',
      '/api/analysis?extra=1',
      '/api/reports/analysis?period=year',
      '/api/reports/analysis?period=week&start=0001-01-01',
      '/api/reports/analysis?period=month&start=9999-12-01',
      '/api/reports/analysis?period=week&start=%E4%B8%AD',
      '/api/reports/analysis.csv?period=week&table=../../etc/passwd',
      '/api/reports/analysis.csv?period=week',
      '/api/reports/analysis.csv?period=week&table=days&table=units',
      '/api/reports/analysis.pdf?period=month&start=2026-11-01&x=%0d%0a',
    ];
    for (const url of urls) {
      const response = await http.as('supervisor')({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(500);
    }
  });
});
