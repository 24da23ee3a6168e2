// The analysis page's figures (GET /api/analysis) and the weekly/monthly analysis report
// (民情分析报告): as JSON for the report page, one table of it as CSV, and the report page printed to
// PDF by the server. Supervisors and QA staff read them (permission analysis.read).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AnalysisService } from '../../app/analysis/analysis-service.js';
import type { ReportPrinter } from '../../app/ports/report-printer.js';
import type { TokenRecords } from '../../app/ports/token-records.js';
import type { HotspotView } from '../../contract/api/hotspots.js';
import { Analysis, AnalysisCsvQuery, AnalysisQuery, AnalysisReport, AnalysisReportQuery, type ReportPeriod } from '../../contract/api/analysis.js';
import { addDays, isLocalDate, type LocalDate } from '../../domain/calendar/china-time.js';
import { dayCount, FIRST_DAY, LAST_DAY } from '../../domain/reports/analysis-rows.js';
import { isoWeek, lastWholePeriod, periodStartProblem } from '../../domain/reports/analysis-report.js';
import { analysisTable } from '../../domain/reports/analysis-tables.js';
import { allow, userOf } from '../auth-guard.js';
import { attachmentDisposition, csvAttachment, csvReply } from '../csv-reply.js';
import { httpError } from '../http-error.js';
import { binaryReply, replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

/** The longest range the analysis page sums. */
export const MAX_ANALYSIS_DAYS = 400;
/** The page's default range: the last 30 days up to today. */
const DEFAULT_DAYS = 30;

export interface AnalysisRoutesDeps {
  readonly service: AnalysisService<HotspotView>;
  readonly printer: ReportPrinter;
  readonly tokens: Pick<TokenRecords, 'issue' | 'revoke'>;
  /** How long a print may take: the page's token lives a little longer. */
  readonly printTimeoutMs: number;
  readonly now: () => number;
}

const READ = allow('analysis.read');

export function analysisRoutes(app: FastifyInstance, deps: AnalysisRoutesDeps): void {
  const api = app.withTypeProvider<TypeBoxProvider>();

  const page = { querystring: AnalysisQuery, tags: ['analysis'], response: replies({ 200: Analysis }, ['REQUEST_INVALID', 'AUTH_FORBIDDEN', 'ANALYSIS_RANGE_INVALID']) };
  api.get('/api/analysis', { config: READ, schema: page }, async (request) => {
    const to = checkedDay(request.query.to ?? deps.service.today());
    const from = checkedDay(request.query.from ?? addDays(to, 1 - DEFAULT_DAYS));
    if (from > to) throw httpError('ANALYSIS_RANGE_INVALID', `from (${from}) is after to (${to})`);
    if (dayCount(from, to) > MAX_ANALYSIS_DAYS) throw httpError('ANALYSIS_RANGE_INVALID', `${dayCount(from, to)} days: ${MAX_ANALYSIS_DAYS} at most`);
    return deps.service.analysis(from, to);
  });

  const reportErrors = ['REQUEST_INVALID', 'AUTH_FORBIDDEN', 'REPORT_START_INVALID'] as const;
  const report = { querystring: AnalysisReportQuery, tags: ['analysis'], response: replies({ 200: AnalysisReport }, [...reportErrors]) };
  api.get('/api/reports/analysis', { config: READ, schema: report }, async (request) => {
    const start = checkedStart(request.query.period, request.query.start);
    return deps.service.report(request.query.period, start);
  });

  const csv = { querystring: AnalysisCsvQuery, tags: ['analysis'], response: replies({ 200: csvReply('One table of the analysis report') }, [...reportErrors]) };
  api.get('/api/reports/analysis.csv', { config: READ, schema: csv }, async (request, reply) => {
    const { period, table } = request.query;
    const start = checkedStart(period, request.query.start) ?? lastWholePeriod(period, deps.service.today()).from;
    const figures = await deps.service.report(period, start);
    const { header, rows } = analysisTable(table, figures.analysis, figures.warnings);
    return csvAttachment(reply, fileName(period, start, table, 'csv'), header, rows);
  });

  const pdf = { querystring: AnalysisReportQuery, tags: ['analysis'], response: replies({ 200: binaryReply('The analysis report as printed (A4)', 'application/pdf') }, [...reportErrors, 'REPORT_PDF_FAILED', 'REPORT_PDF_UNAVAILABLE']) };
  api.get('/api/reports/analysis.pdf', { config: READ, schema: pdf }, async (request, reply) => {
    const { period } = request.query;
    const start = checkedStart(period, request.query.start) ?? lastWholePeriod(period, deps.service.today()).from;
    const user = userOf(request);
    if (!deps.printer.available()) throw httpError('REPORT_PDF_UNAVAILABLE');
    // The page signs in as the requesting user with a token of its own, revoked once printed.
    const { token } = await deps.tokens.issue(user.id, user.role, deps.now(), deps.printTimeoutMs + 30_000);
    try {
      const printed = await deps.printer.print(`/report.html?period=${period}&start=${start}`, token);
      if (!printed.ok) throw httpError(printed.reason === 'unavailable' ? 'REPORT_PDF_UNAVAILABLE' : 'REPORT_PDF_FAILED');
      return sendFile(reply, fileName(period, start, null, 'pdf'), 'application/pdf', Buffer.from(printed.pdf));
    } finally {
      await deps.tokens.revoke(token, deps.now());
    }
  });
}

function checkedDay(day: string): LocalDate {
  if (!isLocalDate(day)) throw httpError('ANALYSIS_RANGE_INVALID', `'${day}' is not a calendar day`);
  if (day < FIRST_DAY || day > LAST_DAY) throw httpError('ANALYSIS_RANGE_INVALID', `${day} is outside ${FIRST_DAY}..${LAST_DAY}`);
  return day;
}

function checkedStart(period: ReportPeriod, start: LocalDate | undefined): LocalDate | undefined {
  if (start === undefined) return undefined;
  const problem = periodStartProblem(period, start);
  if (problem !== null) throw httpError('REPORT_START_INVALID', problem);
  return start;
}

/** 民情分析报告-2026-11-units.csv, 民情分析报告-2026-W48.pdf. */
function fileName(period: ReportPeriod, start: LocalDate, table: string | null, extension: string): string {
  const week = isoWeek(start);
  const when = period === 'month' ? start.slice(0, 7) : `${week.year}-W${String(week.week).padStart(2, '0')}`;
  return `民情分析报告-${when}${table === null ? '' : `-${table}`}.${extension}`;
}

function sendFile(reply: FastifyReply, name: string, type: string, body: Buffer): Buffer {
  void reply.header('content-type', type).header('content-disposition', attachmentDisposition(name));
  return body;
}
