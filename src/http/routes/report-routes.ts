// GET /api/reports/daily?day=YYYY-MM-DD: the GB/T indicators per queue for one China day, with the
// 24-hour connection rate (the day itself, or the last 24 hours for today) and the work after the
// call that day (units' signs within the target, reminders, automatic return visits).
import type { FastifyInstance } from 'fastify';
import { allow } from '../auth-guard.js';
import type { ReportRecords } from '../../app/ports/report-records.js';
import { DailyReportQuery, DailyReportReply } from '../../contract/api/reports.js';
import { chinaDate } from '../../domain/calendar/china-calendar.js';
import { connectionRate24h, dailyReport } from '../../domain/reports/daily-report.js';
import { followUpFigures } from '../../domain/reports/follow-up-figures.js';
import { dayStart } from '../day-param.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

const DAY_MS = 86_400_000;

export function reportRoutes(app: FastifyInstance, reports: ReportRecords, now: () => number, signWithinMs: number): void {
  const schema = { querystring: DailyReportQuery, tags: ['reports'], response: replies({ 200: DailyReportReply }, ['REQUEST_INVALID', 'AUTH_FORBIDDEN']) };
  app.withTypeProvider<TypeBoxProvider>().get('/api/reports/daily', { config: allow('report.read'), schema }, async (request) => {
    const at = now();
    const day = request.query.day ?? chinaDate(at);
    const start = dayStart(day);
    const windowEnd = Math.min(start + DAY_MS, at);
    const outcomes = await reports.outcomes(Math.min(start, windowEnd - DAY_MS), start + DAY_MS);
    const rows = await reports.followUpRows(start, start + DAY_MS);
    return {
      report: dailyReport(outcomes, { day }),
      followUp: followUpFigures({ day, ...rows, signWithinMs }),
      connectionRate24h: connectionRate24h(outcomes, windowEnd - DAY_MS, windowEnd),
      window24h: { from: new Date(windowEnd - DAY_MS).toISOString(), to: new Date(windowEnd).toISOString() },
    };
  });
}
