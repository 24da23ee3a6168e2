// GET /api/reports/daily?day=YYYY-MM-DD: the GB/T indicators per queue for one China day, with the
// 24-hour connection rate (the day itself, or the last 24 hours for today).
import { dayStart } from '../day-param.js';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { ReportStore } from '../../adapters/db/report-store.js';
import { chinaDate } from '../../domain/calendar/china-calendar.js';
import { connectionRate24h, dailyReport } from '../../domain/reports/daily-report.js';

const Query = Type.Object({ day: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }, { additionalProperties: false });
const DAY_MS = 86_400_000;

export function reportRoutes(app: FastifyInstance, reports: ReportStore, now: () => number): void {
  app.get('/api/reports/daily', { config: { roles: ['supervisor', 'qa'] }, schema: { querystring: Query, tags: ['reports'] } }, async (request) => {
    const at = now();
    const day = (request.query as { day?: string }).day ?? chinaDate(at);
    const start = dayStart(day);
    const windowEnd = Math.min(start + DAY_MS, at);
    const outcomes = reports.outcomes(Math.min(start, windowEnd - DAY_MS), start + DAY_MS);
    return {
      report: dailyReport(outcomes, { day }),
      connectionRate24h: connectionRate24h(outcomes, windowEnd - DAY_MS, windowEnd),
      window24h: { from: new Date(windowEnd - DAY_MS).toISOString(), to: new Date(windowEnd).toISOString() },
    };
  });
}
